import type { ModuleIndex } from './module-index.ts';
import type { TaskQuery } from './task-query.ts';

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
  scoreSemantic(query, semantic);
  scoreLexical(index, query, lexical);
  const { coverage, bestPhrase } = scoreCoverage(index, query);
  for (const [term, weight] of query.verbs) {
    for (const module of index.verbPostings.get(term) ?? []) if (verb[module] < weight) verb[module] = weight;
  }
  return { lexical, coverage, bestPhrase, verb, semantic };
}

/** Cosine of task and module vectors, as Σ word weight × (word · module) over the task vector's length. */
function scoreSemantic(query: TaskQuery, semantic: Float64Array): void {
  semantic.fill(0);
  if (query.vectorNorm === 0) return;
  for (const { moduleDots, weight } of query.semanticWords) {
    for (let module = 0; module < semantic.length; module += 1) semantic[module] += weight * moduleDots[module];
  }
  for (let module = 0; module < semantic.length; module += 1) semantic[module] = Math.max(0, Math.min(1, semantic[module] / query.vectorNorm));
}

/** Σ over task terms of weight × the best BM25F weight among the term and its lexicon alternatives (each word's row is precomputed). */
function scoreLexical(index: ModuleIndex, query: TaskQuery, lexical: Float64Array): void {
  for (const queryTerm of query.terms) {
    const { modules, values } = queryTerm.lexicalRow;
    for (let i = 0; i < modules.length; i += 1) lexical[modules[i]] += queryTerm.weight * values[i];
  }
  const perfect = query.totalWeight * index.maxTermWeight;
  if (perfect > 0) for (let module = 0; module < lexical.length; module += 1) lexical[module] = Math.min(1, lexical[module] / perfect);
}

function scoreCoverage(index: ModuleIndex, query: TaskQuery) {
  // How strongly the task reaches each phrase term, through any of its words (in order of first reach).
  const { reach } = index.scratch;
  const reached: number[] = [];
  for (const queryTerm of query.terms) {
    const { terms, weights } = queryTerm.coverageRow;
    for (let i = 0; i < terms.length; i += 1) {
      if (reach[terms[i]] === 0) reached.push(terms[i]);
      if (reach[terms[i]] < weights[i]) reach[terms[i]] = weights[i];
    }
  }
  const { covered, coverage, bestPhrase, coverageMass: bestMass } = index.scratch;
  coverage.fill(0);
  bestPhrase.fill(-1);
  bestMass.fill(0);
  // Covered idf mass per phrase type (phrases with the same terms cover alike).
  const touched: number[] = [];
  for (const term of reached) {
    const { types, idf } = index.phraseTerms[term];
    const value = reach[term] * idf;
    reach[term] = 0;
    for (const type of types) {
      if (covered[type] === 0) touched.push(type);
      covered[type] += value;
    }
  }
  for (const type of touched) {
    const { idfSum, phrases, modules } = index.phraseTypes[type];
    const mass = covered[type];
    const share = idfSum > 0 ? mass / idfSum : 0;
    covered[type] = 0;
    for (let i = 0; i < phrases.length; i += 1) {
      const phrase = phrases[i];
      const module = modules[i];
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
  }
  return { coverage, bestPhrase };
}
