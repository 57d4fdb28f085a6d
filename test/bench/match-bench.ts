// `npm run bench:match [-- --split <dir>]`: matcher quality on the O*NET dev split (or another split
// built the same way) through the real CLI, next to plain BM25 and natural's TF-IDF computed in the
// same run; gap detection; leave-one-department-out; speed.
// Product code never reads ../shared/bench: only this script does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildModuleIndex, rankModulesForTask, toTerms, DEFAULT_MATCHER_SETTINGS } from '../../src/matching/index.ts';
import { sharedBackgroundActivities, sharedWordVectors, wordNetLexicon } from '../../src/library/index.ts';
import {
  SPLIT_DIR, loadDepartments, loadRankingScorer, runCli, scoreWithScorer, synthesise, writeJsonl,
  type Department, type Prediction, type Scores,
} from './match-bench-data.ts';
import { naturalTfIdfCosine, naturalTfIdfs, plainBm25, type Ranker } from './match-bench-baselines.ts';
import { candidateGrid, chooseThreshold, evaluateDepartments, gapRates, leaveOneDepartmentOut, macro } from './match-bench-tuning.ts';
import { auc, collectSignals, combinedLeaveOneOut, signalAuc } from './match-bench-signals.ts';
import { buildBackgroundLibrary } from './match-bench-background.ts';

const ATTRIBUTION = 'This benchmark includes information from the O*NET 26.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested these modifications.';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-match-bench-'));
const departments = loadDepartments();
const scoreRanking = await loadRankingScorer();
const fmt = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(title: string, rows: { name: string; s: Scores }[]): void {
  console.log(`\n${title}\n${'department'.padEnd(22)}   top1    R@3    MRR  nDCG@3`);
  for (const { name, s } of rows) console.log(`${name.padEnd(22)} ${fmt(s.top1)}  ${fmt(s.r3)}  ${fmt(s.mrr)}  ${fmt(s.ndcg3)}`);
}

function scoreRanker(build: (d: Department) => Ranker): { name: string; s: Scores }[] {
  const rows = departments.map((d) => {
    const rank = build(d);
    const total: Scores = { top1: 0, r3: 0, mrr: 0, ndcg3: 0 };
    for (const task of d.tasks) {
      const s = scoreRanking(rank(task.text), d.qrels.get(String(task.id)) ?? []);
      for (const k of Object.keys(total) as (keyof Scores)[]) total[k] += s[k] / d.tasks.length;
    }
    return { name: d.slug, s: total };
  });
  return [...rows, { name: 'MACRO', s: averageScores(rows.map((r) => r.s)) }];
}

function averageScores(list: Scores[]): Scores {
  const keys: (keyof Scores)[] = ['top1', 'r3', 'mrr', 'ndcg3'];
  return Object.fromEntries(keys.map((k) => [k, list.reduce((s, x) => s + x[k], 0) / list.length])) as unknown as Scores;
}

console.log(`Tailor matcher benchmark (${path.basename(SPLIT_DIR)} split: ${departments.map((d) => d.slug).join(', ')})\n${ATTRIBUTION}`);

// 1. Quality through the real CLI, scored by score.mjs.
const inScope: Prediction[] = [];
const outOfScope: Prediction[] = [];
for (const d of departments) {
  inScope.push(...runCli(d.modulesDir, path.join(SPLIT_DIR, d.slug, 'tasks.jsonl'), d.modules.length).predictions);
  outOfScope.push(...runCli(d.modulesDir, path.join(SPLIT_DIR, d.slug, 'out-of-scope.jsonl'), 3).predictions);
}
const predictionsFile = path.join(work, 'predictions.jsonl');
writeJsonl(predictionsFile, inScope);
const report = scoreWithScorer(predictionsFile);
const ours = [...report.perDept.map((r) => ({ name: r.slug, s: r as Scores })), { name: 'MACRO', s: report.macro }];
const bm25 = scoreRanker((d) => plainBm25(d.modules));
const tfidf = scoreRanker((d) => naturalTfIdfCosine(d.modules));
table('Tailor matcher (tailor match CLI, --top = library size, scored by score.mjs)', ours);
table('Plain BM25 (k1 1.2, b 0.75, stemmed; title + summary + tasks)', bm25);
table("natural TfIdf (cosine of tf-idf vectors)", tfidf);
const gain = report.macro.ndcg3 - bm25[bm25.length - 1].s.ndcg3;
console.log(`\nMacro nDCG@3 gain over plain BM25: ${gain >= 0 ? '+' : ''}${fmt(gain)} (target +0.100)`);

