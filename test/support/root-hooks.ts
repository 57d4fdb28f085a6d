import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStoreThread, type EmbeddedStore } from '../../src/store/index.ts';

/**
 * One database server for the whole run: MONGODB_URI when set (a real mongod),
 * otherwise the embedded store on a free loopback port, on its own thread as the service runs it,
 * reached over TCP like any other.
 */
let embedded: EmbeddedStore | undefined;
let dataDir: string | undefined;
let serverUri: string | undefined;

export function testServerUri(): string {
  if (!serverUri) throw new Error('The test database server is not started (root hook missing?).');
  return serverUri;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(30_000);
    if (process.env.MONGODB_URI) {
      serverUri = process.env.MONGODB_URI.replace(/\/[^/?]*(\?|$)/, '/$1').replace(/\/$/, '');
      return;
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-test-store-'));
    embedded = await startStoreThread({ dataDir, host: '127.0.0.1', port: 0, durable: true, logLevel: 'silent' });
    serverUri = embedded.uri;
  },
  async afterAll() {
    await embedded?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  },
};
