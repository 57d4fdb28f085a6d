import { buildModuleIndex, withSettings, type ModuleIndex, type WordLexicon, type WordVectors } from '../matching/index.ts';
import type { TrainingModule } from './training-module.ts';
import { createWordNetLexicon } from './wordnet-lexicon.ts';
import { loadWordVectors, type WordVectorSource } from './word-vectors.ts';

let sharedLexicon: WordLexicon | undefined;
let sharedVectors: { vectors: WordVectors; source: WordVectorSource } | undefined;

/** WordNet, loaded on first use and shared: it is read-only and costs ~30 MB. */
export function wordNetLexicon(): WordLexicon {
  sharedLexicon ??= createWordNetLexicon();
  return sharedLexicon;
}

/** The GloVe word vectors, loaded on first use from their cache and shared: read-only, ~15 MB. */
export function sharedWordVectors(): { vectors: WordVectors; source: WordVectorSource } {
  sharedVectors ??= loadWordVectors();
  return sharedVectors;
}

/**
 * The matcher's index over a loaded library, with WordNet as its lexicon and the GloVe word vectors.
 * `minScore` overrides the calibrated gap threshold (config `MATCH_MIN_SCORE`).
 */
export function buildLibraryIndex(modules: readonly TrainingModule[], options: { minScore?: number } = {}): ModuleIndex {
  const settings = withSettings(options.minScore === undefined ? {} : { minScore: options.minScore });
  return buildModuleIndex(modules, { settings, lexicon: wordNetLexicon(), wordVectors: sharedWordVectors().vectors });
}
