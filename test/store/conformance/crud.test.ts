import { expect } from 'chai';
import { Long, ObjectId, type Db, type MongoServerError } from 'mongodb';
import { useDriverDatabase, type AnyDoc } from '../support/driver-database.ts';

/**
 * Conformance: these assertions hold for the embedded store and for a real mongod
 * (run the suite with MONGODB_URI set to compare).
 */
describe('store conformance: insert, find and cursors', () => {
  const database = useDriverDatabase('crud');
  const db = (): Db => database.db;

  it('when documents are inserted without _id, then each gets an ObjectId and find returns them in insertion order', async () => {
    const items = db().collection<AnyDoc>('items_order');

    const result = await items.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const found = await items.find({}).toArray();

    expect(result.insertedCount).to.equal(3);
    expect(found.map((doc) => doc.n)).to.deep.equal([1, 2, 3]);
    expect(found.every((doc) => doc._id instanceof ObjectId)).to.equal(true);
  });

  it('when a filter uses comparison, logical and array operators, then only matching documents return', async () => {
    const items = db().collection<AnyDoc>('items_filter');
    await items.insertMany([
      { name: 'a', qty: 5, tags: ['red', 'blue'] },
      { name: 'b', qty: 15, tags: ['blue'] },
      { name: 'c', qty: 25, tags: [] },
      { name: 'd', tags: ['green'] },
    ]);

    const ranged = await items.find({ qty: { $gte: 5, $lt: 20 } }).toArray();
    const either = await items.find({ $or: [{ qty: { $gt: 20 } }, { tags: 'green' }] }).toArray();
    const inArray = await items.find({ tags: { $in: ['red', 'green'] } }).toArray();
    const missing = await items.find({ qty: { $exists: false } }).toArray();

    expect(ranged.map((doc) => doc.name)).to.deep.equal(['a', 'b']);
    expect(either.map((doc) => doc.name).sort()).to.deep.equal(['c', 'd']);
    expect(inArray.map((doc) => doc.name).sort()).to.deep.equal(['a', 'd']);
    expect(missing.map((doc) => doc.name)).to.deep.equal(['d']);
  });

  it('when fields must equal one of a list, or be present or absent, then numbers match across types, arrays by element, and null means missing', async () => {
    const items = db().collection<AnyDoc>('items_in_list');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    await items.insertMany([
      { _id: ids[0], n: 1, tags: ['red'], gone: new Date(0) },
      { _id: ids[1], n: Long.fromNumber(2), tags: ['blue', 'green'] },
      { _id: ids[2], n: 3.5, gone: null },
    ]);
    const names = async (filter: AnyDoc) => (await items.find(filter).toArray()).map((doc) => ids.findIndex((id) => id.equals(doc._id)));

    expect(await names({ n: { $in: [1.0, 2, 'three'] } })).to.deep.equal([0, 1]);
    expect(await names({ tags: { $in: ['green', 'purple'] } })).to.deep.equal([1]);
    expect(await names({ _id: { $in: [ids[2], ids[0]] }, n: { $in: [3.5] } })).to.deep.equal([2]);
    expect(await names({ gone: { $exists: false } })).to.deep.equal([1]);
    expect(await names({ gone: { $exists: true }, tags: { $exists: 1 } })).to.deep.equal([0]);
    expect(await names({ gone: { $in: [null] } })).to.deep.equal([1, 2]);
    expect(await names({ n: { $in: [] } })).to.deep.equal([]);
  });

  it('when find sorts by top-level fields, then documents come in mongod order: types in BSON order, missing as null, ties by the next key', async () => {
    const items = db().collection<AnyDoc>('items_sort');
    await items.insertMany([
      { _id: 1, k: 'b', n: 2 }, { _id: 2, k: 'a', n: 2 }, { _id: 3, n: 1 }, { _id: 4, k: null, n: 3 },
      { _id: 5, k: 5, n: 1 }, { _id: 6, k: new Date(0), n: 2 }, { _id: 7, k: true },
    ]);
    const order = async (sort: AnyDoc, skip = 0, limit = 0) => (await items.find({}).sort(sort).skip(skip).limit(limit).toArray()).map((doc) => doc._id);

    expect(await order({ k: 1, _id: 1 })).to.deep.equal([3, 4, 5, 2, 1, 7, 6]);
    expect(await order({ n: -1, _id: 1 })).to.deep.equal([4, 1, 2, 6, 3, 5, 7]);
    expect(await order({ n: -1, _id: -1 }, 1, 3)).to.deep.equal([6, 2, 1]);
  });

  it('when find sorts by a field holding arrays, then ascending uses each array\'s least element and descending its greatest', async () => {
    const items = db().collection<AnyDoc>('items_sort_arrays');
    await items.insertMany([{ _id: 'x', t: [3, 1] }, { _id: 'y', t: 2 }, { _id: 'z', t: [5] }]);

    const ascending = (await items.find({}).sort({ t: 1 }).toArray()).map((doc) => doc._id);
    const descending = (await items.find({}).sort({ t: -1 }).toArray()).map((doc) => doc._id);

    expect(ascending).to.deep.equal(['x', 'y', 'z']);
    expect(descending).to.deep.equal(['z', 'x', 'y']);
  });

  it('when find has sort, skip, limit and projection, then they apply in that order', async () => {
    const items = db().collection<AnyDoc>('items_shape');
    await items.insertMany([5, 3, 9, 1, 7].map((n) => ({ n, secret: 'x' })));

    const page = await items.find({}, { projection: { secret: 0, _id: 0 } }).sort({ n: -1 }).skip(1).limit(2).toArray();

    expect(page).to.deep.equal([{ n: 7 }, { n: 5 }]);
  });

  it('when a projection names top-level fields, then each document keeps exactly those, in its stored order, with _id unless excluded', async () => {
    const items = db().collection<AnyDoc>('items_top_level_projection');
    await items.insertMany([{ _id: 1, a: 1, b: 2, c: 3 }, { _id: 2, c: 30, a: 10 }]);
    const project = (projection: AnyDoc) => items.find({}, { projection }).sort({ _id: 1 }).toArray();

    const included = await project({ c: 1, a: 1 });
    const withoutId = await project({ b: true, _id: 0 });
    const onlyId = await project({ _id: 1 });
    const excluded = await project({ a: 0 });
    const error = await items.find({}, { projection: { a: 1, b: 0 } }).toArray().then(() => undefined, (e: unknown) => e as MongoServerError);

    expect(included.map((doc) => Object.keys(doc))).to.deep.equal([['_id', 'a', 'c'], ['_id', 'c', 'a']]);
    expect(included).to.deep.equal([{ _id: 1, a: 1, c: 3 }, { _id: 2, c: 30, a: 10 }]);
    expect(withoutId).to.deep.equal([{ b: 2 }, {}]);
    expect(onlyId).to.deep.equal([{ _id: 1 }, { _id: 2 }]);
    expect(excluded).to.deep.equal([{ _id: 1, b: 2, c: 3 }, { _id: 2, c: 30 }]);
    expect(error, 'mixing inclusion and exclusion is refused').to.not.equal(undefined);
  });

  it('when a projection names fields inside embedded documents, then only those are kept, in stored order, and arrays on the way are projected element by element', async () => {
    const items = db().collection<AnyDoc>('items_dotted_projection');
    await items.insertMany([
      { _id: 1, status: 'a', answers: { z: 26, a: 1, tasks: [{ t: 1 }] }, other: 'x' },
      { _id: 2, answers: { b: 2 }, status: 'b' },
      { _id: 3, status: 'c' },
      { _id: 4, status: 'd', answers: [{ a: 1, z: 2 }, { b: 3 }] },
    ]);

    const found = await items.find({}, { projection: { status: 1, 'answers.a': 1, 'answers.z': 1 } }).sort({ _id: 1 }).toArray();

    expect(found).to.deep.equal([
      { _id: 1, status: 'a', answers: { z: 26, a: 1 } },
      { _id: 2, answers: {}, status: 'b' },
      { _id: 3, status: 'c' },
      { _id: 4, status: 'd', answers: [{ a: 1, z: 2 }, {}] },
    ]);
    expect(Object.keys(found[0].answers)).to.deep.equal(['z', 'a']);
  });

  it('when a projection excludes nested fields or slices an array, then only those parts are left out', async () => {
    const items = db().collection<AnyDoc>('items_nested_projection');
    await items.insertOne({ _id: 1, profile: { secret: 's', name: 'n' }, list: [{ x: 1, y: 2 }], tags: [1, 2, 3] });

    const excluded = await items.findOne({ _id: 1 }, { projection: { 'profile.secret': 0, 'list.y': 0, tags: 0 } });
    const sliced = await items.findOne({ _id: 1 }, { projection: { tags: { $slice: 2 } } });
    const stored = await items.findOne({ _id: 1 });

    expect(excluded).to.deep.equal({ _id: 1, profile: { name: 'n' }, list: [{ x: 1 }] });
    expect(sliced!.tags).to.deep.equal([1, 2]);
    expect(stored).to.deep.equal({ _id: 1, profile: { secret: 's', name: 'n' }, list: [{ x: 1, y: 2 }], tags: [1, 2, 3] });
  });

  it('when more documents match than one batch holds, then the cursor fetches the rest with getMore', async () => {
    const items = db().collection<AnyDoc>('items_batches');
    await items.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));

    const all = await items.find({}, { batchSize: 40 }).toArray();

    expect(all).to.have.length(250);
    expect(all[249].i).to.equal(249);
  });

  it('when a cursor is closed early, then getMore on it fails with CursorNotFound', async () => {
    const items = db().collection<AnyDoc>('items_kill');
    await items.insertMany(Array.from({ length: 20 }, (_, i) => ({ i })));
    const first = await db().command({ find: 'items_kill', filter: {}, batchSize: 5 });
    const cursorId = first.cursor.id;

    await db().command({ killCursors: 'items_kill', cursors: [cursorId] });
    const error = await db().command({ getMore: cursorId, collection: 'items_kill' }).catch((e: unknown) => e);

    expect(first.cursor.firstBatch).to.have.length(5);
    expect((error as MongoServerError).codeName).to.equal('CursorNotFound');
    expect((error as MongoServerError).code).to.equal(43);
  });

  it('when documents are counted and distinct values asked for, then arrays count element by element', async () => {
    const items = db().collection<AnyDoc>('items_count');
    await items.insertMany([{ k: 'a', t: [1, 2] }, { k: 'b', t: [2, 3] }, { k: 'a', t: 3 }]);

    const count = await items.countDocuments({ k: 'a' });
    const estimated = await items.estimatedDocumentCount();
    const distinctK = await items.distinct('k');
    const distinctT = await items.distinct('t');

    expect(count).to.equal(2);
    expect(estimated).to.equal(3);
    expect(distinctK.sort()).to.deep.equal(['a', 'b']);
    expect(distinctT.sort()).to.deep.equal([1, 2, 3]);
  });

  it('when deleteOne and deleteMany run, then they remove one and all matches', async () => {
    const items = db().collection<AnyDoc>('items_delete');
    await items.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);

    const one = await items.deleteOne({ g: 1 });
    const many = await items.deleteMany({ g: 1 });
    const left = await items.find({}).toArray();

    expect(one.deletedCount).to.equal(1);
    expect(many.deletedCount).to.equal(2);
    expect(left.map((doc) => doc.g)).to.deep.equal([2]);
  });

  it('when values of different BSON types are stored, then they read back with their types', async () => {
    const items = db().collection<AnyDoc>('items_types');
    const id = new ObjectId();
    const when = new Date('2026-01-02T03:04:05.678Z');

    await items.insertOne({ _id: 'custom', ref: id, when, flag: true, nothing: null, nested: { list: [1, 'two', { three: 3 }] }, ratio: 0.25 });
    const doc = await items.findOne({ _id: 'custom' });

    expect(doc).to.deep.equal({ _id: 'custom', ref: id, when, flag: true, nothing: null, nested: { list: [1, 'two', { three: 3 }] }, ratio: 0.25 });
  });

  it('when a document is inserted with an existing _id, then the write error is E11000 on _id_', async () => {
    const items = db().collection<AnyDoc>('items_dup_id');
    await items.insertOne({ _id: 'k' });

    const error = (await items.insertOne({ _id: 'k' }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(11000);
    expect(error.message).to.equal(`E11000 duplicate key error collection: ${db().databaseName}.items_dup_id index: _id_ dup key: { _id: "k" }`);
    expect(error.keyValue).to.deep.equal({ _id: 'k' });
  });
});
