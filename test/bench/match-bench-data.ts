// Data plumbing for `npm run bench:match`: the split, JSONL files, the real CLI, the scorer.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/platform/config.ts';

export const BENCH_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'bench');
const splitFlag = process.argv.indexOf('--split');
/** The split measured: the dev split, or another built the same way (`--split <dir>`). */
export const SPLIT_DIR = splitFlag > 0 ? path.resolve(process.argv[splitFlag + 1]) : path.join(BENCH_DIR, 'dev');
export const TAILOR_BIN = path.join(PROJECT_ROOT, 'src', 'bin', 'tailor.js');

export interface BenchModule { id: string; title: string; department: string; summary: string; tasks: string[] }
export interface BenchTask { id: string; text: string; department?: string }
export interface Department {
  slug: string;
  modulesDir: string;
  modules: BenchModule[];
  tasks: BenchTask[];
  outOfScope: BenchTask[];
  qrels: Map<string, string[]>;
}
export interface Prediction { taskId: string; gap?: boolean; matches: { moduleId: string; score: number }[] }
export interface Scores { top1: number; r3: number; mrr: number; ndcg3: number }
export interface ScoreReport { perDept: (Scores & { slug: string; department: string })[]; macro: Scores; micro: Scores; missing: number; foreign: number }

export function readJsonl<T>(file: string): T[] {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim()).map((line) => JSON.parse(line) as T);
}

export function writeJsonl(file: string, rows: readonly unknown[]): void {
  fs.writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
}

export function loadDepartments(): Department[] {
  return fs.readdirSync(SPLIT_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(SPLIT_DIR, entry.name, 'qrels.jsonl')))
    .map((entry) => entry.name).sort()
    .map((slug) => {
      const dir = path.join(SPLIT_DIR, slug);
      const modulesDir = path.join(dir, 'modules');
      const modules = fs.readdirSync(modulesDir).filter((f) => f.endsWith('.json')).sort()
        .map((f) => JSON.parse(fs.readFileSync(path.join(modulesDir, f), 'utf8')) as BenchModule);
      const qrels = new Map(readJsonl<{ taskId: string; moduleIds: string[] }>(path.join(dir, 'qrels.jsonl')).map((q) => [String(q.taskId), q.moduleIds]));
      return {
        slug, modulesDir, modules, qrels,
        tasks: readJsonl<BenchTask>(path.join(dir, 'tasks.jsonl')),
        outOfScope: readJsonl<BenchTask>(path.join(dir, 'out-of-scope.jsonl')),
      };
    });
}

/** Runs `tailor match` exactly as a user would; returns its predictions and wall time. */
export function runCli(library: string, tasksFile: string, top: number): { predictions: Prediction[]; seconds: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [TAILOR_BIN, 'match', '--library', library, '--tasks', tasksFile, '--top', String(top)], {
    cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`tailor match failed (${result.status}): ${result.stderr}`);
  const predictions = result.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Prediction);
  return { predictions, seconds };
}

/** Scores a predictions file with the benchmark's own scorer, as documented in its README. */
export function scoreWithScorer(predictionsFile: string): ScoreReport {
  const result = spawnSync(process.execPath, [path.join(BENCH_DIR, 'score.mjs'), SPLIT_DIR, predictionsFile, '--json'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`score.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ScoreReport;
}

/** The scorer's per-ranking metric, imported from score.mjs so in-process sweeps score the same way. */
export async function loadRankingScorer(): Promise<(ranked: string[], gold: string[]) => Scores> {
  const scorer = (await import(pathToFileURL(path.join(BENCH_DIR, 'score.mjs')).href)) as { scoreRanking: (r: string[], g: string[]) => Scores };
  return scorer.scoreRanking;
}

/** A small deterministic PRNG (mulberry32), so the synthetic workloads are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The speed workloads, recombined from dev text: `moduleCount` modules whose title, summary and 2-8 task
 * phrases are drawn from different dev modules, and `taskCount` tasks joining the head of one dev task
 * to the tail of another (so most are new strings, as in a real engagement).
 */
export function synthesise(departments: Department[], moduleCount: number, taskCount: number, seed = 42) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const modules = departments.flatMap((d) => d.modules);
  const phrases = modules.flatMap((m) => m.tasks);
  const texts = departments.flatMap((d) => [...d.tasks, ...d.outOfScope].map((t) => t.text));
  const synthModules: BenchModule[] = Array.from({ length: moduleCount }, (_, i) => {
    const base = pick(modules);
    const count = 2 + Math.floor(random() * 7);
    return { id: `synthetic-${String(i).padStart(4, '0')}`, title: base.title, department: pick(modules).department, summary: pick(modules).summary, tasks: Array.from({ length: count }, () => pick(phrases)) };
  });
  const synthTasks: BenchTask[] = Array.from({ length: taskCount }, (_, i) => {
    const head = pick(texts).split(/,| to /)[0];
    const tail = pick(texts).split(/,| to /).slice(1).join(',');
    return { id: `s${i}`, text: tail ? `${head} to ${tail}` : head };
  });
  return { modules: synthModules, tasks: synthTasks };
}
