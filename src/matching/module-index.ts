import { foldText, contentWords, stemWord } from './text.ts';
import { indexPhrases } from './phrase-index.ts';
import { NO_LEXICON, type WordLexicon } from './lexicon.ts';
import type { WordExpansion } from './word-expansion.ts';
import { DEFAULT_MATCHER_SETTINGS, type MatcherSettings } from './matcher-settings.ts';
import type { MatchableModule } from './types.ts';
import { NO_WORD_VECTORS, type WordVectors } from './word-vectors.ts';
import { buildSemanticIndex, type SemanticIndex } from './semantic-index.ts';
import { calibrateAgainstBackground, type GapCalibration } from './gap-calibration.ts';
import { buildTaskQuery } from './task-query.ts';
import { scoreChannels } from './score-modules.ts';
import { combineChannels } from './combine-channels.ts';

/** Work arrays sized to the library: per module, and per phrase. */
export interface ScratchArrays {
  lexical: Float64Array;
  coverage: Float64Array;
  coverageMass: Float64Array;
  bestPhrase: Int32Array;
  verb: Float64Array;
  semantic: Float64Array;
  covered: Float64Array;
  reach: Float64Array;
  rowBest: Float64Array;
  rowFrom: Int32Array;
}

function createScratch(moduleCount: number, phraseCount: number, phraseTermCount: number): ScratchArrays {
  return {
    lexical: new Float64Array(moduleCount),
    coverage: new Float64Array(moduleCount),
    coverageMass: new Float64Array(moduleCount),
    bestPhrase: new Int32Array(moduleCount),
    verb: new Float64Array(moduleCount),
    semantic: new Float64Array(moduleCount),
    covered: new Float64Array(phraseCount),
    reach: new Float64Array(phraseTermCount),
    rowBest: new Float64Array(moduleCount),
    rowFrom: new Int32Array(moduleCount),
  };
}

/** A module as the index keeps it. */
export interface IndexedModule {
  readonly id: string;
  readonly title: string;
  readonly department: string;
  readonly roleLevels: ReadonlySet<string>;
  /** Its terms, each with the word the module first wrote for it (readable evidence). */
  readonly terms: ReadonlyMap<string, string>;
}

/** A module's title or task phrase, for phrase coverage and evidence. */
export interface IndexedPhrase {
  readonly module: number;
  readonly text: string;
  /** Sum of the inverse phrase frequencies of its distinct terms: what full coverage weighs. */
  readonly idfSum: number;
}

/** One module's BM25F contribution for a term, already multiplied by the term's idf. */
export interface Posting {
  readonly module: number;
  readonly weight: number;
}

/**
 * The read-only index over a training-module library. Built once (the library does not change while
 * the service runs) and shared by every ranking call.
 */
export class ModuleIndex {
  readonly modules: IndexedModule[] = [];
  readonly phrases: IndexedPhrase[] = [];
  /** term -> BM25F postings over modules. */
  readonly postings = new Map<string, Posting[]>();
  /** term -> phrases containing it, in phrase order. */
  readonly phrasePostings = new Map<string, Int32Array>();
  /** term -> its inverse frequency over all phrases. */
  readonly phraseIdf = new Map<string, number>();
  /** Phrase terms by number (for the coverage channel's arrays): term -> id, and per id its phrases and idf. */
  readonly phraseTermIds = new Map<string, number>();
  readonly phraseTerms: { readonly phrases: Int32Array; readonly types: Int32Array; readonly idf: number }[] = [];
  /**
   * Phrases with the same set of terms (a library may repeat a phrase across modules): coverage is
   * computed once per such type, then shared by its phrases, in phrase order.
   */
  readonly phraseTypes: { readonly idfSum: number; readonly phrases: Int32Array; readonly modules: Int32Array }[] = [];
  /** stem of a phrase's first word (its action) -> modules with such a phrase. */
  readonly verbPostings = new Map<string, number[]>();
  /** Every module department, folded, to know whether a task's department is one of the library's. */
  readonly departments = new Set<string>();
  /** The largest BM25F term weight: a task term matched perfectly scores this much. */
  maxTermWeight = 0;
  /**
   * Per-call work arrays, one set per index and reused because ranking is synchronous: every call
   * resets what it reads, so they never carry anything from one task to the next.
   */
  readonly scratch: ScratchArrays;
  /** word -> its lexicon relations that reach this library; filled lazily, never changes a result. */
  readonly expansionCache = new Map<string, WordExpansion>();
  /** Term and module vectors when the index was given word vectors; undefined otherwise. */
  semantic: SemanticIndex | undefined;
  /** Per-module score statistics over background activities; undefined when none were given. */
  calibration: GapCalibration | undefined;
  /** Every module position, ascending: the candidates of a ranking over the whole library. */
  allPositions = new Int32Array(0);
  readonly positionById = new Map<string, number>();
  /** Positions of each module set asked for, by identity: an engagement's set is asked for once per task. */
  private readonly scopes = new WeakMap<ReadonlySet<string>, Int32Array>();

