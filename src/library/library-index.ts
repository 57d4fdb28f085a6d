import { buildModuleIndex, withSettings, type ModuleIndex, type WordLexicon, type WordVectors } from '../matching/index.ts';
import type { TrainingModule } from './training-module.ts';
import { createWordNetLexicon, defaultWordNetDir } from './wordnet-lexicon.ts';
import { WordNetDictionary } from './wordnet-dictionary.ts';
import { backgroundActivities } from './background-activities.ts';
import { loadWordVectors, type WordVectorSource } from './word-vectors.ts';

let sharedDictionary: WordNetDictionary | undefined;
let sharedLexicon: WordLexicon | undefined;
let sharedBackground: readonly string[] | undefined;
let sharedVectors: { vectors: WordVectors; source: WordVectorSource } | undefined;

function wordNetDictionary(): WordNetDictionary {
  sharedDictionary ??= new WordNetDictionary(defaultWordNetDir());
  return sharedDictionary;
}

/** WordNet, loaded on first use and shared: it is read-only and costs ~30 MB. */
export function wordNetLexicon(): WordLexicon {
  sharedLexicon ??= createWordNetLexicon({ dictionary: wordNetDictionary() });
  return sharedLexicon;
}

/** The general-English activities (WordNet verb senses) every library is calibrated against; shared. */
export function sharedBackgroundActivities(): readonly string[] {
  sharedBackground ??= Object.freeze(backgroundActivities(wordNetDictionary()));
  return sharedBackground;
}

/** The GloVe word vectors, loaded on first use from their cache and shared: read-only, ~15 MB. */
export function sharedWordVectors(): { vectors: WordVectors; source: WordVectorSource } {
  sharedVectors ??= loadWordVectors();
  return sharedVectors;
}

/**
 * The matcher's index over a loaded library, with WordNet as its lexicon, the GloVe word vectors, and
 * its scores calibrated against WordNet's general-English activities.
 * `minScore` overrides the gap threshold on the calibrated scale (config `MATCH_MIN_SCORE`).
 */
export function buildLibraryIndex(modules: readonly TrainingModule[], options: { minScore?: number } = {}): ModuleIndex {
  const settings = withSettings(options.minScore === undefined ? {} : { minScore: options.minScore });
  return buildModuleIndex(modules, {
    settings,
    lexicon: wordNetLexicon(),
    wordVectors: sharedWordVectors().vectors,
    backgroundActivities: sharedBackgroundActivities(),
  });
}