// 2. Gap detection at the shipped threshold, per department and macro-averaged (as the other figures).
const inScopeByDept = new Map<string, Prediction[]>();
const outOfScopeByDept = new Map<string, Prediction[]>();
console.log(`\nGap detection through the CLI (threshold ${DEFAULT_MATCHER_SETTINGS.minScore}; targets: out-of-scope flagged >= 50 %, in-scope wrongly flagged <= 10 %)`);
let flaggedSum = 0;
let wrongSum = 0;
for (const d of departments) {
  const ids = new Set(d.tasks.map((t) => String(t.id)));
  const oosIds = new Set(d.outOfScope.map((t) => String(t.id)));
  inScopeByDept.set(d.slug, inScope.filter((p) => ids.has(String(p.taskId))));
  outOfScopeByDept.set(d.slug, outOfScope.filter((p) => oosIds.has(String(p.taskId))));
  const flagged = outOfScopeByDept.get(d.slug)!.filter((p) => p.gap).length / d.outOfScope.length;
  const wrong = inScopeByDept.get(d.slug)!.filter((p) => p.gap).length / d.tasks.length;
  flaggedSum += flagged;
  wrongSum += wrong;
  console.log(`  ${d.slug.padEnd(20)} out-of-scope flagged ${pct(flagged).padStart(7)}, in-scope wrongly flagged ${pct(wrong).padStart(7)}`);
}
console.log(`  ${'MACRO'.padEnd(20)} out-of-scope flagged ${pct(flaggedSum / departments.length).padStart(7)}, in-scope wrongly flagged ${pct(wrongSum / departments.length).padStart(7)}`);

// 3. Robustness: leave one department out over the small grid of generic knobs.
const lexicon = wordNetLexicon();
const { vectors } = sharedWordVectors();
const background = sharedBackgroundActivities();
const grid = candidateGrid();
const runsByCandidate = grid.map((c) => evaluateDepartments(departments, c.overrides, lexicon, scoreRanking, vectors, background));
console.log('\nLeave-one-department-out (knobs and gap threshold chosen on the other three departments):');
for (const row of leaveOneDepartmentOut(grid, runsByCandidate)) {
  console.log(`  ${row.heldOut.padEnd(20)} nDCG@3 ${fmt(row.ndcg3)} top1 ${fmt(row.top1)} | gap threshold ${row.threshold.toFixed(3)}: flagged ${pct(row.flagged)}, wrongly ${pct(row.wronglyFlagged)} | chosen: ${row.chosen}`);
}
const defaultRuns = evaluateDepartments(departments, {}, lexicon, scoreRanking, vectors, background);
const best = runsByCandidate.map((runs, i) => ({ i, ndcg: macro(runs, 'ndcg3') })).sort((a, b) => b.ndcg - a.ndcg)[0];
console.log(`  defaults: macro nDCG@3 ${fmt(macro(defaultRuns, 'ndcg3'))}; best grid point on all four: ${fmt(best.ndcg)} (${grid[best.i].label})`);
const atDefault = gapRates(defaultRuns, DEFAULT_MATCHER_SETTINGS.minScore);
console.log(`  in-process gap check at the default threshold: flagged ${pct(atDefault.flagged)}, wrongly ${pct(atDefault.wronglyFlagged)}`);
for (const heldOut of defaultRuns) {
  const threshold = chooseThreshold(defaultRuns.filter((run) => run !== heldOut));
  const rates = gapRates([heldOut], threshold);
  console.log(`  shipped knobs, threshold from the other three: ${heldOut.slug.padEnd(20)} ${threshold.toFixed(3)}: flagged ${pct(rates.flagged)}, wrongly ${pct(rates.wronglyFlagged)}`);
}
const noVectors = evaluateDepartments(departments, {}, lexicon, scoreRanking, undefined, background);
console.log(`  without word vectors (same knobs): macro nDCG@3 ${fmt(macro(noVectors, 'ndcg3'))}`);
const gapAuc = (runs: typeof defaultRuns) => runs.reduce((sum, run) => sum + auc(run.inScopeBest, run.outOfScopeBest), 0) / runs.length;
const uncalibrated = evaluateDepartments(departments, {}, lexicon, scoreRanking, vectors);
const uncalibratedThreshold = chooseThreshold(uncalibrated);
const uncalibratedRates = gapRates(uncalibrated, uncalibratedThreshold);
console.log(`  without background calibration (raw scores): macro nDCG@3 ${fmt(macro(uncalibrated, 'ndcg3'))}, gap AUC ${fmt(gapAuc(uncalibrated))}, best threshold ${uncalibratedThreshold.toFixed(3)}: flagged ${pct(uncalibratedRates.flagged)}, wrongly ${pct(uncalibratedRates.wronglyFlagged)}; with it: gap AUC ${fmt(gapAuc(defaultRuns))}`);
const penalties = [0, 0.1, 0.2, 0.3, 0.4, 0.5].map((genericPenalty) => ({ label: `generic penalty ${genericPenalty}`, overrides: { background: { genericPenalty } } }));
const runsByPenalty = penalties.map((c) => evaluateDepartments(departments, c.overrides, lexicon, scoreRanking, vectors, background));
console.log(`  generic penalty on all four: ${runsByPenalty.map((runs, i) => `${penalties[i].overrides.background.genericPenalty} -> ${fmt(macro(runs, 'ndcg3'))}`).join(', ')}`);
for (const row of leaveOneDepartmentOut(penalties, runsByPenalty)) console.log(`  penalty chosen on the other three: ${row.heldOut.padEnd(20)} nDCG@3 ${fmt(row.ndcg3)} (${row.chosen})`);

