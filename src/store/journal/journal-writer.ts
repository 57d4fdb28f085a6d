import fs from 'node:fs';
import type { Change, ChangeLog } from '../engine/changes.ts';
import { StoreError } from '../errors.ts';
import { encodeBatch } from './journal-records.ts';

/**
 * Opens a journal for writing. When durable, with O_DSYNC: each write returns once its data
 * is on disk, one system call per group-commit round instead of a write and an fdatasync.
 * Writes name their offset (rounds may overlap), so the file is not opened for appending.
 */
export function openJournalFile(path: string, isDurable: boolean): number {
  const { O_WRONLY, O_CREAT, O_DSYNC } = fs.constants;
  return fs.openSync(path, O_WRONLY | O_CREAT | (isDurable && HAS_DSYNC ? O_DSYNC : 0), 0o644);
}

/** Windows has no O_DSYNC: there, each round is followed by an fdatasync instead. */
const HAS_DSYNC = typeof fs.constants.O_DSYNC === 'number';

/**
 * Rounds written at the same time. Durable writes spend most of their time waiting for the
 * device; overlapping them lets the filesystem share its flushes (measured here: two at a time
 * give 2-3 times the durable writes per second of one), so a commit waits for its own round
 * rather than for the one before it too. Two, not more: four measured no better within this
 * machine's noise, cost more rounds (CPU) per commit, and would take every thread of libuv's
 * pool, which the rest of the process (fs, crypto, dns) shares.
 */
const MAX_ROUNDS_IN_FLIGHT = 2;

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A write to one file of everything queued for it when the round started. */
interface FileWrite {
  fd: number;
  at: number;
  buffers: Buffer[];
}

/**
 * Appends committed batches to the journal and makes them durable with group commit: every
 * batch committed while earlier rounds are being written queues up, and the next round writes
 * them all at once. A reply waits until its position is durable, that is, until its round and
 * every earlier one have reached the disk.
 */
export class JournalWriter implements ChangeLog {
  /** Size of the current journal file, for the compaction trigger. */
  bytes: number;
  private appended = 0;
  private durable = 0;
  private pending: FileWrite[] = [];
  /** Rounds under way, oldest first; `upTo` is the last position each one covers. */
  private rounds: Array<{ upTo: number; isDone: boolean }> = [];
  private waiters: Waiter[] = [];
  private failure: Error | undefined;
  /** Where the next write to each file goes. */
  private readonly ends = new Map<number, number>();
  /** Called after each round reaches the disk (compaction checks its trigger there). */
  onFlushed: (() => void) | undefined;

  constructor(
    private fd: number,
    bytes: number,
    private readonly isDurable: boolean,
  ) {
    this.bytes = bytes;
    this.ends.set(fd, bytes);
  }

  assertWritable(): void {
    if (this.failure) throw new StoreError('InternalError', `The journal cannot be written (${this.failure.message}); the store is read-only`);
  }

  append(seq: number, changes: Change[]): number {
    this.assertWritable();
    const records = encodeBatch(seq, changes);
    let last = this.pending[this.pending.length - 1];
    if (!last || last.fd !== this.fd) this.pending.push((last = { fd: this.fd, at: 0, buffers: [] }));
    for (const record of records) {
      last.buffers.push(record);
      this.bytes += record.length;
    }
    this.appended += 1;
    if (!this.isDurable) this.startRounds();
    return this.appended;
  }

  waitDurable(position: number): Promise<void> {
    return this.isDurable ? this.waitWritten(position) : Promise.resolve();
  }

  /** Resolves once everything up to `position` is written (synced too when durable). */
  waitWritten(position: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (position <= this.durable) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ position, resolve, reject });
      this.startRounds();
    });
  }

  /** Sends later appends to a new file (already holding its header); returns the position of the last batch in the old one. */
  switchTo(fd: number): number {
    this.fd = fd;
    this.bytes = 0;
    this.ends.set(fd, fs.fstatSync(fd).size);
    return this.appended;
  }

  /** Writes everything appended so far and syncs the current file (shutdown, compaction). */
  async flushAll(): Promise<void> {
    await this.waitWritten(this.appended);
    await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
  }

  private startRounds(): void {
    while (this.pending.length > 0 && this.rounds.length < MAX_ROUNDS_IN_FLIGHT && !this.failure) {
      const writes = this.pending;
      this.pending = [];
      for (const write of writes) {
        write.at = this.ends.get(write.fd) ?? 0;
        this.ends.set(write.fd, write.at + write.buffers.reduce((sum, buffer) => sum + buffer.length, 0));
      }
      const round = { upTo: this.appended, isDone: false };
      this.rounds.push(round);
      writeRound(writes, this.isDurable).then(
        () => this.finishRound(round),
        (error: unknown) => this.fail(error as Error),
      );
    }
  }

  private finishRound(round: { isDone: boolean }): void {
    if (this.failure) return;
    round.isDone = true;
    while (this.rounds.length > 0 && this.rounds[0].isDone) this.durable = this.rounds.shift()!.upTo;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= this.durable) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
    this.onFlushed?.();
    this.startRounds();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiters) waiter.reject(this.failure);
    this.waiters = [];
  }
}

/** Durable journals are opened with O_DSYNC (openJournalFile): a completed write is on disk. */
async function writeRound(writes: FileWrite[], isDurable: boolean): Promise<void> {
  for (const write of writes) {
    await writeFully(write.fd, write.buffers, write.at);
    if (isDurable && !HAS_DSYNC) await new Promise<void>((resolve, reject) => fs.fdatasync(write.fd, (error) => (error ? reject(error) : resolve())));
  }
}

/** One writev per round; a short write (rare: a full disk, a signal) continues where it stopped. */
async function writeFully(fd: number, buffers: Buffer[], at: number): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    const written = await new Promise<number>((resolve, reject) => fs.writev(fd, rest, at, (error, bytes) => (error ? reject(error) : resolve(bytes))));
    if (written === 0) throw new Error('the journal file accepted no bytes');
    at += written;
    rest = skipBytes(rest, written);
  }
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  const rest: Buffer[] = [];
  for (const buffer of buffers) {
    if (count >= buffer.length) count -= buffer.length;
    else {
      rest.push(count > 0 ? buffer.subarray(count) : buffer);
      count = 0;
    }
  }
  return rest;
}
