import fs from 'node:fs';
import path from 'node:path';
import { NO_WORD_VECTORS, type WordVectors } from '../matching/index.ts';
import { locateGlovePackage, readGloveEntries } from './glove-vectors.ts';
import { decodeWordVectors, encodeWordVectors, readWordVectorCache, writeWordVectorCache } from './word-vector-cache.ts';

/**
 * How many words the cache keeps: the 150,000 most frequent plain words cover every content word of
 * ordinary work-task prose but a few rare compounds, in 15 MB.
 */
export const CACHED_WORD_COUNT = 150_000;
/** Bumped whenever the cache's selection or layout changes, so an old cache is rebuilt, not misread. */
const CACHE_REVISION = 2;

/**
 * Where the word vectors came from: the cache, a cache built just now, built but not saved (the cache
 * folder is read-only), or nowhere (package missing).
 */
export type WordVectorSource = 'cache' | 'built' | 'unsaved' | 'missing';

/** The cache file for the installed vectors package: beside it, under node_modules/.cache/tailor/. */
export function wordVectorCacheFile(packageDir: string, version: string): string {
  return path.join(packageDir, '..', '.cache', 'tailor', `word-vectors-${version}-r${CACHE_REVISION}-${CACHED_WORD_COUNT}.bin`);
}

/**
 * Builds the cache unless it exists (npm's `prepare` runs this at install). Returns where the
 * vectors are, or undefined when the vectors package is not installed.
 */
export function prepareWordVectorCache(): { file: string; built: boolean } | undefined {
  const glove = locateGlovePackage();
  if (!glove) return undefined;
  const file = wordVectorCacheFile(glove.dir, glove.version);
  if (fs.existsSync(file)) return { file, built: false };
  writeWordVectorCache(file, readGloveEntries(glove.jsonFile, CACHED_WORD_COUNT));
  removeOtherCaches(file);
  return { file, built: true };
}

/**
 * The word vectors for the matcher: read from the cache; if the cache is missing (an install that
 * skipped scripts), built once from the installed package and saved, or only kept in memory when the
 * cache folder cannot be written. Without the package, no vectors: the matcher then ranks on its
 * lexical channels alone.
 */
export function loadWordVectors(): { vectors: WordVectors; source: WordVectorSource } {
  const glove = locateGlovePackage();
  if (!glove) return { vectors: NO_WORD_VECTORS, source: 'missing' };
  const file = wordVectorCacheFile(glove.dir, glove.version);
  if (fs.existsSync(file)) return { vectors: readWordVectorCache(file), source: 'cache' };
  const entries = readGloveEntries(glove.jsonFile, CACHED_WORD_COUNT);
  try {
    writeWordVectorCache(file, entries);
  } catch (error) {
    // A read-only install still matches with vectors; it just rebuilds them at every start.
    if (!isFileSystemError(error)) throw error;
    return { vectors: decodeWordVectors(encodeWordVectors(entries)), source: 'unsaved' };
  }
  removeOtherCaches(file);
  return { vectors: readWordVectorCache(file), source: 'built' };
}

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** Caches of other package versions or revisions are never read again: 15 MB each, so they go. */
function removeOtherCaches(current: string): void {
  const dir = path.dirname(current);
  for (const name of fs.readdirSync(dir)) {
    if (/^word-vectors-.*\.bin$/.test(name) && name !== path.basename(current)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
