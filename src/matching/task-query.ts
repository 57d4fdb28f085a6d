import { leadingWords, stemWord, tokenizeText } from './text.ts';
import type { RelatedWord } from './lexicon.ts';
import type { Alternative, ModuleIndex, WordExpansion } from './module-index.ts';
import { nearestTerms, taskVector } from './semantic-index.ts';

/** One distinct task term: its weight and every library term that may stand for it (itself first). */
export interface QueryTerm {
  readonly word: string;
  readonly term: string;
  readonly weight: number;
  readonly alternatives: readonly Alternative[];
}

/** A work task turned into weighted terms and leading verbs, ready to score against the index. */
export interface TaskQuery {
  readonly terms: readonly QueryTerm[];
  /** Library phrase-verb stems the task's leading verbs reach, with their weights. */
  readonly verbs: ReadonlyMap<string, number>;
  /** Sum of term weights: the normaliser that makes scores comparable across tasks. */
  readonly totalWeight: number;
  /** The task's unit word-vector sum for the semantic channel; undefined without vectors. */
  readonly vector: Float32Array | undefined;
}

/** Builds the query of a task: head-clause words weigh 1, the rest `tailClauseWeight`. */
export function buildTaskQuery(index: ModuleIndex, text: string): TaskQuery {
  const { tailClauseWeight } = index.settings;
  const byTerm = new Map<string, { word: string; weight: number }>();
  const weightedWords: { word: string; weight: number }[] = [];
  for (const token of tokenizeText(text)) {
    const weight = token.clause === 0 ? 1 : tailClauseWeight;
    weightedWords.push({ word: token.word, weight });
    const previous = byTerm.get(token.term);
    if (!previous || previous.weight < weight) byTerm.set(token.term, { word: token.word, weight });
  }
  const terms: QueryTerm[] = [];
  let totalWeight = 0;
  for (const [term, { word, weight }] of byTerm) {
    terms.push({ word, term, weight, alternatives: expandWord(index, word).alternatives });
    totalWeight += weight;
  }
  const verbs = new Map<string, number>();
  for (const verb of leadingWords(text)) {
    verbs.set(stemWord(verb), 1);
    for (const synonym of expandWord(index, verb).verbSynonyms) {
      if ((verbs.get(synonym.term) ?? 0) < synonym.weight) verbs.set(synonym.term, synonym.weight);
    }
  }
  const vector = index.semantic ? taskVector(index.semantic, weightedWords, index.settings.similarity.frequencySmoothing) : undefined;
  return { terms, verbs, totalWeight, vector };
}

/** The word's own term, then the library terms it reaches through the lexicon; cached per word in the index. */
export function expandWord(index: ModuleIndex, word: string): WordExpansion {
  let expansion = index.expansionCache.get(word);
  if (!expansion) {
    expansion = computeExpansion(index, word, index.lexicon.relatedWords(word));
    index.expansionCache.set(word, expansion);
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
  return { alternatives: sortAlternatives(alternatives), verbSynonyms: sortAlternatives(verbSynonyms) };
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
