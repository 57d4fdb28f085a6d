// Gap signals for `npm run bench:match`: how well each candidate signal separates in-scope from
// out-of-scope tasks (AUC), and a logistic combination of all of them checked leave-one-department-out.
// Reads matcher internals on purpose: this measures the signals the product could use, it is not the product.
import { buildModuleIndex, rankModulesForTask, stemWord, type WordLexicon, type WordVectors } from '../../src/matching/index.ts';
import { buildTaskQuery } from '../../src/matching/task-query.ts';
import { scoreChannels } from '../../src/matching/score-modules.ts';
import { contentWords, tokenizeText } from '../../src/matching/text.ts';
import { frequencyWeight } from '../../src/matching/word-vectors.ts';
import type { Department } from './match-bench-data.ts';
import { bestBackgroundScore, rawAndStandardScores } from './match-bench-background.ts';
import type { ModuleIndex } from '../../src/matching/index.ts';

export interface SignalRow { slug: string; inScope: boolean; values: Record<string, number> }

const CHANNELS = ['lexical', 'coverage', 'verb', 'semantic'] as const;

/**
 * Every signal for every in-scope and out-of-scope task of every department: the shipped (calibrated)
 * best score, the raw one, the channels, and the background pseudo-library's best score (T-norm).
 */
export function collectSignals(
  departments: readonly Department[],
  lexicon: WordLexicon,
  vectors: WordVectors,
  backgroundActivities: readonly string[],
  backgroundLibrary: ModuleIndex,
): SignalRow[] {
  return departments.flatMap((department) => {
    const index = buildModuleIndex(department.modules, { lexicon, wordVectors: vectors, backgroundActivities });
    const tasks = [...department.tasks.map((t) => ({ t, inScope: true })), ...department.outOfScope.map((t) => ({ t, inScope: false }))];
    return tasks.map(({ t, inScope }) => {
      const ranked = rankModulesForTask(index, t, { limit: 2 });
      const top = index.modules.findIndex((m) => m.id === ranked[0].moduleId);
      const channels = scoreChannels(index, buildTaskQuery(index, t.text));
      const { bestRaw, maxStandard } = rawAndStandardScores(index, t.text, t.department);
      const background = bestBackgroundScore(backgroundLibrary, t.text);
      const values: Record<string, number> = {
        'best score (calibrated, ships)': ranked[0].score,
        'best raw score (before calibration)': bestRaw,
        'best raw - best background entry (T-norm)': bestRaw - background,
        'max standard score - background / 0.1 (Z+T)': maxStandard - background / 0.1,
        margin: ranked[0].score - (ranked[1]?.score ?? 0),
      };
      for (const channel of CHANNELS) {
        values[`${channel} @ best module`] = channels[channel][top];
        values[`${channel}, max over modules`] = Math.max(...channels[channel]);
      }
      const phrase = channels.bestPhrase[top] >= 0 ? index.phrases[channels.bestPhrase[top]].text : index.modules[top].title;
      const head = tokenizeText(t.text).filter((token) => token.clause === 0).map((token) => token.word);
      values['head clause soft-covered by best phrase'] = softCoverage(head, contentWords(phrase), vectors);
      values['head clause vs best phrase (vector cosine)'] = vectorCosine(head, contentWords(phrase), vectors);
      values['content words (length)'] = tokenizeText(t.text).length;
      return { slug: department.slug, inScope, values };
    });
  });
}

/** Share of the words' rarity weight whose best match in `target` (same stem 1, else cosine) is reached. */
function softCoverage(words: readonly string[], target: readonly string[], vectors: WordVectors): number {
  let covered = 0;
  let total = 0;
  for (const word of words) {
    const weight = frequencyWeight(vectors.frequencyRank(word), 1e-4);
    let best = 0;
    for (const other of target) best = Math.max(best, stemWord(word) === stemWord(other) ? 1 : cosine(vectors.vectorOf(word), vectors.vectorOf(other)));
    covered += weight * best;
    total += weight;
  }
  return total > 0 ? covered / total : 0;
}

function vectorCosine(a: readonly string[], b: readonly string[], vectors: WordVectors): number {
  const sum = (words: readonly string[]) => {
    const s = new Float64Array(vectors.dimensions);
    for (const word of words) {
      const v = vectors.vectorOf(word);
      const w = frequencyWeight(vectors.frequencyRank(word), 1e-4);
      if (v) for (let i = 0; i < s.length; i += 1) s[i] += w * v[i];
    }
    return s;
  };
  const x = sum(a);
  const y = sum(b);
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let i = 0; i < x.length; i += 1) {
    dot += x[i] * y[i];
    nx += x[i] * x[i];
    ny += y[i] * y[i];
  }
  return nx > 0 && ny > 0 ? dot / Math.sqrt(nx * ny) : 0;
}

