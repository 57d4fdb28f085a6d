import { expect } from 'chai';
import type { Db, MongoServerError } from 'mongodb';
import { useDriverDatabase, type AnyDoc } from '../support/driver-database.ts';

/** Against a real MongoDB these need a replica set (a single-node one will do): a standalone mongod has no transactions. */
describe('store conformance: transactions', () => {
  const database = useDriverDatabase('txn');
  const db = (): Db => database.db;
  const client = () => database.client;

  it('when a transaction commits, then all its writes appear together', async () => {
    const accounts = db().collection<AnyDoc>('tx_commit');
    await accounts.insertMany([{ _id: 'a', balance: 10 }, { _id: 'b', balance: 0 }]);
    const session = client().startSession();

    await session.withTransaction(async () => {
      await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -5 } }, { session });
      await accounts.updateOne({ _id: 'b' }, { $inc: { balance: 5 } }, { session });
      await accounts.insertOne({ _id: 'log', moved: 5 }, { session });
    });
    await session.endSession();
    const docs = await accounts.find({}).sort({ _id: 1 }).toArray();

    expect(docs).to.deep.equal([
      { _id: 'a', balance: 5 },
      { _id: 'b', balance: 5 },
      { _id: 'log', moved: 5 },
    ]);
  });

  it('when a transaction aborts, then none of its writes remain', async () => {
    const items = db().collection<AnyDoc>('tx_abort');
    await items.insertOne({ _id: 1, v: 'original' });
    const session = client().startSession();

    session.startTransaction();
    await items.updateOne({ _id: 1 }, { $set: { v: 'changed' } }, { session });
    await items.insertOne({ _id: 2 }, { session });
    await session.abortTransaction();
    await session.endSession();

    expect(await items.find({}).toArray()).to.deep.equal([{ _id: 1, v: 'original' }]);
  });

  it('when a transaction is open, then others do not see its writes and it does not see theirs', async () => {
    const items = db().collection<AnyDoc>('tx_isolation');
    await items.insertOne({ _id: 1, v: 0 });
    const session = client().startSession();

    session.startTransaction();
    await items.updateOne({ _id: 1 }, { $set: { v: 1 } }, { session });
    const outsideDuring = await items.findOne({ _id: 1 });
    await items.insertOne({ _id: 2, v: 'outside' });
    const insideCount = await items.countDocuments({}, { session });
    const insideOwn = await items.findOne({ _id: 1 }, { session });
    await session.commitTransaction();
    await session.endSession();
    const outsideAfter = await items.findOne({ _id: 1 });

    expect(outsideDuring!.v).to.equal(0);
    expect(insideOwn!.v).to.equal(1);
    expect(insideCount).to.equal(1);
    expect(outsideAfter!.v).to.equal(1);
  });

  it('when two transactions write the same document, then the second gets a retryable WriteConflict', async () => {
    const items = db().collection<AnyDoc>('tx_conflict');
    await items.insertOne({ _id: 1, n: 0 });
    const first = client().startSession();
    const second = client().startSession();

    first.startTransaction();
    second.startTransaction();
    await items.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: first });
    await items.findOne({ _id: 1 }, { session: second });
    await first.commitTransaction();
    const error = (await items.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: second }).catch((e: unknown) => e)) as MongoServerError;
    await second.abortTransaction().catch(() => undefined);
    await Promise.all([first.endSession(), second.endSession()]);

    expect(error.code).to.equal(112);
    expect(error.hasErrorLabel('TransientTransactionError')).to.equal(true);
    expect((await items.findOne({ _id: 1 }))!.n).to.equal(1);
  });

  it('when concurrent withTransaction calls increment one counter, then retries make every increment count', async () => {
    const counters = db().collection<AnyDoc>('tx_counter');
    await counters.insertOne({ _id: 'c', n: 0 });

    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const session = client().startSession();
        await session.withTransaction(async () => {
          const current = await counters.findOne({ _id: 'c' }, { session });
          await counters.updateOne({ _id: 'c' }, { $set: { n: current!.n + 1 } }, { session });
        });
        await session.endSession();
      }),
    );

    expect((await counters.findOne({ _id: 'c' }))!.n).to.equal(8);
  });

  it('when a transaction inserts a duplicate unique key, then the insert fails and the transaction can be aborted cleanly', async () => {
    const users = db().collection<AnyDoc>('tx_unique');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'a' });
    const session = client().startSession();

    session.startTransaction();
    await users.insertOne({ email: 'b' }, { session });
    const error = (await users.insertOne({ email: 'a' }, { session }).catch((e: unknown) => e)) as MongoServerError;
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();

    expect(error.code).to.equal(11000);
    expect(await users.countDocuments()).to.equal(1);
  });

  it('when a transaction queries an indexed field after writing, then it sees its own inserts, moves and deletes by their new keys', async () => {
    const people = db().collection<AnyDoc>('tx_own_by_index');
    await people.createIndex({ team: 1 });
    await people.insertMany([{ _id: 'kept', team: 'a' }, { _id: 'moved', team: 'a' }, { _id: 'deleted', team: 'a' }]);
    const session = client().startSession();
    const teamOf = async (team: string) => (await people.find({ team }, { session }).toArray()).map((doc) => doc._id).sort();

    session.startTransaction();
    await people.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `new${i}`, team: i % 2 ? 'a' : 'b' })), { session });
    expect(await teamOf('c')).to.deep.equal([]);
    await people.updateOne({ _id: 'moved' }, { $set: { team: 'b' } }, { session });
    await people.updateOne({ _id: 'new1' }, { $set: { team: 'c' } }, { session });
    await people.deleteOne({ _id: 'deleted' }, { session });
    const inside = { a: await teamOf('a'), b: await teamOf('b'), c: await teamOf('c') };
    const inListInside = (await people.find({ team: { $in: ['c', 'z'] } }, { session }).toArray()).map((doc) => doc._id);
    await session.abortTransaction();
    await session.endSession();

    const odd = (from: number) => Array.from({ length: 25 }, (_, i) => `new${2 * i + from}`);
    expect(inside.a).to.deep.equal(['kept', ...odd(1).filter((id) => id !== 'new1')].sort());
    expect(inside.b).to.deep.equal(['moved', ...odd(0)].sort());
    expect(inside.c).to.deep.equal(['new1']);
    expect(inListInside).to.deep.equal(['new1']);
    expect(await people.find({ team: 'a' }).toArray()).to.have.length(3);
  });
});
