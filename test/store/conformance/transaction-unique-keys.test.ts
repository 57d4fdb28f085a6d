import { expect } from 'chai';
import type { ClientSession, Collection, MongoServerError } from 'mongodb';
import { Schema, type Connection } from 'mongoose';
import { useTestDatabase } from '../../support/database.ts';
import { useDriverDatabase, type AnyDoc } from '../support/driver-database.ts';

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as MongoServerError);

/** Expects mongod's answer to a key held by another open transaction: WriteConflict, retryable. */
function expectWriteConflict(error: MongoServerError | undefined): void {
  expect(error?.code, error?.message).to.equal(112);
  expect(error!.hasErrorLabel('TransientTransactionError')).to.equal(true);
}

/** Against a real MongoDB these need a replica set (a single-node one will do). */
describe('store conformance: unique keys across open transactions', () => {
  const database = useDriverDatabase('txn_unique');
  const sessions: ClientSession[] = [];

  async function keyed(name: string): Promise<Collection<AnyDoc>> {
    const collection = database.db.collection<AnyDoc>(name);
    await collection.createIndex({ k: 1 }, { unique: true });
    return collection;
  }

  function begin(): ClientSession {
    const session = database.client.startSession();
    sessions.push(session);
    session.startTransaction();
    return session;
  }

  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
  });

  it('when two open transactions insert the same unique key, then the second insert fails with a retryable WriteConflict and the first commits', async () => {
    const c = await keyed('both_insert');
    const [first, second] = [begin(), begin()];
    await c.insertOne({ k: 1, by: 'first' }, { session: first });

    const error = await failure(c.insertOne({ k: 1, by: 'second' }, { session: second }));
    await first.commitTransaction();

    expectWriteConflict(error);
    expect(await c.find({}, { projection: { _id: 0 } }).toArray()).to.deep.equal([{ k: 1, by: 'first' }]);
  });

  it('when one transaction inserts the same unique key twice, then the second insert fails with DuplicateKey naming the key', async () => {
    const c = await keyed('own_twice');
    const session = begin();
    await c.insertOne({ k: 1, n: 1 }, { session });

    const error = await failure(c.insertOne({ k: 1, n: 2 }, { session }));

    expect(error?.code).to.equal(11000);
    expect(error?.keyValue).to.deep.equal({ k: 1 });
  });

  it('when one transaction moves a document off a key and another onto it, then it commits with the key moved', async () => {
    const c = await keyed('own_moved');
    await c.insertMany([{ _id: 'a', k: 1 }, { _id: 'b', k: 2 }]);
    const session = begin();

    await c.updateOne({ _id: 'a' }, { $set: { k: 3 } }, { session });
    await c.updateOne({ _id: 'b' }, { $set: { k: 1 } }, { session });
    await c.insertOne({ _id: 'c', k: 2 }, { session });
    await session.commitTransaction();

    expect(await c.find({}).sort({ _id: 1 }).toArray()).to.deep.equal([{ _id: 'a', k: 3 }, { _id: 'b', k: 1 }, { _id: 'c', k: 2 }]);
  });

  it('when one transaction deletes the document it inserted, then it may insert that key again', async () => {
    const c = await keyed('own_deleted');
    const session = begin();
    await c.insertOne({ _id: 'a', k: 1 }, { session });
    await c.deleteOne({ _id: 'a' }, { session });

    await c.insertOne({ _id: 'b', k: 1 }, { session });
    await session.commitTransaction();

    expect(await c.find({}).toArray()).to.deep.equal([{ _id: 'b', k: 1 }]);
  });

  it('when the loser retries after the winner committed, then it gets a plain DuplicateKey that is not retryable', async () => {
    const c = await keyed('retry_after_commit');
    const [first, second] = [begin(), begin()];
    await c.insertOne({ k: 1 }, { session: first });
    await failure(c.insertOne({ k: 1 }, { session: second }));
    await second.abortTransaction();
    await first.commitTransaction();

    second.startTransaction();
    const error = await failure(c.insertOne({ k: 1 }, { session: second }));

    expect(error?.code).to.equal(11000);
    expect(error!.hasErrorLabel('TransientTransactionError')).to.equal(false);
    expect((error as unknown as { keyValue: unknown }).keyValue).to.deep.equal({ k: 1 });
  });

  it('when the transaction holding a key aborts, then another transaction may insert it', async () => {
    const c = await keyed('holder_aborts');
    const first = begin();
    await c.insertOne({ k: 1, by: 'first' }, { session: first });
    await first.abortTransaction();
    const second = begin();

    await c.insertOne({ k: 1, by: 'second' }, { session: second });
    await second.commitTransaction();

    expect(await c.find({}, { projection: { _id: 0 } }).toArray()).to.deep.equal([{ k: 1, by: 'second' }]);
  });

  it('when an update moves a unique key onto a value another open transaction inserted, then it fails with a retryable WriteConflict', async () => {
    const c = await keyed('update_onto_held');
    await c.insertOne({ _id: 'b', k: 2 });
    const [first, second] = [begin(), begin()];
    await c.insertOne({ k: 5 }, { session: first });

    const error = await failure(c.updateOne({ _id: 'b' }, { $set: { k: 5 } }, { session: second }));

    expectWriteConflict(error);
  });

  it('when an upsert inserts a key another open transaction moved a document onto, then it fails with a retryable WriteConflict', async () => {
    const c = await keyed('upsert_onto_held');
    await c.insertOne({ _id: 'a', k: 1 });
    const [first, second] = [begin(), begin()];
    await c.updateOne({ _id: 'a' }, { $set: { k: 7 } }, { session: first });

    const error = await failure(c.findOneAndUpdate({ k: 7 }, { $set: { x: 1 } }, { upsert: true, session: second }));

    expectWriteConflict(error);
  });

  it('when a key was committed after the transaction began reading, then inserting it fails with a retryable WriteConflict', async () => {
    const c = await keyed('committed_since_snapshot');
    await c.insertOne({ k: 0 });
    const session = begin();
    await c.findOne({ k: 0 }, { session });
    await c.insertOne({ k: 9, by: 'outside' });

    const error = await failure(c.insertOne({ k: 9, by: 'inside' }, { session }));

    expectWriteConflict(error);
  });
});

