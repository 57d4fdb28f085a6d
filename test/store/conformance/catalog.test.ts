import { expect } from 'chai';
import type { Db, MongoServerError } from 'mongodb';
import { useDriverDatabase, type AnyDoc } from '../support/driver-database.ts';

describe('store conformance: collections, databases and commands', () => {
  const database = useDriverDatabase('catalog');
  const db = (): Db => database.db;

  it('when collections are created, listed and dropped, then listCollections follows', async () => {
    await db().createCollection('cat_a');
    await db().collection<AnyDoc>('cat_b').insertOne({ x: 1 });

    const before = (await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    const filtered = (await db().listCollections({ name: 'cat_b' }).toArray()).map((c) => [c.name, c.type]);
    await db().collection<AnyDoc>('cat_a').drop();
    const after = (await db().listCollections().toArray()).map((c) => c.name).sort();

    expect(before).to.include.members(['cat_a', 'cat_b']);
    expect(filtered).to.deep.equal([['cat_b', 'collection']]);
    expect(after).to.not.include('cat_a');
    expect(after).to.include('cat_b');
  });

  it('when an existing collection is created again, then it fails with NamespaceExists (48)', async () => {
    await db().createCollection('cat_twice');

    const error = (await db().command({ create: 'cat_twice' }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(48);
  });

  it('when a database is dropped, then its collections are gone', async () => {
    const other = database.client.db(`${db().databaseName}_other`);
    await other.collection<AnyDoc>('x').insertOne({ a: 1 });

    await other.dropDatabase();
    const names = await other.listCollections().toArray();

    expect(names).to.deep.equal([]);
  });

  it('when ping, hello and buildInfo are sent, then they answer ok', async () => {
    const admin = database.client.db('admin');

    const ping = await admin.command({ ping: 1 });
    const hello = await admin.command({ hello: 1 });
    const info = await admin.command({ buildInfo: 1 });

    expect(ping.ok).to.equal(1);
    expect(hello.isWritablePrimary).to.equal(true);
    expect(hello.maxWireVersion).to.be.at.least(9);
    expect(info.version).to.be.a('string');
  });

  it('when an unknown command is sent, then it fails with CommandNotFound (59)', async () => {
    const error = (await db().command({ frobnicate: 1 }).catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(59);
    expect(error.codeName).to.equal('CommandNotFound');
  });

  it('when a filter uses an unknown operator, then it fails with BadValue (2)', async () => {
    await db().collection<AnyDoc>('cat_ops').insertOne({ a: 1 });

    const error = (await db().collection<AnyDoc>('cat_ops').find({ a: { $frobnicate: 1 } }).toArray().catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(2);
    expect(error.message).to.contain('$frobnicate');
  });
});