// 3b. Gap signals: how well each separates in-scope from out-of-scope tasks (macro AUC; 0.5 = chance).
const backgroundStart = performance.now();
const backgroundLibrary = buildBackgroundLibrary(lexicon, vectors);
const backgroundMs = performance.now() - backgroundStart;
const signalStart = performance.now();
const signals = collectSignals(departments, lexicon, vectors, background, backgroundLibrary);
console.log(`\nBackground pseudo-library for the T-norm signals: ${backgroundLibrary.modules.length} WordNet verb senses, indexed in ${(backgroundMs / 1000).toFixed(1)} s; all signals of ${signals.length} tasks in ${((performance.now() - signalStart) / 1000).toFixed(1)} s`);
console.log('\nGap signals (macro AUC over departments; ~0.82 would be needed for 50 % flagged at 10 % wrongly flagged):');
for (const signal of Object.keys(signals[0].values)) console.log(`  ${signal.padEnd(48)} ${fmt(signalAuc(signals, signal))}`);
const combined = combinedLeaveOneOut(signals);
console.log(`  all of them, logistic regression, leave-one-department-out: AUC ${fmt(combined.auc)}; flagged ${pct(combined.flagged)}, wrongly ${pct(combined.wronglyFlagged)}`);

// 4. Speed.
const synthetic = synthesise(departments, 1000, 10_000);
const libraryDir = path.join(work, 'library-1000');
fs.mkdirSync(libraryDir);
for (const m of synthetic.modules) fs.writeFileSync(path.join(libraryDir, `${m.id}.json`), JSON.stringify(m));
const tasksFile = path.join(work, 'tasks-10000.jsonl');
writeJsonl(tasksFile, synthetic.tasks);
const cli = runCli(libraryDir, tasksFile, 3);
console.log(`\nSpeed (this machine, ${os.cpus().length} cores)`);
console.log(`  CLI, 10,000 tasks x 1,000 modules (whole process, incl. start-up, WordNet and word-vector load): ${cli.seconds.toFixed(2)} s = ${Math.round(10_000 / cli.seconds)} tasks/s (target < 10 s)`);

const shortlistModules = departments[0].modules;
const shortlistTasks = synthesise(departments, 1, 40_000, 7).tasks.map((t) => t.text);
const buildStart = performance.now();
const index = buildModuleIndex(shortlistModules, { lexicon, wordVectors: vectors });
const buildMs = performance.now() - buildStart;
let started = performance.now();
for (const text of shortlistTasks) rankModulesForTask(index, text, { limit: 3 });
const oursSeconds = (performance.now() - started) / 1000;
const tfidfs = naturalTfIdfs(shortlistModules);
started = performance.now();
for (const text of shortlistTasks) tfidfs(toTerms(text));
const naturalSeconds = (performance.now() - started) / 1000;
console.log(`  In-process, 40,000 tasks x 15 modules (index built once in ${buildMs.toFixed(0)} ms): ${oursSeconds.toFixed(2)} s = ${Math.round(40_000 / oursSeconds)} tasks/s (target < 2 s)`);
console.log(`  natural TfIdf.tfidfs, same workload (same normalisation included): ${naturalSeconds.toFixed(2)} s = ${Math.round(40_000 / naturalSeconds)} tasks/s; our throughput / natural's = ${(naturalSeconds / oursSeconds).toFixed(2)}x`);

console.log(`\nReproduce: npm run ${process.env.npm_lifecycle_event ?? 'bench:match'}   (reads ${SPLIT_DIR}; synthetic workloads are seeded: library seed 42, shortlist seed 7)`);
fs.rmSync(work, { recursive: true, force: true });
