import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedStore, startStoreThread } from '../../src/store/index.ts';

const OPTIONS = { host: '127.0.0.1', port: 0, durable: true, logLevel: 'silent' };

describe('store: on a thread of its own, as the service runs it', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-store-thread-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a client writes through the thread and it closes, then the journal holds the writes for the next start', async () => {
    const store = await startStoreThread({ ...OPTIONS, dataDir });
    const client = await new MongoClient(store.uri).connect();
    await client.db('t').collection('notes').insertMany([{ _id: 1, text: 'one' } as never, { _id: 2, text: 'two' } as never]);
    await client.close();
    await store.close();

    // Read back on the main thread: the thread's journal is the store's ordinary one.
    const reopened = await startEmbeddedStore({ dataDir });
    const reader = await new MongoClient(reopened.uri).connect();
    const texts = (await reader.db('t').collection('notes').find({}).sort({ _id: 1 }).toArray()).map((doc) => doc.text);
    await reader.close();
    await reopened.close();

    expect(texts).to.deep.equal(['one', 'two']);
  });

  it('when the same data directory is opened twice in one process, then the second start is refused until the first has closed', async () => {
    const first = await startStoreThread({ ...OPTIONS, dataDir });
    const refused = await startStoreThread({ ...OPTIONS, dataDir }).catch((error: Error) => error);
    await first.close();
    const again = await startStoreThread({ ...OPTIONS, dataDir });
    await again.close();

    expect(refused).to.be.instanceOf(Error);
    expect((refused as Error).message).to.equal(`The data directory ${dataDir} is already open in this process`);
  });

  it('when the data directory is open in a store thread, then a store on the main thread is refused on it, and the other way round', async () => {
    const thread = await startStoreThread({ ...OPTIONS, dataDir });
    const mainRefused = await startEmbeddedStore({ dataDir }).catch((error: Error) => error);
    await thread.close();
    const main = await startEmbeddedStore({ dataDir });
    const threadRefused = await startStoreThread({ ...OPTIONS, dataDir }).catch((error: Error) => error);
    await main.close();

    expect((mainRefused as Error).message).to.equal(`The data directory ${dataDir} is already open in this process`);
    expect((threadRefused as Error).message).to.equal(`The data directory ${dataDir} is already open in this process`);
  });

  describe('when another running process holds the data directory', () => {
    let holder: ChildProcess;

    beforeEach(() => {
      holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      fs.writeFileSync(path.join(dataDir, 'store.lock'), String(holder.pid));
    });

    afterEach(() => {
      holder.kill();
    });

    it('then the start fails with the store\'s own message and the directory can be opened once it is free', async () => {
      const failed = await startStoreThread({ ...OPTIONS, dataDir }).catch((error: Error & { codeName?: string }) => error);
      fs.rmSync(path.join(dataDir, 'store.lock'));
      const store = await startStoreThread({ ...OPTIONS, dataDir });
      await store.close();

      expect(failed).to.be.instanceOf(Error);
      expect((failed as Error).message).to.equal(`The data directory ${dataDir} is in use by process ${holder.pid}`);
      expect((failed as { codeName?: string }).codeName).to.equal('IllegalOperation');
    });
  });
});
