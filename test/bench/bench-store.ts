import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import '../../src/platform/db.ts';
import { startStoreThread } from '../../src/store/index.ts';

/**
 * Runs `work` against a fresh embedded store on loopback, on its own thread and in a data directory of
 * its own, as the service runs it; the store, the connection and the directory are gone afterwards,
 * however `work` ends.
 */
export async function withBenchStore<T>(name: string, work: (bench: { dataDir: string; connection: mongoose.Connection }) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tailor-${name}-`));
  const store = await startStoreThread({ dataDir, host: '127.0.0.1', port: 0, durable: true, logLevel: 'silent' });
  const connection = await mongoose.createConnection(`${store.uri}/bench`).asPromise();
  try {
    return await work({ dataDir, connection });
  } finally {
    await connection.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
