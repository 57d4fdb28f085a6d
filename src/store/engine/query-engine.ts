import { createRequire } from 'node:module';
import type * as Mingo from 'mingo';
import type * as MingoUpdateOperators from 'mingo/operators/update';

const require = createRequire(import.meta.url);
let mingoModule: typeof Mingo | undefined;
let updateOperatorsModule: typeof MingoUpdateOperators | undefined;

/**
 * mingo, loaded on first use. It is hundreds of small CommonJS files (a quarter to half a
 * second of blocked event loop), and neither rebuilding the data at start-up nor the commonest
 * queries (plain field equalities, `_id` lookups) need it. So it is loaded when a query needs
 * it, or in the background a little after the store is up (`preloadQueryEngine`), whichever
 * comes first.
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

/**
 * In-process the store shares the event loop with the app, which is still starting when the
 * store listens (connecting, creating indexes, building its routes): loading mingo right then
 * delayed `npm start` being ready by as long as the load took. A few seconds later the app is
 * up and the load costs nobody a wait, unless a query needed mingo first.
 */
const PRELOAD_DELAY_MS = 3_000;

/** Loads mingo in the background, a little after the store is up; returns a cancel for shutdown. */
export function preloadQueryEngine(): () => void {
  const timer = setTimeout(() => {
    mingo();
    mingoUpdateOperators();
  }, PRELOAD_DELAY_MS);
  timer.unref();
  return () => clearTimeout(timer);
}
