import fs from 'node:fs';
import { calculateObjectSize, serialize } from 'bson';
import type { Change, ChangeLog } from '../engine/changes.ts';
import { StoreError } from '../errors.ts';
import { frameRecord } from './record-format.ts';

/**
 * Opens a journal for appending. When durable, with O_DSYNC: each write returns once its data
 * is on disk, one system call per group-commit round instead of a write and an fdatasync.
 */
export function openJournalFile(path: string, isDurable: boolean): number {
  const { O_WRONLY, O_APPEND, O_CREAT, O_DSYNC } = fs.constants;
  return fs.openSync(path, O_WRONLY | O_APPEND | O_CREAT | (isDurable && HAS_DSYNC ? O_DSYNC : 0), 0o644);
}

/** Windows has no O_DSYNC: there, each round is followed by an fdatasync instead. */
const HAS_DSYNC = typeof fs.constants.O_DSYNC === 'number';

/** A batch bigger than this is split over several records, marked `more`, replayed together or not at all. */
const MAX_RECORD_PAYLOAD = 4 * 1024 * 1024;

interface PendingWrite {
  fd: number;
  bytes: Buffer;
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends committed batches to the journal and makes them durable with group commit: while
 * one synchronous write is under way, every batch committed meanwhile queues up, and the next
 * round writes them all at once. A reply waits for its position to be durable.
 */
export class JournalWriter implements ChangeLog {
  /** Size of the current journal file, for the compaction trigger. */
  bytes: number;
  private appended = 0;
  private durable = 0;
  private pending: PendingWrite[] = [];
  private waiters: Waiter[] = [];
  private isFlushing = false;
  private failure: Error | undefined;
  /** Called after each round reaches the disk (compaction checks its trigger there). */
  onFlushed: (() => void) | undefined;

  constructor(
    private fd: number,
    bytes: number,
    private readonly isDurable: boolean,
  ) {
    this.bytes = bytes;
  }

  assertWritable(): void {
    if (this.failure) throw new StoreError('InternalError', `The journal cannot be written (${this.failure.message}); the store is read-only`);
  }

  append(seq: number, changes: Change[]): number {
    this.assertWritable();
    for (const payload of encodeBatch(seq, changes)) {
      const bytes = frameRecord(payload);
      this.pending.push({ fd: this.fd, bytes });
      this.bytes += bytes.length;
    }
    this.appended += 1;
    if (!this.isDurable) this.startFlushing();
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
      this.startFlushing();
    });
  }

  /** Sends later appends to a new file; returns the position of the last batch in the old one. */
  switchTo(fd: number): number {
    this.fd = fd;
    this.bytes = 0;
    return this.appended;
  }

  /** Writes everything appended so far and syncs the current file (shutdown, compaction). */
  async flushAll(): Promise<void> {
    await this.waitWritten(this.appended);
    await fdatasync(this.fd);
  }

  private startFlushing(): void {
    if (!this.isFlushing) void this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    this.isFlushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const upTo = this.appended;
        // Durable journals are opened with O_DSYNC (openJournalFile): a completed write is on disk.
        for (const group of groupByFile(batch)) {
          await writeFully(group.fd, Buffer.concat(group.buffers));
          if (this.isDurable && !HAS_DSYNC) await fdatasync(group.fd);
        }
        this.durable = upTo;
        this.settle();
        this.onFlushed?.();
      }
    } catch (error) {
      this.failure = error as Error;
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
    } finally {
      this.isFlushing = false;
    }
  }

  private settle(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= this.durable) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }
}

function encodeBatch(seq: number, changes: Change[]): Uint8Array[] {
  if (changes.length === 1) return [serialize({ s: seq, c: changes })];
  const payloads: Uint8Array[] = [];
  let chunk: Change[] = [];
  let size = 0;
  for (const change of changes) {
    const changeSize = calculateObjectSize(change);
    if (chunk.length > 0 && size + changeSize > MAX_RECORD_PAYLOAD) {
      payloads.push(serialize({ s: seq, c: chunk, more: true }));
      chunk = [];
      size = 0;
    }
    chunk.push(change);
    size += changeSize;
  }
  payloads.push(serialize({ s: seq, c: chunk }));
  return payloads;
}

function groupByFile(batch: PendingWrite[]): Array<{ fd: number; buffers: Buffer[] }> {
  const groups: Array<{ fd: number; buffers: Buffer[] }> = [];
  for (const write of batch) {
    const last = groups[groups.length - 1];
    if (last && last.fd === write.fd) last.buffers.push(write.bytes);
    else groups.push({ fd: write.fd, buffers: [write.bytes] });
  }
  return groups;
}

async function writeFully(fd: number, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    offset += await new Promise<number>((resolve, reject) => {
      fs.write(fd, buffer, offset, buffer.length - offset, null, (error, written) => (error ? reject(error) : resolve(written)));
    });
  }
}

function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}
