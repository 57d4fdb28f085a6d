import { expect } from 'chai';
import type { Db, MongoBulkWriteError, MongoServerError } from 'mongodb';
import { useDriverDatabase, type AnyDoc } from '../support/driver-database.ts';

describe('store conformance: indexes', () => {
  const database = useDriverDatabase('indexes');
  const db = (): Db => database.db;

  it('when a unique index exists, then a duplicate insert reports E11000 with keyPattern and keyValue', async () => {
    const users = db().collection<AnyDoc>('ix_users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'a@example.org' });

    const error = (await users.insertOne({ email: 'a@example.org' }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(11000);
    expect(error.message).to.equal(`E11000 duplicate key error collection: ${db().databaseName}.ix_users index: email_1 dup key: { email: "a@example.org" }`);
    expect(error.keyPattern).to.deep.equal({ email: 1 });
    expect(error.keyValue).to.deep.equal({ email: 'a@example.org' });
  });

  it('when an unordered batch hits duplicates, then the others are inserted and each duplicate is a write error', async () => {
    const users = db().collection<AnyDoc>('ix_batch');
    await users.createIndex({ code: 1 }, { unique: true });

    const error = (await users.insertMany([{ code: 1 }, { code: 1 }, { code: 2 }, { code: 2 }], { ordered: false }).catch((e: unknown) => e)) as MongoBulkWriteError;
    const count = await users.countDocuments();

    expect(error.writeErrors).to.have.length(2);
    expect((error.writeErrors as unknown as Array<{ index: number }>).map((w) => w.index)).to.deep.equal([1, 3]);
    expect(count).to.equal(2);
  });

  it('when an update would duplicate a unique key, then it fails and the document is unchanged', async () => {
    const users = db().collection<AnyDoc>('ix_update');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ email: 'a' }, { email: 'b' }]);

    const error = (await users.updateOne({ email: 'b' }, { $set: { email: 'a' } }).catch((e: unknown) => e)) as MongoServerError;
    const b = await users.findOne({ email: 'b' });

    expect(error.code).to.equal(11000);
    expect(b).to.not.equal(null);
  });

  it('when findOneAndUpdate would duplicate a unique key, then the error carries code, codeName, keyPattern and keyValue', async () => {
    const users = db().collection<AnyDoc>('ix_fam');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ email: 'a' }, { email: 'b' }]);

    const error = (await users.findOneAndUpdate({ email: 'b' }, { $set: { email: 'a' } }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(11000);
    expect(error.codeName).to.equal('DuplicateKey');
    expect(error.keyPattern).to.deep.equal({ email: 1 });
    expect(error.keyValue).to.deep.equal({ email: 'a' });
  });

  it('when a compound unique index exists, then only the full combination must be unique', async () => {
    const people = db().collection<AnyDoc>('ix_compound');
    await people.createIndex({ org: 1, email: 1 }, { unique: true });
    await people.insertMany([{ org: 1, email: 'a' }, { org: 2, email: 'a' }]);

    const error = (await people.insertOne({ org: 1, email: 'a' }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(11000);
    expect(error.message).to.match(/index: org_1_email_1 dup key: \{ org: 1, email: "a" \}$/);
  });

  it('when a unique index is sparse, then several documents may lack the field', async () => {
    const people = db().collection<AnyDoc>('ix_sparse');
    await people.createIndex({ nickname: 1 }, { unique: true, sparse: true });

    await people.insertMany([{ a: 1 }, { a: 2 }, { nickname: 'x' }]);
    const error = (await people.insertOne({ nickname: 'x' }).catch((e: unknown) => e)) as MongoServerError;

    expect(await people.countDocuments()).to.equal(3);
    expect(error.code).to.equal(11000);
  });

  it('when a unique index is not sparse, then a second document missing the field is a duplicate of null', async () => {
    const people = db().collection<AnyDoc>('ix_null');
    await people.createIndex({ nickname: 1 }, { unique: true });
    await people.insertOne({ a: 1 });

    const error = (await people.insertOne({ a: 2 }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(11000);
    expect(error.keyValue).to.deep.equal({ nickname: null });
  });

  it('when a unique index is built over existing duplicates, then creation fails with 11000 and no index remains', async () => {
    const people = db().collection<AnyDoc>('ix_build_dups');
    await people.insertMany([{ e: 'x' }, { e: 'x' }]);

    const error = (await people.createIndex({ e: 1 }, { unique: true }).catch((e: unknown) => e)) as MongoServerError;
    const names = (await people.indexes()).map((index) => index.name);

    expect(error.code).to.equal(11000);
    expect(names).to.deep.equal(['_id_']);
  });

  it('when indexes are listed and dropped, then listIndexes reflects each step', async () => {
    const items = db().collection<AnyDoc>('ix_list');
    await items.createIndex({ a: 1 });
    await items.createIndex({ b: -1 }, { name: 'b_desc', unique: true });

    const listed = await items.indexes();
    await items.dropIndex('b_desc');
    const afterOne = (await items.indexes()).map((index) => index.name);
    await items.dropIndexes();
    const afterAll = (await items.indexes()).map((index) => index.name);

    expect(listed.map((index) => [index.name, index.key, index.unique ?? false])).to.deep.equal([
      ['_id_', { _id: 1 }, false],
      ['a_1', { a: 1 }, false],
      ['b_desc', { b: -1 }, true],
    ]);
    expect(afterOne).to.deep.equal(['_id_', 'a_1']);
    expect(afterAll).to.deep.equal(['_id_']);
  });

  it('when the same index is created twice, then the second call is a no-op', async () => {
    const items = db().collection<AnyDoc>('ix_twice');

    const first = await items.createIndex({ a: 1 });
    const second = await items.createIndex({ a: 1 });

    expect([first, second]).to.deep.equal(['a_1', 'a_1']);
    expect(await items.indexes()).to.have.length(2);
  });

  it('when an index name is reused for other keys, then it fails with IndexKeySpecsConflict (86)', async () => {
    const items = db().collection<AnyDoc>('ix_name_clash');
    await items.createIndex({ a: 1 }, { name: 'mine' });

    const error = (await items.createIndex({ b: 1 }, { name: 'mine' }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(86);
  });

  it('when the same keys get a second name, then it fails with IndexOptionsConflict (85)', async () => {
    const items = db().collection<AnyDoc>('ix_key_clash');
    await items.createIndex({ a: 1 }, { name: 'first' });

    const error = (await items.createIndex({ a: 1 }, { name: 'second' }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(85);
  });

  it('when an unknown index is dropped, then it fails with IndexNotFound (27)', async () => {
    const items = db().collection<AnyDoc>('ix_drop_unknown');
    await items.insertOne({ a: 1 });

    const error = (await items.dropIndex('nope').catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(27);
  });

  it('when a collection does not exist, then listIndexes fails with NamespaceNotFound (26)', async () => {
    const error = (await db().collection<AnyDoc>('ix_never_created').indexes().catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(26);
  });

  it('when an indexed field is queried by equality, range and $in, then the results equal a scan', async () => {
    const items = db().collection<AnyDoc>('ix_queries');
    await items.insertMany(Array.from({ length: 60 }, (_, i) => ({ n: i % 20, s: `k${i % 7}`, tags: [i % 3, 10 + (i % 2)] })));
    await items.createIndexes([{ key: { n: 1 } }, { key: { s: 1 } }, { key: { tags: 1 } }]);

    const equal = await items.countDocuments({ n: 4 });
    const range = await items.countDocuments({ n: { $gte: 5, $lt: 8 } });
    const inList = await items.countDocuments({ s: { $in: ['k1', 'k2'] } });
    const multikey = await items.countDocuments({ tags: 11 });
    const multikeyRange = await items.countDocuments({ tags: { $gt: 1, $lt: 11 } });

    expect(equal).to.equal(3);
    expect(range).to.equal(9);
    expect(inList).to.equal(18);
    expect(multikey).to.equal(30);
    expect(multikeyRange).to.equal(60);
  });

  it('when every field of a compound index is queried, then the results equal a scan: numbers across types, array elements, null as missing', async () => {
    const items = db().collection<AnyDoc>('ix_compound_queries');
    const docs = Array.from({ length: 60 }, (_, i) => ({ team: `t${i % 3}`, n: i % 5, ...(i % 4 ? { tags: [`a${i % 2}`, 'all'] } : {}) }));
    await items.insertMany(docs);
    const scanned = async (filter: AnyDoc) => (await items.find(filter).toArray()).length;
    const filters: AnyDoc[] = [
      { team: 't1', n: 2 },
      { team: 't1', n: 2.0, tags: 'a0' },
      { team: { $in: ['t0', 't2'] }, n: { $in: [1, 4] }, tags: 'all' },
      { team: 't2', n: 3, tags: null },
    ];
    const before = await Promise.all(filters.map(scanned));

    await items.createIndexes([{ key: { team: 1, n: 1 } }, { key: { team: 1, n: -1, tags: 1 } }]);

    expect(await Promise.all(filters.map(scanned))).to.deep.equal(before);
    expect(before).to.deep.equal([4, 1, 12, 1]);
  });
});
