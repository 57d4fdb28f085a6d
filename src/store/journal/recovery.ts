import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Change } from '../engine/changes.ts';
import type { StorageEngine } from '../engine/storage-engine.ts';
import { decodeDocument, freezeDocument, type Doc } from '../values/documents.ts';
import type { DataDirectory } from './data-directory.ts';
import { JOURNAL_MAGIC, scanRecords } from './record-format.ts';
import { applySnapshot, readSnapshot } from './snapshot-file.ts';

export interface Recovered {
  /** The generation whose journal new commits go to. */
  generation: number;
  journalBytes: number;
  snapshotBytes: number;
  /** Where start-up time went (ms): reading and loading the snapshot, building its indexes, replaying journals. */
  timings: { snapshotMs: number; indexBuildMs: number; journalReplayMs: number };
}

/**
 * Rebuilds the engine from disk: the newest snapshot, then every journal from its generation
 * on. A damaged tail (a write cut short by a crash, or corruption) ends the replay of that
 * file: everything before it is loaded, the damaged bytes are moved aside into a
 * `.damaged-<time>` file for inspection, the journal is cut back to its intact end, and a
 * warning says so. A damaged snapshot (it is written whole and renamed, so only the disk can
 * damage it) is passed over for the generation before it, which compaction keeps for this.
 * The store then starts normally: never a crash loop.
 */
export function recoverStore(dir: DataDirectory, engine: StorageEngine, logger: Logger): Recovered {
  dir.removeLeftovers();
  const { snapshots, journals } = dir.generations();
  const started = performance.now();
  const { base, snapshotBytes, indexBuildMs } = loadNewestSnapshot(dir, snapshots, journals, engine, logger);
  const loaded = performance.now();
  const toReplay = journals.filter((generation) => generation >= base);
  for (const generation of toReplay) replayJournal(dir.journalPath(generation), engine, logger);
  const timings = { snapshotMs: Math.round(loaded - started - indexBuildMs), indexBuildMs: Math.round(indexBuildMs), journalReplayMs: Math.round(performance.now() - loaded) };
  const generation = toReplay.length > 0 ? toReplay[toReplay.length - 1] : base;
  const journalPath = dir.journalPath(generation);
  if (!fs.existsSync(journalPath) || fs.statSync(journalPath).size < JOURNAL_MAGIC.length) {
    fs.writeFileSync(journalPath, JOURNAL_MAGIC);
    dir.syncDirectory();
  }
  return { generation, journalBytes: fs.statSync(journalPath).size, snapshotBytes, timings };
}

/** Loads the newest intact snapshot; returns the generation to replay journals from. */
function loadNewestSnapshot(dir: DataDirectory, snapshots: number[], journals: number[], engine: StorageEngine, logger: Logger): { base: number; snapshotBytes: number; indexBuildMs: number } {
  const newest = snapshots.length > 0 ? snapshots[snapshots.length - 1] : 0;
  if (newest === 0) return { base: 0, snapshotBytes: 0, indexBuildMs: 0 };
  const contents = fs.readFileSync(dir.snapshotPath(newest));
  const snapshot = readSnapshot(contents);
  if (snapshot.problem) {
    const previous = newest - 1;
    const hasPrevious = journals.includes(previous) && (previous === 0 || snapshots.includes(previous));
    logger.warn({ file: dir.snapshotPath(newest), problem: snapshot.problem, fallback: hasPrevious ? previous : undefined }, hasPrevious ? 'snapshot is damaged: rebuilding from the generation before it' : 'snapshot is damaged and no earlier generation is kept: loaded its intact part');
    if (hasPrevious) {
      if (previous === 0) return { base: 0, snapshotBytes: 0, indexBuildMs: 0 };
      const older = fs.readFileSync(dir.snapshotPath(previous));
      return { base: previous, snapshotBytes: older.length, indexBuildMs: applySnapshot(readSnapshot(older), engine) };
    }
  }
  return { base: newest, snapshotBytes: contents.length, indexBuildMs: applySnapshot(snapshot, engine) };
}

function replayJournal(path: string, engine: StorageEngine, logger: Logger): void {
  const contents = fs.readFileSync(path);
  const scan = scanRecords(contents, JOURNAL_MAGIC);
  let batch: Change[] = [];
  let applied = 0;
  let skipped = 0;
  let firstSkipped: { seq: number; error: unknown } | undefined;
  let intactEnd = scan.intactEnd;
  let lastCompleteEnd = JOURNAL_MAGIC.length;
  let offset = JOURNAL_MAGIC.length;
  for (const payload of scan.payloads) {
    offset += 8 + payload.length;
    const record = decodeDocument(payload) as { s: number; c: Change[]; more?: boolean };
    batch.push(...record.c.map(freezeChange));
    if (record.more) continue;
    try {
      engine.replay(record.s, batch);
      applied += 1;
    } catch (error) {
      skipped += 1;
      firstSkipped ??= { seq: record.s, error };
    }
    batch = [];
    lastCompleteEnd = offset;
  }
  if (firstSkipped) {
    // One line, not one per record: after a lost snapshot every later record may fail alike.
    logger.warn({ err: firstSkipped.error, file: path, skipped, firstSeq: firstSkipped.seq }, 'journal records could not be replayed and were skipped');
  }
  let problem = scan.problem;
  if (batch.length > 0) {
    // The last batch was split over several records and not all of them made it: drop it whole.
    problem = problem ?? 'last transaction only partly written';
    intactEnd = lastCompleteEnd;
  }
  if (problem === undefined) return;
  const discarded = contents.subarray(Math.max(intactEnd, 0));
  const aside = `${path}.damaged-${Date.now()}`;
  if (discarded.length > 0) fs.writeFileSync(aside, discarded);
  // Cut the file back in place (never rewrite it: a crash mid-rewrite would lose the intact part).
  if (intactEnd >= JOURNAL_MAGIC.length) fs.truncateSync(path, intactEnd);
  else fs.writeFileSync(path, JOURNAL_MAGIC);
  const fd = fs.openSync(path, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  logger.warn(
    { file: path, problem, batchesLoaded: applied, intactBytes: Math.max(intactEnd, JOURNAL_MAGIC.length), discardedBytes: discarded.length, savedTo: discarded.length > 0 ? aside : undefined },
    'journal tail is damaged: loaded the intact part and set the damaged bytes aside',
  );
}

function freezeChange(change: Change): Change {
  if (change.t === 'insert' || change.t === 'replace') freezeDocument(change.doc as Doc);
  return change;
}
