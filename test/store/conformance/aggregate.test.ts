import { expect } from 'chai';
import type { Db, MongoServerError } from 'mongodb';
import { useDriverDatabase, type AnyDoc } from '../support/driver-database.ts';

describe('store conformance: aggregation', () => {
  const database = useDriverDatabase('aggregate');
  const db = (): Db => database.db;

  before(async () => {
    await db().collection<AnyDoc>('ag_people').insertMany([
      { _id: 1, name: 'Ada', dept: 'ops', skills: ['excel', 'sql'] },
      { _id: 2, name: 'Bo', dept: 'ops', skills: ['excel'] },
      { _id: 3, name: 'Cy', dept: 'sales', skills: [] },
    ]);
    await db().collection<AnyDoc>('ag_depts').insertMany([
      { code: 'ops', title: 'Operations' },
      { code: 'sales', title: 'Sales' },
    ]);
  });

  it('when $match, $unwind, $group and $sort run, then counts are per group', async () => {
    const result = await db()
      .collection<AnyDoc>('ag_people')
      .aggregate([{ $match: { dept: 'ops' } }, { $unwind: '$skills' }, { $group: { _id: '$skills', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();

    expect(result).to.deep.equal([
      { _id: 'excel', n: 2 },
      { _id: 'sql', n: 1 },
    ]);
  });

  it('when $lookup joins another collection, then each document carries its matches', async () => {
    const result = await db()
      .collection<AnyDoc>('ag_people')
      .aggregate([{ $lookup: { from: 'ag_depts', localField: 'dept', foreignField: 'code', as: 'd' } }, { $project: { _id: 0, name: 1, title: { $first: '$d.title' } } }, { $sort: { name: 1 } }])
      .toArray();

    expect(result).to.deep.equal([
      { name: 'Ada', title: 'Operations' },
      { name: 'Bo', title: 'Operations' },
      { name: 'Cy', title: 'Sales' },
    ]);
  });

  it('when $facet runs, then each facet gets its own pipeline over the same input', async () => {
    const [result] = await db()
      .collection<AnyDoc>('ag_people')
      .aggregate([{ $facet: { total: [{ $count: 'n' }], names: [{ $sort: { name: -1 } }, { $limit: 1 }, { $project: { _id: 0, name: 1 } }] } }])
      .toArray();

    expect(result).to.deep.equal({ total: [{ n: 3 }], names: [{ name: 'Cy' }] });
  });

  it('when stages add fields to nested joined documents, then the stored documents stay unchanged', async () => {
    await db()
      .collection<AnyDoc>('ag_people')
      .aggregate([{ $lookup: { from: 'ag_depts', localField: 'dept', foreignField: 'code', as: 'd' } }, { $unwind: '$d' }, { $addFields: { 'd.touched': true, skills: 'none' } }])
      .toArray();

    const dept = await db().collection<AnyDoc>('ag_depts').findOne({ code: 'ops' }, { projection: { _id: 0 } });
    const person = await db().collection<AnyDoc>('ag_people').findOne({ _id: 1 });

    expect(dept).to.deep.equal({ code: 'ops', title: 'Operations' });
    expect(person!.skills).to.deep.equal(['excel', 'sql']);
  });

  it('when $out ends a pipeline, then the target collection holds exactly the results', async () => {
    await db().collection<AnyDoc>('ag_out').insertOne({ stale: true });

    await db().collection<AnyDoc>('ag_people').aggregate([{ $group: { _id: '$dept', n: { $sum: 1 } } }, { $out: 'ag_out' }]).toArray();
    const written = await db().collection<AnyDoc>('ag_out').find({}).sort({ _id: 1 }).toArray();

    expect(written).to.deep.equal([
      { _id: 'ops', n: 2 },
      { _id: 'sales', n: 1 },
    ]);
  });

  it('when $merge ends a pipeline, then matching documents are merged and new ones inserted', async () => {
    await db().collection<AnyDoc>('ag_merge').insertOne({ _id: 'ops', n: 0, keep: true });

    await db().collection<AnyDoc>('ag_people').aggregate([{ $group: { _id: '$dept', n: { $sum: 1 } } }, { $merge: { into: 'ag_merge' } }]).toArray();
    const written = await db().collection<AnyDoc>('ag_merge').find({}).sort({ _id: 1 }).toArray();

    expect(written).to.deep.equal([
      { _id: 'ops', n: 2, keep: true },
      { _id: 'sales', n: 1 },
    ]);
  });

  it('when a pipeline names an unknown stage, then it fails with code 40324', async () => {
    const error = (await db().collection<AnyDoc>('ag_people').aggregate([{ $frobnicate: {} }]).toArray().catch((e: unknown) => e)) as MongoServerError;

    expect(error.code).to.equal(40324);
  });

  it('when the result is larger than the first batch, then getMore returns the rest', async () => {
    await db().collection<AnyDoc>('ag_many').insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));

    const result = await db().collection<AnyDoc>('ag_many').aggregate([{ $match: { i: { $gte: 50 } } }, { $project: { _id: 0, i: 1 } }], { batchSize: 100 }).toArray();

    expect(result).to.have.length(250);
    expect(result[0]).to.deep.equal({ i: 50 });
  });
});
