import regexpTokenizers from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { CLAUSE_MARKERS, STOPWORDS } from './stopwords.ts';

/** One content word of a text: as written (lowercase, no accents), its stem, and the clause it sits in. */
export interface TextToken {
  readonly word: string;
  readonly term: string;
  /** 0 for the head clause (the main action), 1 for everything after the first clause marker. */
  readonly clause: number;
}

const tokenizer = new regexpTokenizers.WordTokenizer();
const stemCache = new Map<string, string>();
const MARKERS = CLAUSE_MARKERS.map((marker) => marker.replace(/ /g, '\\s+')).join('|');
// Commas also close the head clause: in "Greet visitors, determine their purpose, and direct them"
// the first action is the one the statement is about.
const CLAUSE_PATTERN = new RegExp(`[,;:()]|\\b(?:${MARKERS})\\b`);
const HEAD_END_PATTERN = new RegExp(`[;:()]|\\b(?:${MARKERS})\\b`);
const ITEM_PATTERN = /,|\band\b|\bor\b|\//;
const MAX_STEM_CACHE = 200_000;

/** Lowercase and strip accents (natural's tokenizers split words at accented letters). */
export function foldText(text: string): string {
  // Most task text is plain ASCII: skip the (comparatively slow) Unicode decomposition then.
  const lower = text.toLowerCase();
  return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : lower;
}

/** Porter stem of one lowercase word, cached: the same few thousand words recur in every task. */
export function stemWord(word: string): string {
  let term = stemCache.get(word);
  if (term === undefined) {
    term = porterStemmer.stem(word);
    if (stemCache.size < MAX_STEM_CACHE) stemCache.set(word, term);
  }
  return term;
}

/** The content words of `text`: no stopwords, no bare numbers, no single letters. */
export function contentWords(text: string): string[] {
  return tokenizer.tokenize(foldText(text)).filter(isContentWord);
}

/** Content words with their stems and clause: the head clause is what the task mainly does. */
export function tokenizeText(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  const folded = foldText(text);
  let clause = 0;
  for (const part of folded.split(CLAUSE_PATTERN)) {
    const words = part ? tokenizer.tokenize(part).filter(isContentWord) : [];
    for (const word of words) tokens.push({ word, term: stemWord(word), clause });
    if (words.length > 0) clause = 1;
  }
  return tokens;
}

/** Stems of the content words of `text`, in order. */
export function toTerms(text: string): string[] {
  return contentWords(text).map(stemWord);
}

/**
 * The verbs a task statement leads with: "Classify, record, and summarize data" gives classify,
 * record, summarize. Work tasks are written as imperatives, so the first word of each leading
 * one-word item of the head clause is an action.
 */
export function leadingWords(text: string, max = 4): string[] {
  // The head is the first part (between clause ends) with any content word; parts are found one at a
  // time, as the head is nearly always the first.
  const folded = foldText(text);
  const ends = new RegExp(HEAD_END_PATTERN.source, 'g');
  let start = 0;
  while (start <= folded.length) {
    const end = ends.exec(folded);
    const leading = leadingItems(folded.slice(start, end ? end.index : folded.length), max);
    if (leading.length > 0 || !end) return leading;
    start = end.index + end[0].length;
  }
  return [];
}

/** The first word of each leading one-word item of a clause, up to the first longer item. */
function leadingItems(head: string, max: number): string[] {
  const leading: string[] = [];
  for (const item of head.split(ITEM_PATTERN)) {
    const words = tokenizer.tokenize(item).filter(isContentWord);
    if (words.length === 0) continue;
    leading.push(words[0]);
    if (words.length > 1 || leading.length >= max) break;
  }
  return leading;
}

function isContentWord(word: string): boolean {
  return word.length > 1 && !STOPWORDS.has(word) && !/^\d+$/.test(word) && word !== '_';
}
