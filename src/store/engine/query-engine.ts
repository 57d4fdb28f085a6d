import { createRequire } from 'node:module';
import type * as Mingo from 'mingo';
import type * as MingoUpdateOperators from 'mingo/operators/update';

const require = createRequire(import.meta.url);
let mingoModule: typeof Mingo | undefined;
let updateOperatorsModule: typeof MingoUpdateOperators | undefined;

/**
 * mingo, loaded on first use. It is hundreds of small CommonJS files (half a second or more to
 * load), and neither rebuilding the data at start-up nor the commonest queries (plain field
 * equalities, `_id` lookups) need it, so the store listens first and loads it just after
 * (`preloadQueryEngine`) or when a query needs it, whichever comes first.
 */
export function mingo(): typeof Mingo {
  mingoModule ??= require('mingo') as typeof Mingo;
  return mingoModule;
}

/** mingo's update operator functions (`$set`, `$inc`...). */
export function mingoUpdateOperators(): typeof MingoUpdateOperators {
  updateOperatorsModule ??= require('mingo/operators/update') as typeof MingoUpdateOperators;
  return updateOperatorsModule;
}

/** Loads mingo in the background, once the store is up. */
export function preloadQueryEngine(): void {
  setImmediate(() => {
    mingo();
    mingoUpdateOperators();
  });
}
