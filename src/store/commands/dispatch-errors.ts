import { fromQueryEngineError, StoreError } from '../errors.ts';

/**
 * Operational failures (a StoreError, or mingo refusing a query) become what the client sees;
 * anything else is a bug in the store and is rethrown so the dispatcher logs it.
 */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (error instanceof Error && error.constructor.name === 'MingoError') return fromQueryEngineError(error);
  throw error;
}
