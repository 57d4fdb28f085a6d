import type { ModuleIndex } from './module-index.ts';
import type { TaskQuery } from './task-query.ts';
import { dotAt } from './word-vectors.ts';

/** Per-module evidence channels for one task, each in [0, 1]. */
export interface ChannelScores {
  /** BM25F over the module's weighted fields, over the task's best possible score. */
  readonly lexical: Float64Array;
  /** Share of the best phrase's (idf-weighted) words the task covers: did the task say what the phrase says? */
  readonly coverage: Float64Array;
  /** Index of that best phrase in `index.phrases`, or -1. */
  readonly bestPhrase: Int32Array;
  /** How closely a leading verb of the task matches the action of one of the module's phrases. */
  readonly verb: Float64Array;
  /** Cosine (floored at 0) between the task's and the module's word-vector sums; all 0 without vectors. */
  readonly semantic: Float64Array;
}

/**
 * Scores every module of the index for one task query, through its inverted lists. The arrays are the
 * index's scratch arrays: read them before the next call on the same index.
 */
export function scoreChannels(index: ModuleIndex, query: TaskQuery): ChannelScores {
  const { lexical, verb, semantic } = index.scratch;
  lexical.fill(0);
  verb.fill(0);
  scoreSemantic(index, query, semantic);
  scoreLexical(index, query, lexical);
  const { coverage, bestPhrase } = scoreCoverage(index, query);
  for (const [term, weight] of query.verbs) {
    for (const module of index.verbPostings.get(term) ?? []) if (verb[module] < weight) verb[module] = weight;
  }
  return { lexical, coverage, bestPhrase, verb, semantic };
}

function scoreSemantic(index: ModuleIndex, query: TaskQuery, semantic: Float64Array): void {
  semantic.fill(0);
  const model = index.semantic;
  if (!model || !query.vector) return;
  for (let module = 0; module < semantic.length; module += 1) {
    semantic[module] = Math.max(0, Math.min(1, dotAt(query.vector, model.moduleMatrix, module * model.dimensions)));
  }
}

/** Σ over task terms of weight × the best BM25F weight among the term and its lexicon alternatives. */
function scoreLexical(index: ModuleIndex, query: TaskQuery, lexical: Float64Array): void {
  const best = index.scratch.termBest;
  const touched: number[] = [];
  for (const queryTerm of query.terms) {
    for (const alternative of queryTerm.alternatives) {
      for (const posting of index.postings.get(alternative.term) ?? []) {
        const value = alternative.weight * posting.weight;
        if (value > best[posting.module]) {
          if (best[posting.module] === 0) touched.push(posting.module);
          best[posting.module] = value;
        }
      }
    }
    for (const module of touched) {
      lexical[module] += queryTerm.weight * best[module];
      best[module] = 0;
    }
    touched.length = 0;
  }
  const perfect = query.totalWeight * index.maxTermWeight;
  if (perfect > 0) for (let module = 0; module < lexical.length; module += 1) lexical[module] = Math.min(1, lexical[module] / perfect);
}

function scoreCoverage(index: ModuleIndex, query: TaskQuery) {
  // How strongly the task reaches each library term, through any of its words.
  const reach = new Map<string, number>();
  for (const queryTerm of query.terms) {
    for (const alternative of queryTerm.alternatives) {
      if ((reach.get(alternative.term) ?? 0) < alternative.weight) reach.set(alternative.term, alternative.weight);
    }
  }
  const { covered, coverage, bestPhrase, coverageMass: bestMass } = index.scratch;
  coverage.fill(0);
  bestPhrase.fill(-1);
  bestMass.fill(0);
  const touched: number[] = [];
  for (const [term, weight] of reach) {
    const phrases = index.phrasePostings.get(term);
    if (!phrases) continue;
    const value = weight * index.phraseIdf.get(term)!;
    for (const phrase of phrases) {
      if (covered[phrase] === 0) touched.push(phrase);
      covered[phrase] += value;
    }
  }
  for (const phrase of touched) {
    const { module, idfSum } = index.phrases[phrase];
    const mass = covered[phrase];
    const share = idfSum > 0 ? mass / idfSum : 0;
    covered[phrase] = 0;
    // Equal shares: the phrase saying more (larger covered idf mass) is the better evidence, then the
    // module's earlier phrase, whatever order the phrases were visited in.
    const isBetter = share > coverage[module] ||
      (share === coverage[module] && share > 0 && (mass > bestMass[module] || (mass === bestMass[module] && phrase < bestPhrase[module])));
    if (isBetter) {
      coverage[module] = share;
      bestPhrase[module] = phrase;
      bestMass[module] = mass;
    }
  }
  return { coverage, bestPhrase };
}
