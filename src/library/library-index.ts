import { buildModuleIndex, withSettings, type ModuleIndex, type WordLexicon } from '../matching/index.ts';
import type { TrainingModule } from './training-module.ts';
import { createWordNetLexicon } from './wordnet-lexicon.ts';

let sharedLexicon: WordLexicon | undefined;

/** WordNet, loaded on first use and shared: it is read-only and costs ~30 MB. */
export function wordNetLexicon(): WordLexicon {
  sharedLexicon ??= createWordNetLexicon();
  return sharedLexicon;
}

/**
 * The matcher's index over a loaded library, with WordNet as its lexicon.
 * `minScore` overrides the calibrated gap threshold (config `MATCH_MIN_SCORE`).
 */
export function buildLibraryIndex(modules: readonly TrainingModule[], options: { minScore?: number } = {}): ModuleIndex {
  const settings = withSettings(options.minScore === undefined ? {} : { minScore: options.minScore });
  return buildModuleIndex(modules, { settings, lexicon: wordNetLexicon() });
}
