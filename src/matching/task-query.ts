import { leadingWords, stemWord, tokenizeText } from './text.ts';
import type { ModuleIndex } from './module-index.ts';
import { expandWord, type Alternative, type CoverageRow, type LexicalRow, type WordExpansion } from './word-expansion.ts';

export { expandWord } from './word-expansion.ts';

/** One distinct task term: its weight and every library term that may stand for it (itself first). */
export interface QueryTerm {
  readonly word: string;
  readonly term: string;
  readonly weight: number;
  readonly alternatives: readonly Alternative[];
  readonly lexicalRow: LexicalRow;
  readonly coverageRow: CoverageRow;
}

/** A work task turned into weighted terms and leading verbs, ready to score against the index. */
export interface TaskQuery {
  readonly terms: readonly QueryTerm[];
  /** Library phrase-verb stems the task's leading verbs reach, with their weights. */
  readonly verbs: ReadonlyMap<string, number>;
  /** Sum of term weights: the normaliser that makes scores comparable across tasks. */
  readonly totalWeight: number;
  /**
   * The semantic channel's words: each word's dot products with the module vectors and its weight
   * (clause × rarity) in the task vector, and that vector's length (0 when no word has a vector).
   */
  readonly semanticWords: readonly { readonly moduleDots: Float64Array; readonly weight: number }[];
  readonly vectorNorm: number;
}

/** Builds the query of a task: head-clause words weigh 1, the rest `tailClauseWeight`. */
export function buildTaskQuery(index: ModuleIndex, text: string): TaskQuery {
  const { tailClauseWeight } = index.settings;
  const byTerm = new Map<string, { word: string; weight: number; expansion: WordExpansion }>();
  // The semantic channel's task vector: every word's vector, weighted by clause and rarity.
  // A zero semantic weight skips the channel's work altogether (a speed lever for very large libraries).
  const sum = index.semantic && index.settings.channelWeights.semantic > 0 ? new Float64Array(index.semantic.dimensions) : undefined;
  const semanticWords: { moduleDots: Float64Array; weight: number }[] = [];
  for (const token of tokenizeText(text)) {
    const weight = token.clause === 0 ? 1 : tailClauseWeight;
    const expansion = expandWord(index, token.word);
    const { weightedVector, moduleDots } = expansion;
    if (sum && weightedVector && moduleDots) {
      addScaled(sum, weightedVector, weight);
      semanticWords.push({ moduleDots, weight });
    }
    const previous = byTerm.get(token.term);
    if (!previous || previous.weight < weight) byTerm.set(token.term, { word: token.word, weight, expansion });
  }
  const terms: QueryTerm[] = [];
  let totalWeight = 0;
  for (const [term, { word, weight, expansion }] of byTerm) {
    terms.push({ word, term, weight, alternatives: expansion.alternatives, lexicalRow: expansion.lexicalRow, coverageRow: expansion.coverageRow });
    totalWeight += weight;
  }
  const verbs = new Map<string, number>();
  for (const verb of leadingWords(text)) {
    verbs.set(stemWord(verb), 1);
    for (const synonym of expandWord(index, verb).verbSynonyms) {
      if ((verbs.get(synonym.term) ?? 0) < synonym.weight) verbs.set(synonym.term, synonym.weight);
    }
  }
  return { terms, verbs, totalWeight, semanticWords, vectorNorm: sum ? norm(sum) : 0 };
}

/** sum += scale × vector (both of one length): a small function of its own, so the engine optimises the loop. */
function addScaled(sum: Float64Array, vector: Float64Array, scale: number): void {
  const length = sum.length;
  for (let i = 0; i < length; i += 1) sum[i] += scale * vector[i];
}

function norm(values: Float64Array): number {
  let squares = 0;
  for (let i = 0; i < values.length; i += 1) squares += values[i] * values[i];
  return Math.sqrt(squares);
}

