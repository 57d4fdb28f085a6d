import { stemWord } from './text.ts';
import type { RelatedWord, WordRelation } from './lexicon.ts';
import type { ModuleIndex } from './module-index.ts';
import { moduleDotsOf, nearestTerms } from './semantic-index.ts';
import { frequencyWeight } from './word-vectors.ts';

/** Library terms a task word reaches: its own term first (weight 1), then those the lexicon relates to it. */
export interface WordExpansion {
  readonly alternatives: readonly Alternative[];
  /** Library phrase verbs this word reaches as a verb (itself excluded). */
  readonly verbSynonyms: readonly Alternative[];
  /** Per module, the best BM25F weight among the alternatives: the word's lexical row, computed once per word. */
  readonly lexicalRow: LexicalRow;
  /** The alternatives that occur in phrases: ids into the index's phrase terms, and their weights. */
  readonly coverageRow: CoverageRow;
  /** The word's unit vector times its smooth-inverse-frequency weight (undefined without a vector). */
  readonly weightedVector: Float64Array | undefined;
  /**
   * The weighted word vector's dot product with each module's vector (undefined without one): a task's semantic
   * score is then a weighted sum of its words' rows over the task vector's norm, with no per-task
   * pass over all dimensions of every module.
   */
  readonly moduleDots: Float64Array | undefined;
}

