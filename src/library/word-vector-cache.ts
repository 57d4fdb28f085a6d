import fs from 'node:fs';
import path from 'node:path';
import { unitVector, type WordVectors } from '../matching/index.ts';

/**
 * The compact word-vector cache: the most frequent plain English words of the GloVe vectors, each
 * quantised to one signed byte per dimension (cosines move by about 0.01, the file shrinks 20-fold
 * against the 300 MB JSON it is built from). It is laid out to be used straight from the file's bytes:
 * a lookup is a binary search over the sorted words, so loading builds no table of 150,000 strings.
 *
 * Layout, little-endian: MAGIC (8 bytes), uint32 word count, uint32 dimensions, uint32 byte length of
 * the words block; the words sorted by their UTF-8 bytes, separated by "\n", zero-padded to 4 bytes;
 * uint32 start offset of each sorted word in that block; uint32 frequency rank of each sorted word
 * (0 = most frequent), which is also its vector's row; then count × dimensions int8 values, row by row.
 */
export const WORD_VECTOR_CACHE_MAGIC = 'TLRWV02\n';
const HEADER_BYTES = 20;
/** Looked-up words kept per process: a long-running service sees new words forever, its memory must not grow with them. */
const MAX_REMEMBERED = 50_000;

/** Words with their float vectors, most frequent first. */
export interface WordVectorEntry {
  readonly word: string;
  readonly vector: ArrayLike<number>;
}

/** Encodes entries (most frequent first, all of one length, no repeats) into the cache layout. */
export function encodeWordVectors(entries: readonly WordVectorEntry[]): Buffer {
  const dimensions = entries[0]?.vector.length ?? 0;
  const encoded = entries.map((entry, rank) => ({ bytes: Buffer.from(entry.word, 'utf8'), rank }));
  encoded.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const words = Buffer.concat(encoded.flatMap((entry, i) => (i === 0 ? [entry.bytes] : [NEWLINE, entry.bytes])));
  const wordsBlock = Math.ceil(words.length / 4) * 4;
  const tablesStart = HEADER_BYTES + wordsBlock;
  const vectorsStart = tablesStart + entries.length * 8;
  const buffer = Buffer.alloc(vectorsStart + entries.length * dimensions);
  buffer.write(WORD_VECTOR_CACHE_MAGIC, 0, 'latin1');
  buffer.writeUInt32LE(entries.length, 8);
  buffer.writeUInt32LE(dimensions, 12);
  buffer.writeUInt32LE(words.length, 16);
  words.copy(buffer, HEADER_BYTES);
  let offset = 0;
  encoded.forEach((entry, i) => {
    if (i > 0 && Buffer.compare(encoded[i - 1].bytes, entry.bytes) === 0) throw new Error(`Word "${entries[entry.rank].word}" is listed twice.`);
    buffer.writeUInt32LE(offset, tablesStart + i * 4);
    buffer.writeUInt32LE(entry.rank, tablesStart + entries.length * 4 + i * 4);
    offset += entry.bytes.length + 1;
  });
  const values = new Int8Array(buffer.buffer, buffer.byteOffset + vectorsStart, entries.length * dimensions);
  entries.forEach(({ word, vector }, row) => {
    if (word.includes('\n') || vector.length !== dimensions) throw new Error(`Word vector for "${word}" is malformed.`);
    let largest = 0;
    for (let i = 0; i < dimensions; i += 1) largest = Math.max(largest, Math.abs(vector[i]));
    // Each row is scaled on its own: only directions matter to a cosine.
    const scale = largest > 0 ? 127 / largest : 0;
    for (let i = 0; i < dimensions; i += 1) values[row * dimensions + i] = Math.round(vector[i] * scale);
  });
  return buffer;
}

const NEWLINE = Buffer.from('\n');

/** Reads a cache buffer as the matcher's `WordVectors`; throws on a buffer that is not one. */
export function decodeWordVectors(buffer: Buffer): WordVectors {
  if (buffer.length < HEADER_BYTES || buffer.toString('latin1', 0, 8) !== WORD_VECTOR_CACHE_MAGIC) {
    throw new Error('Not a word-vector cache (bad header or an older layout).');
  }
  const count = buffer.readUInt32LE(8);
  const dimensions = buffer.readUInt32LE(12);
  const wordsLength = buffer.readUInt32LE(16);
  const tablesStart = HEADER_BYTES + Math.ceil(wordsLength / 4) * 4;
  const vectorsStart = tablesStart + count * 8;
  if (buffer.length !== vectorsStart + count * dimensions) throw new Error('Word-vector cache is truncated or padded.');
  const values = new Int8Array(buffer.buffer, buffer.byteOffset + vectorsStart, count * dimensions);
  const wordStart = (i: number) => HEADER_BYTES + buffer.readUInt32LE(tablesStart + i * 4);
  const wordEnd = (i: number) => (i + 1 < count ? wordStart(i + 1) - 1 : HEADER_BYTES + wordsLength);
  const findRank = (word: string): number | undefined => {
    const target = Buffer.from(word, 'utf8');
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = buffer.compare(target, 0, target.length, wordStart(middle), wordEnd(middle));
      if (order === 0) return buffer.readUInt32LE(tablesStart + count * 4 + middle * 4);
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };
  const ranks = new Map<string, number | undefined>();
  const vectors = new Map<string, Float32Array | undefined>();
  const rankOf = (word: string): number | undefined => {
    if (ranks.has(word)) return ranks.get(word);
    const rank = findRank(word);
    if (ranks.size < MAX_REMEMBERED) ranks.set(word, rank);
    return rank;
  };
  return {
    dimensions,
    frequencyRank: rankOf,
    vectorOf(word) {
      if (vectors.has(word)) return vectors.get(word);
      const row = rankOf(word);
      const vector = row === undefined ? undefined : unitVector(Float32Array.from(values.subarray(row * dimensions, (row + 1) * dimensions)));
      if (vectors.size < MAX_REMEMBERED) vectors.set(word, vector);
      return vector;
    },
  };
}

/** Writes the cache atomically (a temporary file, then a rename), so a reader never sees half a file. */
export function writeWordVectorCache(file: string, entries: readonly WordVectorEntry[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, encodeWordVectors(entries));
  fs.renameSync(temporary, file);
}

/** Reads a cache file written by `writeWordVectorCache`. */
export function readWordVectorCache(file: string): WordVectors {
  return decodeWordVectors(fs.readFileSync(file));
}
