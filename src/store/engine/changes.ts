import type { Doc } from '../values/documents.ts';
import type { IndexSpec } from './index-spec.ts';

/**
 * One change to the data, as applied in memory and written to the journal. Documents travel
 * as full images (never as update operators), so replaying a change gives the same result
 * however often it runs and whatever mingo version reads it.
 */
export type Change =
  | { t: 'insert'; db: string; c: string; doc: Doc }
  | { t: 'replace'; db: string; c: string; doc: Doc }
  | { t: 'delete'; db: string; c: string; id: unknown }
  | { t: 'createCollection'; db: string; c: string; options: Doc }
  | { t: 'dropCollection'; db: string; c: string }
  | { t: 'createIndex'; db: string; c: string; spec: IndexSpec }
  | { t: 'dropIndex'; db: string; c: string; name: string }
  | { t: 'dropDatabase'; db: string };

/** Receives every committed batch of changes, in commit order (the journal). */
export interface ChangeLog {
  /** Throws when changes can no longer be recorded (the journal failed): nothing may change then. */
  assertWritable(): void;
  /** Queues the batch for writing; returns its position, to wait on with `waitDurable`. */
  append(seq: number, changes: Change[]): number;
}
