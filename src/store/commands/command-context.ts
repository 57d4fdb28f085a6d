import type { Logger } from 'pino';
import type { CursorRegistry } from '../cursors/cursor-registry.ts';
import type { DataAccess } from '../engine/data-access.ts';
import type { StorageEngine } from '../engine/storage-engine.ts';
import { StoreError } from '../errors.ts';
import type { SessionRegistry } from '../transactions/session-registry.ts';
import type { Transaction } from '../transactions/transaction.ts';
import { isPlainObject, type Doc } from '../values/documents.ts';

/** What every command may use: the data, cursors, sessions, the logger. */
export interface StoreServices {
  readonly engine: StorageEngine;
  readonly cursors: CursorRegistry;
  readonly sessions: SessionRegistry;
  readonly logger: Logger;
  readonly startedAt: Date;
}

/** One command being run. */
export interface CommandContext {
  readonly name: string;
  readonly db: string;
  readonly body: Doc;
  /** Committed data, or the open transaction's view of it. */
  readonly data: DataAccess;
  readonly services: StoreServices;
  readonly connectionId: number;
  /** The transaction this command belongs to, if any. */
  readonly transaction: Transaction | undefined;
  /** Notes a journal position the reply must wait for (made durable) before it is sent. */
  recordCommit(position: number): void;
}

export type CommandHandler = (context: CommandContext) => Doc | Promise<Doc>;

/** The collection a command names in its first field (`{ find: "users" }`). */
export function collectionArg(context: CommandContext): string {
  const name = context.body[context.name];
  if (typeof name !== 'string' || name.length === 0) {
    throw new StoreError('InvalidNamespace', `collection name has invalid type ${typeof name}`);
  }
  if (name.includes('\0') || name.startsWith('.') || name.startsWith('$')) {
    throw new StoreError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
  return name;
}

export function docArg(body: Doc, field: string, command: string): Doc | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new StoreError('TypeMismatch', `BSON field '${command}.${field}' is the wrong type '${typeof value}', expected type 'object'`);
  return value;
}

export function arrayArg(body: Doc, field: string, command: string): unknown[] {
  const value = body[field];
  if (!Array.isArray(value)) throw new StoreError('TypeMismatch', `BSON field '${command}.${field}' is missing or is not an array`);
  return value;
}

export function numberArg(body: Doc, field: string, command: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isFinite(number)) throw new StoreError('TypeMismatch', `BSON field '${command}.${field}' is the wrong type, expected a number`);
  return number;
}

/** Options a command may carry that this store does not honour get a clear refusal, not silence. */
export function refuseOptions(body: Doc, command: string, options: string[]): void {
  for (const option of options) {
    if (body[option] !== undefined && body[option] !== null && body[option] !== false) {
      throw new StoreError('InvalidOptions', `The embedded store does not support '${command}.${option}'`);
    }
  }
}

/** A collation is accepted only when it is the default binary comparison. */
export function refuseCollation(body: Doc, command: string): void {
  const collation = body.collation;
  if (collation === undefined || collation === null) return;
  if (isPlainObject(collation) && (collation.locale === 'simple' || Object.keys(collation).length === 0)) return;
  throw new StoreError('InvalidOptions', `The embedded store does not support collations ('${command}.collation'); only { locale: "simple" }`);
}
