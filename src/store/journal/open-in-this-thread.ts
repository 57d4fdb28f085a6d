import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../errors.ts';

// Data directories open in this thread: on the service's main thread, its own store and the store
// threads it started. Every thread writes the same process id into a directory's lock file, so the
// lock cannot tell a store of this process from a stale one; this set can.
const OPEN = new Set<string>();

/**
 * Claims a data directory for this thread, however it is spelt (relative, through a symbolic link);
 * answers how to give it back (once; later calls do nothing). A directory already claimed is refused.
 */
export function claimDataDirectory(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const real = fs.realpathSync(path.resolve(dataDir));
  if (OPEN.has(real)) throw new StoreError('IllegalOperation', `The data directory ${real} is already open in this process`);
  OPEN.add(real);
  let isReleased = false;
  return () => {
    if (!isReleased) OPEN.delete(real);
    isReleased = true;
  };
}
