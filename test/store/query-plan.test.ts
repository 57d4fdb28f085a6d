import { expect } from 'chai';
import { ObjectId } from 'bson';
import { Collection, idOf } from '../../src/store/engine/collection.ts';
import { normaliseIndexSpec } from '../../src/store/engine/index-spec.ts';
import { planIds } from '../../src/store/engine/query-plan.ts';
import { freezeDocument } from '../../src/store/values/documents.ts';

/** A collection of 1,000 documents with indexes on `email` (unique), `age` and `tags`. */
function buildCollection(): { collection: Collection; ids: ObjectId[] } {
  const collection = new Collection('db', 'people');
  collection.addIndex(normaliseIndexSpec({ key: { email: 1 }, unique: true }));
  collection.addIndex(normaliseIndexSpec({ key: { age: 1 } }));
  collection.addIndex(normaliseIndexSpec({ key: { tags: 1 } }));
  const ids: ObjectId[] = [];
  for (let i = 0; i < 1000; i++) {
    const doc = freezeDocument({ _id: new ObjectId(), email: `p${i}@example.org`, age: i % 100, tags: [`t${i % 10}`, 'all'], note: `n${i}` });
    ids.push(doc._id);
    collection.insert(idOf(doc), doc);
  }
  return { collection, ids };
}

describe('store query planner', () => {
  const { collection, ids } = buildCollection();

  it('when a filter has _id equality, then exactly that document is a candidate', () => {
    const candidates = planIds(collection, { _id: ids[42] });

    expect(candidates).to.deep.equal([idOf({ _id: ids[42] })]);
  });

  it('when a filter has equality on a unique indexed field, then one candidate is examined, not the collection', () => {
    const candidates = planIds(collection, { email: 'p7@example.org', note: 'anything' });

    expect(candidates).to.have.length(1);
  });

  it('when a filter has a range on an indexed field, then only documents in the range are candidates', () => {
    const candidates = planIds(collection, { age: { $gte: 10, $lt: 13 } });

    expect(candidates).to.have.length(30);
  });

  it('when a filter has $in on an indexed field, then the candidates are the union of the lookups', () => {
    const candidates = planIds(collection, { $and: [{ age: { $in: [1, 2] } }] });

    expect(candidates).to.have.length(20);
  });

  it('when a filter has equality on a multikey field, then documents holding the element are candidates', () => {
    const candidates = planIds(collection, { tags: 't3' });

    expect(candidates).to.have.length(100);
  });

  it('when several indexed fields are constrained, then the most selective index is used', () => {
    const candidates = planIds(collection, { tags: 'all', age: 5 });

    expect(candidates).to.have.length(10);
  });

  it('when no index serves the filter, then the planner asks for a scan', () => {
    expect(planIds(collection, { note: 'n1' })).to.equal(null);
    expect(planIds(collection, { age: { $ne: 3 } })).to.equal(null);
  });

  it('when documents change, then the indexes follow', () => {
    const doc = collection.docs.get(idOf({ _id: ids[0] }))!;
    const changed = freezeDocument({ ...doc, age: 500 });

    collection.replace(idOf(doc), doc, changed);

    expect(planIds(collection, { age: 500 })).to.deep.equal([idOf(doc)]);
    expect(planIds(collection, { age: 0 })).to.have.length(9);
  });

  it('when a filter sets every field of a compound index, then the candidates are the documents of those whole keys, not of the first field', () => {
    const roster = new Collection('db', 'roster');
    roster.addIndex(normaliseIndexSpec({ key: { team: 1, email: 1 }, unique: true }));
    roster.addIndex(normaliseIndexSpec({ key: { team: 1, manager: 1, level: -1 } }));
    for (let i = 0; i < 500; i++) {
      const doc = freezeDocument({ _id: `p${i}`, team: i < 400 ? 'big' : 'small', email: `p${i}@example.org`, manager: i % 2 ? 'ann' : ['bob', 'cy'], level: i % 3 });
      roster.insert(idOf(doc), doc);
    }

    expect(planIds(roster, { team: 'big', email: 'p7@example.org', erasedAt: { $exists: false } })).to.deep.equal([idOf({ _id: 'p7' })]);
    expect(planIds(roster, { team: { $in: ['big', 'small'] }, email: { $in: ['p1@example.org', 'p450@example.org', 'nobody'] } })).to.have.members([idOf({ _id: 'p1' }), idOf({ _id: 'p450' })]);
    expect(planIds(roster, { team: 'big', manager: 'cy', level: 2.0 })).to.have.length(67);
    expect(planIds(roster, { team: 'big', email: null })).to.have.length(400);
    expect(planIds(roster, { team: 'small', manager: 'ann' })).to.have.length(100);
  });
});
