import fs from 'node:fs';
import type { Logger } from 'pino';
import type { StorageEngine } from '../engine/storage-engine.ts';
import type { DataDirectory } from './data-directory.ts';
import { openJournalFile, type JournalWriter } from './journal-writer.ts';
import { JOURNAL_MAGIC } from './record-format.ts';
import { captureState, writeSnapshot } from './snapshot-file.ts';

/**
 * Keeps the journal from growing without end. When it outgrows both a floor and twice the last
 * snapshot, new commits move to a fresh journal (generation N+1) at the same instant the data
 * is captured; the snapshot of that capture is written in the background, and only once it
 * is on disk are the files of generation N-1 deleted (N is kept as a fallback should the new
 * snapshot ever be damaged). A crash at any point leaves a whole generation to start from.
 */
export class Compactor {
  private running: Promise<void> | undefined;

  constructor(
    private readonly dir: DataDirectory,
    private readonly engine: StorageEngine,
    private readonly writer: JournalWriter,
    private generation: number,
    private journalFd: number,
    private snapshotBytes: number,
    private readonly settings: { thresholdBytes: number; isDurable: boolean },
    private readonly logger: Logger,
  ) {}

  maybeCompact(): void {
    if (this.running || this.writer.bytes < Math.max(this.settings.thresholdBytes, 2 * this.snapshotBytes)) return;
    this.start();
  }

  private start(): void {
    this.running = this.compact().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no compaction is running (shutdown waits for it). */
  async idle(): Promise<void> {
    await this.running;
  }

  /**
   * At a clean shutdown: if the journal holds more than `minBytes` since the last snapshot,
   * write a snapshot now, so the next start loads it instead of replaying every record (as
   * mongod checkpoints at shutdown). A crash still leaves the journal, which start-up replays.
   */
  async checkpoint(minBytes: number): Promise<void> {
    await this.idle();
    if (this.writer.bytes < minBytes) return;
    this.start();
    await this.idle();
  }

  /** The file descriptor new commits are written to (closed at shutdown). */
  get currentFd(): number {
    return this.journalFd;
  }

  private async compact(): Promise<void> {
    const next = this.generation + 1;
    const started = Date.now();
    const fd = openJournalFile(this.dir.journalPath(next), this.settings.isDurable);
    fs.writeSync(fd, JOURNAL_MAGIC);
    fs.fsyncSync(fd);
    this.dir.syncDirectory();
    // Capture and switch in the same tick: every commit is in exactly one of the two.
    const state = captureState(this.engine);
    const lastInOld = this.writer.switchTo(fd);
    const oldFd = this.journalFd;
    this.journalFd = fd;
    this.generation = next;
    try {
      await this.writer.waitWritten(lastInOld);
      fs.closeSync(oldFd);
      const temporary = `${this.dir.snapshotPath(next)}.tmp`;
      const bytes = await writeSnapshot(temporary, state);
      fs.renameSync(temporary, this.dir.snapshotPath(next));
      this.dir.syncDirectory();
      // The generation before stays: start-up falls back to it if this snapshot is ever damaged.
      this.removeGenerationsBefore(next - 1);
      this.snapshotBytes = bytes;
      this.logger.info({ generation: next, snapshotBytes: bytes, ms: Date.now() - started }, 'journal compacted');
    } catch (error) {
      // The older files stay; start-up replays them together with the new journal.
      this.logger.error({ err: error, generation: next }, 'journal compaction failed');
    }
  }

  private removeGenerationsBefore(generation: number): void {
    const { snapshots, journals } = this.dir.generations();
    for (const old of snapshots.filter((g) => g < generation)) fs.rmSync(this.dir.snapshotPath(old), { force: true });
    for (const old of journals.filter((g) => g < generation)) fs.rmSync(this.dir.journalPath(old), { force: true });
    this.dir.syncDirectory();
  }
}
