import type { Doc } from './values/documents.ts';

/** mongod's numeric error codes for the failures this store reports, by codeName. */
export const ERROR_CODES = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  AuthenticationFailed: 18,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CannotCreateIndex: 67,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  CommandNotSupported: 115,
  ConflictingOperationInProgress: 117,
  InvalidPipelineOperator: 168,
  CannotIndexParallelArrays: 171,
  TransactionTooOld: 225,
  NoSuchTransaction: 251,
  OperationNotSupportedInTransaction: 263,
  DuplicateKey: 11000,
  Location40324: 40324,
} as const;

export type CodeName = keyof typeof ERROR_CODES;

/**
 * An error the client is meant to see: it becomes `{ ok: 0, errmsg, code, codeName }` (or a
 * write error), with the same code mongod would send so drivers and mongoose react alike.
 */
export class StoreError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly labels: string[];
  /** Extra top-level reply fields, such as `keyPattern`/`keyValue` of a duplicate key. */
  readonly details: Doc;

  constructor(codeName: CodeName, message: string, options: { labels?: string[]; details?: Doc } = {}) {
    super(message);
    this.name = 'StoreError';
    this.codeName = codeName;
    this.code = ERROR_CODES[codeName];
    this.labels = options.labels ?? [];
    this.details = options.details ?? {};
  }
}

/** mongod's answer when another commit changed a document this transaction writes; the driver retries. */
export function writeConflict(): StoreError {
  return new StoreError('WriteConflict', 'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.', {
    labels: ['TransientTransactionError'],
  });
}

/** The reply body of a failed command. */
export function errorReply(error: StoreError): Doc {
  const reply: Doc = { ok: 0, errmsg: error.message, code: error.code, codeName: error.codeName, ...error.details };
  if (error.labels.length > 0) reply.errorLabels = error.labels;
  return reply;
}

/** One entry of `writeErrors` in an insert/update/delete reply. */
export function writeErrorEntry(index: number, error: StoreError): Doc {
  return { index, code: error.code, errmsg: error.message, ...error.details };
}

/**
 * mingo throws plain errors; turn its messages into mongod's codes so clients can tell an
 * unknown operator or stage from a bug in the store.
 */
export function fromQueryEngineError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  let match = /unregistered pipeline operator (\$\w+)/.exec(message);
  if (match) return new StoreError('Location40324', `Unrecognized pipeline stage name: '${match[1]}'`);
  match = /'?(\$\w+)'? is not registered/.exec(message);
  if (match) return new StoreError('InvalidPipelineOperator', `Unrecognized expression '${match[1]}'`);
  match = /Unknown update operator: '(\$\w+)'/.exec(message);
  if (match) {
    return new StoreError('FailedToParse', `Unknown modifier: ${match[1]}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  match = /unknown top level operator: (\$\w+)/.exec(message);
  if (match) return new StoreError('BadValue', `unknown top level operator: ${match[1]} (not supported by the embedded store)`);
  match = /(Performing an update on the path '.*' would modify the immutable field '.*')/.exec(message);
  if (match) return new StoreError('ImmutableField', match[1]);
  match = /unknown query operator (\$\w+)/.exec(message);
  if (match) return new StoreError('BadValue', `unknown operator: ${match[1]}`);
  return new StoreError('BadValue', message);
}
