import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../errors.ts';
import { claimDataDirectory } from './open-in-this-thread.ts';

/**
 * The files of a data directory. Generation N is `snapshot-N.bson` (the whole data as of the
 * start of N; absent for N = 0) followed by `journal-N.wal` (every commit since). Compaction
 * starts N+1 with a fresh journal, writes its snapshot, then deletes generation N.
 */
export class DataDirectory {
  constructor(readonly root: string) {}

  journalPath(generation: number): string {
    return path.join(this.root, `journal-${pad(generation)}.wal`);
  }

  snapshotPath(generation: number): string {
    return path.join(this.root, `snapshot-${pad(generation)}.bson`);
  }

  /** Generations present, as [snapshots, journals], each ascending. */
  generations(): { snapshots: number[]; journals: number[] } {
    const snapshots: number[] = [];
    const journals: number[] = [];
    for (const name of fs.readdirSync(this.root)) {
      const snapshot = /^snapshot-(\d+)\.bson$/.exec(name);
      if (snapshot) snapshots.push(Number(snapshot[1]));
      const journal = /^journal-(\d+)\.wal$/.exec(name);
      if (journal) journals.push(Number(journal[1]));
    }
    return { snapshots: snapshots.sort((a, b) => a - b), journals: journals.sort((a, b) => a - b) };
  }

  /** Removes half-written snapshots left by a compaction that did not finish. */
  removeLeftovers(): void {
    for (const name of fs.readdirSync(this.root)) {
      if (name.endsWith('.tmp')) fs.rmSync(path.join(this.root, name), { force: true });
    }
  }

  /** Makes a rename or a new file itself durable (Windows cannot open a directory; NTFS journals renames itself). */
  syncDirectory(): void {
    if (process.platform === 'win32') return;
    const fd = fs.openSync(this.root, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * One process per data directory. A lock left by a process that died (kill -9) is taken
   * over; one held by a live process stops the start with a clear message.
   */
  lock(): () => void {
    const release = claimDataDirectory(this.root);
    const lockPath = path.join(this.root, 'store.lock');
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
          return () => {
            release();
            fs.rmSync(lockPath, { force: true });
          };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
          // Our own pid in a lock this thread has not claimed is a previous life of this container's pid 1.
          if (holder && holder !== process.pid && isAlive(holder)) {
            throw new StoreError('IllegalOperation', `The data directory ${this.root} is in use by process ${holder}`);
          }
          fs.rmSync(lockPath, { force: true });
        }
      }
      throw new StoreError('IllegalOperation', `Could not lock the data directory ${this.root}`);
    } catch (error) {
      release();
      throw error;
    }
  }
}

function pad(generation: number): string {
  return String(generation).padStart(6, '0');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
