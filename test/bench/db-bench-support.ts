import fs from 'node:fs';
import { spawnStoreProcess, type StoreProcess } from '../store/support/store-process.ts';

/** Operations per second of `op`, run sequentially or with `inFlight` concurrent loops, for `ms`. */
export async function measureRate(op: (i: number) => Promise<unknown>, inFlight: number, ms: number): Promise<number> {
  let next = 0;
  for (let i = 0; i < 50; i++) await op(next++);
  let done = 0;
  const deadline = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        await op(next++);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * Median latency (µs) of one small O_DSYNC append on `dir`'s disk, the way the journal writes:
 * the floor under any single durable write, whatever the store does.
 */
export async function durableWriteMicros(dir: string): Promise<number> {
  const file = `${dir}/.probe`;
  const { O_WRONLY, O_APPEND, O_CREAT, O_DSYNC } = fs.constants;
  const fd = fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT | O_DSYNC);
  const record = Buffer.alloc(300, 1);
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => fs.write(fd, record, (error) => (error ? reject(error) : resolve())));
    samples.push((performance.now() - started) * 1000);
  }
  fs.closeSync(fd);
  fs.rmSync(file);
  return median(samples);
}

/** The resident memory of a process, in MB, from /proc (Linux). */
export function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * Resident memory once the process has settled: V8 returns memory some seconds after a burst
 * of allocations, so this samples once a second until two readings agree within 2 MB (10 s at most).
 */
export async function settledResidentMb(pid: number): Promise<number> {
  let previous = residentMb(pid);
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const current = residentMb(pid);
    if (Math.abs(current - previous) < 2) return current;
    previous = current;
  }
  return previous;
}

/** What the store logs once it listens: document count, recovery time and its parts. */
export interface StoreReadyLine {
  documents?: number;
  recoveryMs?: number;
  snapshotMs?: number;
  indexBuildMs?: number;
  journalReplayMs?: number;
}

/** Starts `tailor db` on `dataDir` and reports how long it took and what the store logged about recovery. */
export async function startTimed(dataDir: string): Promise<{ store: StoreProcess; startMs: number; recoveryMs: number | undefined; ready: StoreReadyLine }> {
  const lines: string[] = [];
  const started = performance.now();
  const store = await spawnStoreProcess(dataDir, lines);
  const startMs = performance.now() - started;
  const line = lines.find((candidate) => candidate.includes('"store ready"'));
  const ready = (line ? JSON.parse(line) : {}) as StoreReadyLine;
  return { store, startMs, recoveryMs: ready.recoveryMs, ready };
}

export async function stop(store: StoreProcess): Promise<void> {
  store.child.kill('SIGTERM');
  await store.exited;
}

/** A rate and its ratio to the driver's ping measured right next to it. */
export interface Paired {
  rate: number;
  ratio: number;
}

export interface Row {
  name: string;
  sequential: Paired;
  concurrent: Paired | undefined;
}

const ROUNDS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Measures `op` in rounds alternating with `ping`, and reports the median rate and the median
 * of the per-round ratios, so a machine busy with other work skews both sides alike.
 */
export async function measurePaired(op: (i: number) => Promise<unknown>, ping: () => Promise<unknown>, inFlight: number, ms: number): Promise<Paired> {
  const rates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const pingRate = await measureRate(ping, inFlight, ms / ROUNDS);
    const rate = await measureRate(op, inFlight, ms / ROUNDS);
    rates.push(rate);
    ratios.push(rate / pingRate);
  }
  return { rate: median(rates), ratio: median(ratios) };
}

/** A table of rates, each with its share of the ping measured alongside it. */
export function formatRows(rows: Row[]): string {
  const cell = (paired: Paired | undefined) => (paired ? `${paired.rate.toFixed(0)} | ${(paired.ratio * 100).toFixed(0)} %` : '– | –');
  const lines = [
    '| operation | sequential ops/s | vs ping | 32 in flight ops/s | vs ping |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((row) => `| ${row.name} | ${cell(row.sequential)} | ${cell(row.concurrent)} |`),
  ];
  return lines.join('\n');
}