  constructor(
    readonly settings: MatcherSettings,
    readonly lexicon: WordLexicon,
    readonly wordVectors: WordVectors = NO_WORD_VECTORS,
  ) {
    this.scratch = createScratch(0, 0, 0);
  }

  /** Positions (ascending) of the modules with these ids, unknown ids ignored; all modules when undefined. */
  positionsOf(moduleIds: ReadonlySet<string> | undefined): Int32Array {
    if (!moduleIds) return this.allPositions;
    let positions = this.scopes.get(moduleIds);
    if (!positions) {
      const found = [...moduleIds].map((id) => this.positionById.get(id)).filter((position) => position !== undefined);
      positions = Int32Array.from(new Set(found)).sort();
      this.scopes.set(moduleIds, positions);
    }
    return positions;
  }
}

/** Builds the index of a training-module library, once. Module order does not affect any score. */
export function buildModuleIndex(
  modules: readonly MatchableModule[],
  options: { settings?: MatcherSettings; lexicon?: WordLexicon; wordVectors?: WordVectors; backgroundActivities?: readonly string[] } = {},
): ModuleIndex {
  const index = new ModuleIndex(options.settings ?? DEFAULT_MATCHER_SETTINGS, options.lexicon ?? NO_LEXICON, options.wordVectors);
  const sorted = [...modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const surfaceForms = sorted.map(() => new Map<string, string>());
  const documents = sorted.map((module, position) => weightedTerms(module, index.settings, surfaceForms[position]));
  indexBm25f(index, documents);
  sorted.forEach((module, position) => {
    index.modules.push({
      id: module.id,
      title: module.title,
      department: foldText(module.department).trim(),
      roleLevels: new Set(module.roleLevels ?? []),
      terms: surfaceForms[position],
    });
  });
  for (const module of index.modules) index.departments.add(module.department);
  indexPhrases(index, sorted);
  index.semantic = buildSemanticIndex(index, index.wordVectors, index.settings.similarity.frequencySmoothing);
  Object.assign(index.scratch, createScratch(index.modules.length, index.phraseTypes.length, index.phraseTerms.length));
  index.allPositions = Int32Array.from(index.modules.keys());
  index.modules.forEach((module, position) => index.positionById.set(module.id, position));
  // Background activities are scored like tasks without a department: raw scores, no affinity factor.
  index.calibration = calibrateAgainstBackground(index.modules.length, options.backgroundActivities ?? [], (activity) =>
    combineChannels(index, scoreChannels(index, buildTaskQuery(index, activity)), { text: activity }));
  return index;
}

/** term -> weighted frequency over the module's fields; also records the module's own word for each term. */
function weightedTerms(module: MatchableModule, settings: MatcherSettings, surfaceForms: Map<string, string>): Map<string, number> {
  const weights = settings.fieldWeights;
  const counts = new Map<string, number>();
  const add = (texts: readonly (string | undefined)[], weight: number): void => {
    if (weight <= 0) return;
    for (const text of texts) {
      for (const word of contentWords(text ?? '')) {
        const term = stemWord(word);
        counts.set(term, (counts.get(term) ?? 0) + weight);
        if (!surfaceForms.has(term)) surfaceForms.set(term, word);
      }
    }
  };
  add([module.title], weights.title);
  add(module.tasks, weights.tasks);
  add(module.keywords ?? [], weights.keywords);
  add([module.summary], weights.summary);
  add(module.objectives ?? [], weights.objectives);
  add((module.exercises ?? []).flatMap((e) => [e.title, e.artifact, e.deliverable]), weights.exercises);
  return counts;
}

function indexBm25f(index: ModuleIndex, documents: Map<string, number>[]): void {
  const { k1, b } = index.settings;
  const lengths = documents.map((document) => [...document.values()].reduce((sum, tf) => sum + tf, 0));
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length) || 1;
  const documentFrequency = new Map<string, number>();
  for (const document of documents) {
    for (const term of document.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const count = documents.length;
  documents.forEach((document, module) => {
    const norm = k1 * (1 - b + (b * lengths[module]) / averageLength);
    for (const [term, tf] of document) {
      const weight = (inverseFrequency(count, documentFrequency.get(term)!) * tf * (k1 + 1)) / (tf + norm);
      let list = index.postings.get(term);
      if (!list) index.postings.set(term, (list = []));
      list.push({ module, weight });
      if (weight > index.maxTermWeight) index.maxTermWeight = weight;
    }
  });
}

/** BM25's inverse document frequency (the non-negative Lucene form). */
export function inverseFrequency(count: number, frequency: number): number {
  return Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
}
