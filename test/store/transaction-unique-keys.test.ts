import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection, type MongoServerError } from 'mongodb';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/store/index.ts';
import type { AnyDoc } from './support/driver-database.ts';

/**
 * Unique keys and transactions where the embedded store differs from mongod by design: a plain
 * write does not wait for an open transaction holding its key (mongod would block it until the
 * transaction ends), so the transaction finds out at commit, and must hear a retryable
 * WriteConflict there, never an unlabelled duplicate key.
 */
describe('embedded store: unique keys at transaction commit', () => {
  let dataDir: string;
  let store: EmbeddedStore;
  let client: MongoClient;
  let collectionCount = 0;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-txn-unique-'));
    store = await startEmbeddedStore({ dataDir });
    client = await new MongoClient(store.uri).connect();
  });

  after(async () => {
    await client.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function keyed(): Promise<Collection<AnyDoc>> {
    const collection = client.db('txn_unique').collection<AnyDoc>(`c${collectionCount++}`);
    await collection.createIndex({ k: 1 }, { unique: true });
    return collection;
  }

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as MongoServerError);

  it('when a plain write commits a key an open transaction inserted, then the commit fails with a retryable WriteConflict, not a duplicate key', async () => {
    const c = await keyed();
    const session = client.startSession();
    session.startTransaction();
    await c.insertOne({ k: 1, by: 'transaction' }, { session });
    await c.insertOne({ k: 1, by: 'plain' });

    const error = await failure(session.commitTransaction());
    await session.endSession();

    expect(error?.code).to.equal(112);
    expect(error!.hasErrorLabel('TransientTransactionError')).to.equal(true);
    expect(await c.find({}, { projection: { _id: 0 } }).toArray()).to.deep.equal([{ k: 1, by: 'plain' }]);
  });

  it('when an update in a transaction moves onto a key a plain write committed meanwhile, then the commit fails with a retryable WriteConflict', async () => {
    const c = await keyed();
    await c.insertOne({ _id: 'a', k: 1 });
    const session = client.startSession();
    session.startTransaction();
    await c.updateOne({ _id: 'a' }, { $set: { k: 2 } }, { session });
    await c.insertOne({ _id: 'b', k: 2 });

    const error = await failure(session.commitTransaction());
    await session.endSession();

    expect(error?.code).to.equal(112);
    expect(error!.hasErrorLabel('TransientTransactionError')).to.equal(true);
  });

  it('when an open transaction deletes the holder of a key, then another transaction inserting that key gets a retryable WriteConflict', async () => {
    const c = await keyed();
    await c.insertOne({ _id: 'a', k: 1 });
    const [first, second] = [client.startSession(), client.startSession()];
    first.startTransaction();
    second.startTransaction();
    await c.deleteOne({ _id: 'a' }, { session: first });

    const error = await failure(c.insertOne({ k: 1 }, { session: second }));
    await first.commitTransaction();
    await second.abortTransaction().catch(() => undefined);
    await Promise.all([first.endSession(), second.endSession()]);

    expect(error?.code).to.equal(112);
    expect(await c.countDocuments()).to.equal(0);
  });

  it('when a transaction deletes a document and inserts it again under the same _id, then it commits', async () => {
    const c = await keyed();
    await c.insertOne({ _id: 'a', k: 1, v: 'old' });
    const session = client.startSession();

    await session.withTransaction(async () => {
      await c.deleteOne({ _id: 'a' }, { session });
      await c.insertOne({ _id: 'a', k: 1, v: 'new' }, { session });
    });
    await session.endSession();

    expect(await c.find({}).toArray()).to.deep.equal([{ _id: 'a', k: 1, v: 'new' }]);
  });
});
