import { expect } from 'chai';
import type { Db, MongoServerError } from 'mongodb';
import { useDriverDatabase, type AnyDoc } from '../support/driver-database.ts';

describe('store conformance: updates', () => {
  const database = useDriverDatabase('update');
  const db = (): Db => database.db;

  it('when update operators run, then the document changes field by field and counts say so', async () => {
    const items = db().collection<AnyDoc>('upd_ops');
    await items.insertOne({ _id: 1, n: 1, list: [1, 2], drop: true, nested: { a: 1 } });

    const result = await items.updateOne({ _id: 1 }, { $inc: { n: 2 }, $push: { list: 3 } as AnyDoc, $unset: { drop: '' }, $set: { 'nested.b': 2 } });
    const doc = await items.findOne({ _id: 1 });

    expect(result.matchedCount).to.equal(1);
    expect(result.modifiedCount).to.equal(1);
    expect(doc).to.deep.equal({ _id: 1, n: 3, list: [1, 2, 3], nested: { a: 1, b: 2 } });
  });

  it('when an update changes nothing, then it matches but does not modify', async () => {
    const items = db().collection<AnyDoc>('upd_noop');
    await items.insertOne({ _id: 1, n: 1 });

    const result = await items.updateOne({ _id: 1 }, { $set: { n: 1 } });

    expect(result.matchedCount).to.equal(1);
    expect(result.modifiedCount).to.equal(0);
  });

  it('when updateMany runs, then every match changes', async () => {
    const items = db().collection<AnyDoc>('upd_many');
    await items.insertMany([{ g: 'x', v: 0 }, { g: 'x', v: 0 }, { g: 'y', v: 0 }]);

    const result = await items.updateMany({ g: 'x' }, { $set: { v: 1 } });
    const values = (await items.find({}).sort({ g: 1 }).toArray()).map((doc) => doc.v);

    expect(result.modifiedCount).to.equal(2);
    expect(values).to.deep.equal([1, 1, 0]);
  });

  it('when an upsert finds nothing, then it inserts the filter equalities plus $set and $setOnInsert', async () => {
    const items = db().collection<AnyDoc>('upd_upsert');

    const result = await items.updateOne({ key: 'k1', kind: { $eq: 'a' }, n: { $gt: 0 } }, { $set: { seen: true }, $setOnInsert: { created: 'once' } }, { upsert: true });
    const doc = await items.findOne({ key: 'k1' }, { projection: { _id: 0 } });

    expect(result.upsertedCount).to.equal(1);
    expect(result.upsertedId).to.not.equal(null);
    expect(doc).to.deep.equal({ key: 'k1', kind: 'a', seen: true, created: 'once' });
  });

  it('when an upsert matches, then $setOnInsert is ignored', async () => {
    const items = db().collection<AnyDoc>('upd_upsert_match');
    await items.insertOne({ key: 'k', created: 'first' });

    const result = await items.updateOne({ key: 'k' }, { $set: { seen: true }, $setOnInsert: { created: 'second' } }, { upsert: true });
    const doc = await items.findOne({ key: 'k' }, { projection: { _id: 0 } });

    expect(result.upsertedCount).to.equal(0);
    expect(doc).to.deep.equal({ key: 'k', created: 'first', seen: true });
  });

  it('when arrayFilters select elements, then only those elements change', async () => {
    const items = db().collection<AnyDoc>('upd_array_filters');
    await items.insertOne({ _id: 1, grades: [{ g: 80, ok: false }, { g: 95, ok: false }, { g: 90, ok: false }] });

    await items.updateOne({ _id: 1 }, { $set: { 'grades.$[high].ok': true } }, { arrayFilters: [{ 'high.g': { $gte: 90 } }] });
    const doc = await items.findOne({ _id: 1 });

    expect(doc!.grades.map((grade: { ok: boolean }) => grade.ok)).to.deep.equal([false, true, true]);
  });

  it('when the positional $ operator is used, then the first matching element changes', async () => {
    const items = db().collection<AnyDoc>('upd_positional');
    await items.insertOne({ _id: 1, tasks: [{ id: 'a', done: false }, { id: 'b', done: false }] });

    await items.updateOne({ _id: 1, 'tasks.id': 'b' }, { $set: { 'tasks.$.done': true } });
    const doc = await items.findOne({ _id: 1 });

    expect(doc!.tasks).to.deep.equal([{ id: 'a', done: false }, { id: 'b', done: true }]);
  });

  it('when a document is replaced, then only the new fields remain and _id stays', async () => {
    const items = db().collection<AnyDoc>('upd_replace');
    await items.insertOne({ _id: 1, a: 1, b: 2 });

    await items.replaceOne({ _id: 1 }, { c: 3 });
    const doc = await items.findOne({ _id: 1 });

    expect(doc).to.deep.equal({ _id: 1, c: 3 });
  });

  it('when an update would change _id, then it fails with ImmutableField (66)', async () => {
    const items = db().collection<AnyDoc>('upd_immutable');
    await items.insertOne({ _id: 1, a: 1 });

    const error = (await items.updateOne({ _id: 1 }, { $set: { _id: 2 } }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(66);
  });

  it('when $set and $setOnInsert name the same field in an upsert, then it fails with code 40', async () => {
    const items = db().collection<AnyDoc>('upd_conflict');

    const error = (await items.updateOne({ k: 1 }, { $set: { a: 1 }, $setOnInsert: { a: 2 } }, { upsert: true }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(40);
  });

  it('when $set names _id with its current value, then the update is accepted', async () => {
    const items = db().collection<AnyDoc>('upd_same_id');
    await items.insertOne({ _id: 1, a: 1 });

    const result = await items.updateOne({ _id: 1 }, { $set: { _id: 1, a: 2 } });

    expect(result.modifiedCount).to.equal(1);
    expect(await items.findOne({ _id: 1 })).to.deep.equal({ _id: 1, a: 2 });
  });

  it('when two operators update the same path, then it fails with ConflictingUpdateOperators (40)', async () => {
    const items = db().collection<AnyDoc>('upd_two_ops');
    await items.insertOne({ _id: 1, a: 1 });

    const error = (await items.updateOne({ _id: 1 }, { $set: { a: 5 }, $inc: { a: 1 } }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(40);
    expect(await items.findOne({ _id: 1 })).to.deep.equal({ _id: 1, a: 1 });
  });

  it('when an update uses an unknown operator, then it fails with FailedToParse (9)', async () => {
    const items = db().collection<AnyDoc>('upd_unknown');
    await items.insertOne({ a: 1 });

    const error = (await items.updateOne({ a: 1 }, { $frobnicate: { a: 2 } }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(9);
  });

  it('when findOneAndUpdate runs, then it returns the document before or after as asked', async () => {
    const items = db().collection<AnyDoc>('upd_fam');
    await items.insertOne({ k: 'x', n: 1 });

    const before = await items.findOneAndUpdate({ k: 'x' }, { $inc: { n: 1 } });
    const after = await items.findOneAndUpdate({ k: 'x' }, { $inc: { n: 1 } }, { returnDocument: 'after', projection: { _id: 0 } });
    const removed = await items.findOneAndDelete({ k: 'x' });
    const gone = await items.findOne({ k: 'x' });

    expect(before!.n).to.equal(1);
    expect(after).to.deep.equal({ k: 'x', n: 3 });
    expect(removed!.n).to.equal(3);
    expect(gone).to.equal(null);
  });

  it('when findOneAndUpdate upserts with a sort, then it inserts and returns the new document', async () => {
    const items = db().collection<AnyDoc>('upd_fam_upsert');

    const created = await items.findOneAndUpdate({ k: 'new' }, { $set: { v: 1 } }, { upsert: true, sort: { v: -1 }, returnDocument: 'after' });

    expect(created!.k).to.equal('new');
    expect(created!.v).to.equal(1);
  });

  it('when an update is a pipeline, then stages compute the new fields', async () => {
    const items = db().collection<AnyDoc>('upd_pipeline');
    await items.insertOne({ _id: 1, a: 2, b: 3 });

    await items.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ['$a', '$b'] } } }]);
    const doc = await items.findOne({ _id: 1 });

    expect(doc).to.deep.equal({ _id: 1, a: 2, b: 3, sum: 5 });
  });
});
