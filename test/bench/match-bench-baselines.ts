// The baselines `npm run bench:match` prints next to the matcher, computed in the same run.
import { createRequire } from 'node:module';
import { toTerms } from '../../src/matching/index.ts';
import type { BenchModule } from './match-bench-data.ts';

interface NaturalTfIdf {
  addDocument(document: string[], key?: string): void;
  idf(term: string): number;
  tfidfs(terms: string[]): number[];
  listTerms(document: number): { term: string; tfidf: number }[];
}

// natural's TfIdf by path, as the product does (the package root loads storage back-ends).
const require = createRequire(import.meta.url);
const TfIdf = require('natural/lib/natural/tfidf/tfidf.js') as new () => NaturalTfIdf;

/** A ranker: module ids best first, ties by id. */
export type Ranker = (text: string) => string[];

function moduleText(module: BenchModule): string {
  return [module.title, module.summary, ...module.tasks].join(' ');
}

function rankByScores(modules: readonly BenchModule[], scores: readonly number[]): string[] {
  return modules.map((m, i) => ({ id: m.id, score: scores[i] }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).map((m) => m.id);
}

/** Plain Okapi BM25 (k1 1.2, b 0.75) over title + summary + task phrases, stemmed, with our normalisation. */
export function plainBm25(modules: readonly BenchModule[], k1 = 1.2, b = 0.75): Ranker {
  const documents = modules.map((m) => toTerms(moduleText(m)));
  const frequencies = documents.map((terms) => {
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of frequencies) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const average = documents.reduce((sum, d) => sum + d.length, 0) / documents.length;
  const n = documents.length;
  return (text) => {
    const query = new Set(toTerms(text));
    const scores = frequencies.map((tf, i) => {
      let score = 0;
      for (const term of query) {
        const f = tf.get(term);
        if (!f) continue;
        const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
        score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * documents[i].length) / average));
      }
      return score;
    });
    return rankByScores(modules, scores);
  };
}

/** natural's TfIdf, as cosine between tf-idf vectors (its raw tfidfs sum favours long modules). */
export function naturalTfIdfCosine(modules: readonly BenchModule[]): Ranker {
  const tfidf = new TfIdf();
  for (const module of modules) tfidf.addDocument(toTerms(moduleText(module)));
  const vectors = modules.map((_, i) => new Map(tfidf.listTerms(i).map((t) => [t.term, t.tfidf])));
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)) || 1);
  return (text) => {
    const counts = new Map<string, number>();
    for (const term of toTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    const query = new Map([...counts].map(([term, tf]) => [term, tf * tfidf.idf(term)]));
    const queryNorm = Math.sqrt([...query.values()].reduce((s, x) => s + x * x, 0)) || 1;
    const scores = vectors.map((vector, i) => {
      let dot = 0;
      for (const [term, weight] of query) dot += weight * (vector.get(term) ?? 0);
      return dot / (norms[i] * queryNorm);
    });
    return rankByScores(modules, scores);
  };
}

/** natural's TfIdf.tfidfs over pre-normalised terms: the reference for the throughput ratio. */
export function naturalTfIdfs(modules: readonly BenchModule[]): (terms: string[]) => number[] {
  const tfidf = new TfIdf();
  for (const module of modules) tfidf.addDocument(toTerms(moduleText(module)));
  return (terms) => tfidf.tfidfs(terms);
}
