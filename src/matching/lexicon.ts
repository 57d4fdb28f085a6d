/**
 * How a word relates to another in a general-English lexicon such as WordNet; `similar` means close
 * word vectors (used in contexts alike) rather than a lexicon relation.
 */
export type WordRelation = 'synonym' | 'derived' | 'broader' | 'narrower' | 'gloss' | 'similar';

/** A word the lexicon relates to a given word. */
export interface RelatedWord {
  readonly word: string;
  readonly relation: WordRelation;
  /** 0 when the relation comes from the word's most frequent sense. */
  readonly sense: number;
  /** Hypernym levels climbed for `broader` (1 = direct); 0 otherwise. */
  readonly depth: number;
  readonly pos: 'noun' | 'verb' | 'adj' | 'adv';
}

/**
 * A general-English relatedness resource, handed in as data so matching stays pure: the library
 * component backs it with WordNet held in memory; tests pass a small hand-made one.
 * `relatedWords` must be deterministic and side-effect free.
 */
export interface WordLexicon {
  relatedWords(word: string): readonly RelatedWord[];
}

/** A lexicon that knows no relations: plain lexical matching. */
export const NO_LEXICON: WordLexicon = { relatedWords: () => [] };

/** Builds a lexicon from a plain map, for tests and small fixed vocabularies. */
export function lexiconFromMap(map: ReadonlyMap<string, readonly RelatedWord[]>): WordLexicon {
  return { relatedWords: (word) => map.get(word) ?? [] };
}
