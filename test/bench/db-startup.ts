/**
 * `npm run bench:db-startup` — where the store's start-up time goes: `tailor db` spawned on an
 * empty data directory, then on 100k documents reopened from the journal alone (as after
 * kill -9) and from a snapshot (as after a clean stop). Each case is started several times
 * (median, min–max); the store's own `store ready` line splits recovery into snapshot load,
 * index build and journal replay. A bare `node --import tsx` start is measured alongside, as
 * the floor under any of them. Options: --runs <per case, default 5>.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { PROJECT_ROOT } from '../../src/platform/config.ts';
import { startTimed, stop, type StoreReadyLine } from './db-bench-support.ts';

const DOCS = 100_000;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);

interface Sample extends StoreReadyLine {
  startMs: number;
}

async function sampleStart(dataDir: string, prepare: () => void = () => undefined): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    prepare();
    const started = await startTimed(dataDir);
    samples.push({ startMs: started.startMs, ...started.ready });
    await stop(started.store);
  }
  return samples;
}

async function bareNodeMs(): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['--import', 'tsx', '-e', ''], { cwd: PROJECT_ROOT }).once('exit', resolve));
    times.push(performance.now() - started);
  }
  return times;
}

/** 100k people with a unique and a plain index, written in batches of 1,000, then the process killed. */
async function buildCrashedDirectory(dataDir: string): Promise<void> {
  const started = await startTimed(dataDir);
  const client = await new MongoClient(started.store.uri).connect();
  const people = client.db('tailor_db_startup').collection('people');
  await people.createIndex({ code: 1 }, { unique: true });
  await people.createIndex({ dept: 1 });
  for (let at = 0; at < DOCS; at += 1000) {
    await people.insertMany(Array.from({ length: 1000 }, (_, i) => ({ code: `c${at + i}`, name: `person ${at + i}`, dept: `d${(at + i) % 40}`, n: at + i })));
  }
  await client.close();
  started.store.child.kill('SIGKILL');
  await started.store.exited;
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)].toFixed(0)} (${sorted[0].toFixed(0)}–${sorted[sorted.length - 1].toFixed(0)})`;
}

function row(name: string, samples: Sample[]): string {
  const field = (pick: (sample: Sample) => number | undefined) => spread(samples.map((sample) => pick(sample) ?? 0));
  return `| ${name} | ${samples[0].documents ?? 0} | ${field((s) => s.startMs)} | ${field((s) => s.recoveryMs)} | ${field((s) => s.snapshotMs)} | ${field((s) => s.indexBuildMs)} | ${field((s) => s.journalReplayMs)} |`;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-db-startup-'));
  console.log(`# bench:db-startup — ${new Date().toISOString()}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${RUNS} starts per case\n`);
  try {
    const bare = await bareNodeMs();
    const empty = await sampleStart(path.join(root, 'empty'));
    const crashed = path.join(root, 'crashed');
    await buildCrashedDirectory(crashed);
    const journalMb = fs.readdirSync(crashed).filter((f) => f.endsWith('.wal')).reduce((sum, f) => sum + fs.statSync(path.join(crashed, f)).size, 0) / 1024 / 1024;
    const replaying = path.join(root, 'replaying');
    const fromJournal = await sampleStart(replaying, () => {
      fs.rmSync(replaying, { recursive: true, force: true });
      fs.cpSync(crashed, replaying, { recursive: true });
    });
    // The last start above stopped cleanly and wrote a snapshot: every start from here loads it.
    const fromSnapshot = await sampleStart(replaying);
    console.log('ms: median (min–max); start = spawn of `tailor db` until it listens\n');
    console.log('| data directory | documents | start | recovery | snapshot load | index build | journal replay |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    console.log(row('empty', empty));
    console.log(row(`100k, journal only (${journalMb.toFixed(1)} MB, as after kill -9)`, fromJournal));
    console.log(row('100k, snapshot (as after a clean stop)', fromSnapshot));
    console.log(`\nbare \`node --import tsx -e ''\` (the floor): ${spread(bare)} ms; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