describe('store conformance: mongoose transactions racing on a unique key', () => {
  const database = useTestDatabase('txn_unique_mongoose');
  const model = (connection: Connection) => connection.models.Seat ?? connection.model('Seat', new Schema({ code: { type: String, unique: true }, by: String }));

  before(async () => {
    await model(database.connection).init();
  });

  it('when two connection.transaction() calls insert the same unique key, then one commits and the other ends, after retrying, with the duplicate key error (11000)', async () => {
    const Seat = model(database.connection);
    let firstInserted!: () => void;
    let firstMayCommit!: () => void;
    const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const mayCommit = new Promise<void>((resolve) => (firstMayCommit = resolve));
    let secondAttempts = 0;

    const first = database.connection.transaction(async (session) => {
      await Seat.create([{ code: 'A1', by: 'first' }], { session });
      firstInserted();
      await mayCommit;
    });
    await inserted;
    const second = database.connection.transaction(async (session) => {
      secondAttempts += 1;
      try {
        await Seat.create([{ code: 'A1', by: 'second' }], { session });
      } finally {
        firstMayCommit();
      }
    });
    const [firstOutcome, secondOutcome] = await Promise.allSettled([first, second]);

    expect(firstOutcome.status).to.equal('fulfilled');
    expect(secondOutcome.status).to.equal('rejected');
    const error = (secondOutcome as PromiseRejectedResult).reason as MongoServerError;
    expect(error.code).to.equal(11000);
    expect(error.hasErrorLabel('TransientTransactionError')).to.equal(false);
    expect(secondAttempts).to.be.greaterThan(1);
    expect(await Seat.find({}, { _id: 0, code: 1, by: 1 }).lean()).to.deep.equal([{ code: 'A1', by: 'first' }]);
  });
});
