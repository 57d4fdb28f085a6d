import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Db, type MongoServerError } from 'mongodb';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/store/index.ts';

/** What the embedded store refuses (a real mongod would accept these), so it runs on its own store. */
describe('embedded store: unsupported features are refused clearly', () => {
  let dataDir: string;
  let store: EmbeddedStore;
  let client: MongoClient;
  let db: Db;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-unsupported-'));
    store = await startEmbeddedStore({ dataDir });
    client = await new MongoClient(store.uri).connect();
    db = client.db('unsupported');
    await db.collection('docs').insertOne({ a: 1, text: 'hello' });
  });

  after(async () => {
    await client.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as MongoServerError);

  it('when a query uses $text, then it fails with BadValue naming the operator', async () => {
    const error = await failure(db.collection('docs').find({ $text: { $search: 'hello' } }).toArray());

    expect(error?.code).to.equal(2);
    expect(error?.message).to.equal('$text is not supported by the embedded store');
  });

  it('when a query uses $where, then it fails with BadValue', async () => {
    const error = await failure(db.collection('docs').find({ $where: 'this.a === 1' }).toArray());

    expect(error?.code).to.equal(2);
  });

  it('when a text index is requested, then it fails with CannotCreateIndex (67)', async () => {
    const error = await failure(db.collection('docs').createIndex({ text: 'text' }));

    expect(error?.code).to.equal(67);
  });

  it('when a non-simple collation is requested, then it fails with InvalidOptions (72)', async () => {
    const error = await failure(db.collection('docs').find({}, { collation: { locale: 'fr' } }).toArray());

    expect(error?.code).to.equal(72);
  });

  it('when a capped collection is requested, then it fails with InvalidOptions (72)', async () => {
    const error = await failure(db.createCollection('capped', { capped: true, size: 1024 }));

    expect(error?.code).to.equal(72);
  });

  it('when $out is nested inside $facet, then it fails with 40324 rather than writing nowhere', async () => {
    const error = await failure(db.collection('docs').aggregate([{ $facet: { x: [{ $out: 'elsewhere' }] } }]).toArray());

    expect(error?.code).to.equal(40324);
  });

  it('when a transaction creates an index, then it fails with OperationNotSupportedInTransaction (263)', async () => {
    const session = client.startSession();
    session.startTransaction();
    await db.collection('docs').findOne({}, { session });

    const error = await failure(db.command({ createIndexes: 'docs', indexes: [{ key: { b: 1 }, name: 'b_1' }] }, { session }));
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();

    expect(error?.code).to.equal(263);
  });
});