/** Phrase-term ids and the weight the word reaches each with, heaviest first. */
export interface CoverageRow {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

/** Modules (ascending) and the value each gets; sparse, as most words reach few modules. */
export interface LexicalRow {
  readonly modules: Int32Array;
  readonly values: Float64Array;
  /** Which of the word's alternatives gives each module its value (the evidence for it). */
  readonly alternatives: Int32Array;
  /** 1 where the module has the word's own term (the word is shared, whatever gives the value). */
  readonly ownTerm: Uint8Array;
}

/** A library term standing in for a task word, at a weight in (0, 1]. */
export interface Alternative {
  readonly term: string;
  readonly weight: number;
  readonly relation: WordRelation | undefined;
}

/** The word's own term, then the library terms it reaches through the lexicon; cached per word in the index. */
export function expandWord(index: ModuleIndex, word: string): WordExpansion {
  let expansion = index.expansionCache.get(word);
  if (!expansion) {
    expansion = computeExpansion(index, word, index.lexicon.relatedWords(word));
    // Each entry holds a few numbers per module; past the bound new words are computed each time,
    // so a long-running service over a large library keeps a flat memory whatever words it is sent.
    if (index.expansionCache.size < Math.min(MAX_CACHED_WORDS, Math.floor(MAX_CACHED_CELLS / Math.max(1, index.modules.length)))) {
      index.expansionCache.set(word, expansion);
    }
  }
  return expansion;
}

function computeExpansion(index: ModuleIndex, word: string, related: readonly RelatedWord[]): WordExpansion {
  const weights = index.settings.expansion;
  const own = stemWord(word);
  const alternatives = new Map<string, Alternative>();
  alternatives.set(own, { term: own, weight: 1, relation: undefined });
  const verbSynonyms = new Map<string, Alternative>();
  for (const relatedWord of related) {
    const term = stemWord(relatedWord.word);
    if (term === own) continue;
    if (relatedWord.pos === 'verb' && relatedWord.relation === 'synonym' && index.verbPostings.has(term)) {
      keepBest(verbSynonyms, { term, weight: weights.verbSynonym, relation: 'synonym' });
    }
    if (!index.postings.has(term)) continue;
    const weight = relationWeight(relatedWord, weights);
    if (weight > 0) keepBest(alternatives, { term, weight, relation: relatedWord.relation });
  }
  addSimilarTerms(index, word, own, alternatives);
  // The word's own term stays first (weight 1), then the related terms heaviest first.
  const sorted = sortAlternatives(alternatives);
  const vectors = index.semantic?.vectors;
  const vector = vectors?.vectorOf(word);
  const weightedVector = vector && vectors
    ? scaled(vector, frequencyWeight(vectors.frequencyRank(word), index.settings.similarity.frequencySmoothing))
    : undefined;
  return {
    alternatives: sorted,
    verbSynonyms: sortAlternatives(verbSynonyms),
    lexicalRow: bestPostings(index, sorted),
    coverageRow: phraseTermsOf(index, sorted),
    weightedVector,
    moduleDots: weightedVector && index.semantic ? moduleDotsOf(index.semantic, weightedVector) : undefined,
  };
}

function scaled(vector: Float32Array, factor: number): Float64Array {
  const result = new Float64Array(vector.length);
  for (let i = 0; i < vector.length; i += 1) result[i] = vector[i] * factor;
  return result;
}

/**
 * Cache bounds: a cached word costs ~1.5 KB (its vector, alternatives) plus ~20 bytes per module
 * (its rows), so at most 100,000 words and 10 million module cells, ~150-200 MB at worst.
 */
const MAX_CACHED_WORDS = 100_000;
const MAX_CACHED_CELLS = 10_000_000;

/** Per module, the best alternative weight × BM25F posting weight: what this word adds to the lexical channel. */
function bestPostings(index: ModuleIndex, alternatives: readonly Alternative[]): LexicalRow {
  // Module-sized work arrays from the index, left all-zero again before returning.
  const { rowBest: best, rowFrom: from } = index.scratch;
  const reached: number[] = [];
  for (let position = 0; position < alternatives.length; position += 1) {
    const alternative = alternatives[position];
    for (const posting of index.postings.get(alternative.term) ?? []) {
      const value = alternative.weight * posting.weight;
      if (best[posting.module] === 0) reached.push(posting.module);
      // Strictly greater: on a tie the heavier (earlier) alternative stays the evidence.
      if (value > best[posting.module]) {
        best[posting.module] = value;
        from[posting.module] = position;
      }
    }
  }
  reached.sort((a, b) => a - b);
  const own = new Set((index.postings.get(alternatives[0]?.term ?? '') ?? []).map((posting) => posting.module));
  const row = {
    modules: new Int32Array(reached.length),
    values: new Float64Array(reached.length),
    alternatives: new Int32Array(reached.length),
    ownTerm: new Uint8Array(reached.length),
  };
  reached.forEach((module, i) => {
    row.modules[i] = module;
    row.values[i] = best[module];
    row.alternatives[i] = from[module];
    row.ownTerm[i] = own.has(module) ? 1 : 0;
    best[module] = 0;
  });
  return row;
}

/**
 * How the word reaches `module`: 'own' when the module has the word's own term, else the alternative
 * that gives the module its lexical value, or undefined when the word reaches the module not at all.
 */
export function reachOf(alternatives: readonly Alternative[], row: LexicalRow, module: number): 'own' | Alternative | undefined {
  let low = 0;
  let high = row.modules.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (row.modules[middle] === module) return row.ownTerm[middle] === 1 ? 'own' : alternatives[row.alternatives[middle]];
    if (row.modules[middle] < module) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The alternatives that occur in phrases, as phrase-term ids, in the alternatives' order. */
function phraseTermsOf(index: ModuleIndex, alternatives: readonly Alternative[]): CoverageRow {
  const found = alternatives.filter((alternative) => index.phraseTermIds.has(alternative.term));
  return {
    terms: Int32Array.from(found, (alternative) => index.phraseTermIds.get(alternative.term)!),
    weights: Float64Array.from(found, (alternative) => alternative.weight),
  };
}

/**
 * Library terms whose word vectors are close to the word's: a soft match weighing
 * `weight × (cosine − minCosine) / (1 − minCosine)`, kept where it beats the lexicon's relation.
 */
function addSimilarTerms(index: ModuleIndex, word: string, own: string, alternatives: Map<string, Alternative>): void {
  if (!index.semantic) return;
  const { minCosine, weight, maxNeighbours } = index.settings.similarity;
  for (const { term, cosine } of nearestTerms(index.semantic, word, own, { minCosine, maxNeighbours })) {
    const similarWeight = minCosine < 1 ? (weight * (cosine - minCosine)) / (1 - minCosine) : weight;
    if (similarWeight > 0) keepBest(alternatives, { term, weight: similarWeight, relation: 'similar' });
  }
}

function relationWeight(related: RelatedWord, weights: ModuleIndex['settings']['expansion']): number {
  switch (related.relation) {
    case 'synonym':
      return weights.synonym;
    case 'derived':
      return weights.derived;
    case 'broader':
      return weights.broader * weights.broaderDecay ** Math.max(0, related.depth - 1);
    case 'narrower':
      return weights.narrower;
    default:
      return 0;
  }
}

function keepBest(map: Map<string, Alternative>, candidate: Alternative): void {
  const previous = map.get(candidate.term);
  if (!previous || previous.weight < candidate.weight) map.set(candidate.term, candidate);
}

/** Heaviest first, then by term, so iteration order (and so evidence) never depends on the lexicon's order. */
function sortAlternatives(map: Map<string, Alternative>): Alternative[] {
  return [...map.values()].sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}
