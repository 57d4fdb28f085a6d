import { foldText, contentWords, stemWord, toTerms } from './text.ts';
import { NO_LEXICON, type WordLexicon, type WordRelation } from './lexicon.ts';
import { DEFAULT_MATCHER_SETTINGS, type MatcherSettings } from './matcher-settings.ts';
import type { MatchableModule } from './types.ts';
import { NO_WORD_VECTORS, type WordVectors } from './word-vectors.ts';
import { buildSemanticIndex, type SemanticIndex } from './semantic-index.ts';

/** Library terms a task word reaches: its own term first (weight 1), then those the lexicon relates to it. */
export interface WordExpansion {
  readonly alternatives: readonly Alternative[];
  /** Library phrase verbs this word reaches as a verb (itself excluded). */
  readonly verbSynonyms: readonly Alternative[];
}

/** A library term standing in for a task word, at a weight in (0, 1]. */
export interface Alternative {
  readonly term: string;
  readonly weight: number;
  readonly relation: WordRelation | undefined;
}

/** Work arrays sized to the library: per module, and per phrase. */
export interface ScratchArrays {
  termBest: Float64Array;
  lexical: Float64Array;
  coverage: Float64Array;
  coverageMass: Float64Array;
  bestPhrase: Int32Array;
  verb: Float64Array;
  semantic: Float64Array;
  covered: Float64Array;
}

function createScratch(moduleCount: number, phraseCount: number): ScratchArrays {
  return {
    termBest: new Float64Array(moduleCount),
    lexical: new Float64Array(moduleCount),
    coverage: new Float64Array(moduleCount),
    coverageMass: new Float64Array(moduleCount),
    bestPhrase: new Int32Array(moduleCount),
    verb: new Float64Array(moduleCount),
    semantic: new Float64Array(moduleCount),
    covered: new Float64Array(phraseCount),
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

  constructor(
    readonly settings: MatcherSettings,
    readonly lexicon: WordLexicon,
    readonly wordVectors: WordVectors = NO_WORD_VECTORS,
  ) {
    this.scratch = createScratch(0, 0);
  }
}

/** Builds the index of a training-module library, once. Module order does not affect any score. */
export function buildModuleIndex(
  modules: readonly MatchableModule[],
  options: { settings?: MatcherSettings; lexicon?: WordLexicon; wordVectors?: WordVectors } = {},
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
  Object.assign(index.scratch, createScratch(index.modules.length, index.phrases.length));
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

function indexPhrases(index: ModuleIndex, modules: readonly MatchableModule[]): void {
  const raw: { module: number; text: string; terms: Set<string>; verb: string | undefined }[] = [];
  modules.forEach((module, position) => {
    for (const text of [module.title, ...module.tasks]) {
      const terms = new Set(toTerms(text));
      if (terms.size > 0) raw.push({ module: position, text, terms, verb: contentWords(text)[0] });
    }
  });
  const postings = new Map<string, number[]>();
  raw.forEach((phrase, position) => {
    for (const term of phrase.terms) {
      const list = postings.get(term);
      if (list) list.push(position);
      else postings.set(term, [position]);
    }
  });
  for (const [term, list] of postings) {
    index.phrasePostings.set(term, Int32Array.from(list));
    index.phraseIdf.set(term, inverseFrequency(raw.length, list.length));
  }
  for (const phrase of raw) {
    let idfSum = 0;
    for (const term of phrase.terms) idfSum += index.phraseIdf.get(term)!;
    index.phrases.push({ module: phrase.module, text: phrase.text, idfSum });
    if (phrase.verb) {
      const verb = stemWord(phrase.verb);
      const list = index.verbPostings.get(verb) ?? [];
      if (list[list.length - 1] !== phrase.module) list.push(phrase.module);
      index.verbPostings.set(verb, list);
    }
  }
}

/** BM25's inverse document frequency (the non-negative Lucene form). */
export function inverseFrequency(count: number, frequency: number): number {
  return Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
}
