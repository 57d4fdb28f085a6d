/**
 * matching: pure, deterministic text similarity from work tasks to training modules, with evidence.
 * No I/O: the library and a general-English lexicon are handed in as data.
 */
/** Builds the read-only index over a training-module library, once at start-up. */
export { buildModuleIndex, ModuleIndex } from './module-index.ts';
/** Ranks modules for one task (best first, ties by moduleId); `matchTask` adds the gap flag. */
export { rankModulesForTask, matchTask, isGap } from './rank-modules.ts';
/** The matcher's tuning knobs, their defaults and a helper to override a few. */
export { DEFAULT_MATCHER_SETTINGS, withSettings } from './matcher-settings.ts';
/** Types of the knobs. */
export type { MatcherSettings, SettingsOverrides, FieldWeights, ExpansionWeights, SimilarityWeights, BackgroundWeights } from './matcher-settings.ts';
/** The lexicon contract (WordNet in production), a no-op lexicon and a map-backed one for tests. */
export { NO_LEXICON, lexiconFromMap } from './lexicon.ts';
/** Types of the lexicon contract. */
export type { WordLexicon, RelatedWord, WordRelation } from './lexicon.ts';
/** The word-vector contract (GloVe in production), a no-op one and a map-backed one for tests. */
export { NO_WORD_VECTORS, wordVectorsFromMap, unitVector } from './word-vectors.ts';
/** Type of the word-vector contract. */
export type { WordVectors } from './word-vectors.ts';
/** Text normalisation shared with callers that need the same words (lowercase, no accents, no stopwords, stems). */
export { contentWords, stemWord, toTerms } from './text.ts';
/** Input and output shapes. */
export type { MatchableModule, TaskToMatch, ModuleMatch, MatchEvidence, TaskMatchResult, RankOptions } from './types.ts';