function cosine(a: Float32Array | undefined, b: Float32Array | undefined): number {
  if (!a || !b) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i] * b[i];
  return Math.max(0, dot);
}

/** Probability that an in-scope task scores above an out-of-scope one (ties count half). */
export function auc(positive: readonly number[], negative: readonly number[]): number {
  let wins = 0;
  for (const p of positive) for (const n of negative) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positive.length * negative.length);
}

/** Macro AUC of one signal over departments. */
export function signalAuc(rows: readonly SignalRow[], signal: string): number {
  const slugs = [...new Set(rows.map((r) => r.slug))];
  return slugs.reduce((sum, slug) => {
    const mine = rows.filter((r) => r.slug === slug);
    return sum + auc(mine.filter((r) => r.inScope).map((r) => r.values[signal]), mine.filter((r) => !r.inScope).map((r) => r.values[signal]));
  }, 0) / slugs.length;
}

/**
 * All signals combined by logistic regression (standardised, L2 0.01), trained on three departments
 * with its threshold set to flag at most 10 % of their in-scope tasks, reported on the fourth.
 */
export function combinedLeaveOneOut(rows: readonly SignalRow[]): { auc: number; flagged: number; wronglyFlagged: number } {
  const signals = Object.keys(rows[0].values);
  const slugs = [...new Set(rows.map((r) => r.slug))];
  const results = slugs.map((heldOut) => {
    const train = rows.filter((r) => r.slug !== heldOut);
    const test = rows.filter((r) => r.slug === heldOut);
    const model = fitLogistic(train, signals);
    const trainBySlug = slugs.filter((s) => s !== heldOut).map((s) => train.filter((r) => r.slug === s).map((r) => ({ score: model(r), inScope: r.inScope })));
    const candidates = [...new Set(train.filter((r) => r.inScope).map(model))].sort((a, b) => a - b);
    let threshold = -Infinity;
    for (const c of candidates) {
      const wrong = trainBySlug.reduce((s, d) => s + d.filter((x) => x.inScope && x.score < c).length / d.filter((x) => x.inScope).length, 0) / trainBySlug.length;
      if (wrong <= 0.1) threshold = c;
      else break;
    }
    const inScope = test.filter((r) => r.inScope).map(model);
    const outOfScope = test.filter((r) => !r.inScope).map(model);
    return {
      auc: auc(inScope, outOfScope),
      flagged: outOfScope.filter((s) => s < threshold).length / outOfScope.length,
      wronglyFlagged: inScope.filter((s) => s < threshold).length / inScope.length,
    };
  });
  const mean = (key: 'auc' | 'flagged' | 'wronglyFlagged') => results.reduce((s, r) => s + r[key], 0) / results.length;
  return { auc: mean('auc'), flagged: mean('flagged'), wronglyFlagged: mean('wronglyFlagged') };
}

function fitLogistic(rows: readonly SignalRow[], signals: readonly string[]): (row: SignalRow) => number {
  const means = signals.map((s) => rows.reduce((sum, r) => sum + r.values[s], 0) / rows.length);
  const spreads = signals.map((s, i) => Math.sqrt(rows.reduce((sum, r) => sum + (r.values[s] - means[i]) ** 2, 0) / rows.length) || 1);
  const features = (row: SignalRow) => [1, ...signals.map((s, i) => (row.values[s] - means[i]) / spreads[i])];
  const data = rows.map((row) => ({ x: features(row), y: row.inScope ? 1 : 0 }));
  let weights = new Array(signals.length + 1).fill(0);
  for (let step = 0; step < 1500; step += 1) {
    const gradient = new Array(weights.length).fill(0);
    for (const { x, y } of data) {
      const p = 1 / (1 + Math.exp(-x.reduce((sum, v, j) => sum + v * weights[j], 0)));
      x.forEach((v, j) => (gradient[j] += (p - y) * v));
    }
    weights = weights.map((w, j) => w - 0.5 * (gradient[j] / data.length + (j > 0 ? 0.01 * w : 0)));
  }
  return (row) => features(row).reduce((sum, v, j) => sum + v * weights[j], 0);
}
