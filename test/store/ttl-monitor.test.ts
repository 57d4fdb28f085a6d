import { expect } from 'chai';
import { normaliseIndexSpec } from '../../src/store/engine/index-spec.ts';
import { StorageEngine } from '../../src/store/engine/storage-engine.ts';
import { sweepExpired } from '../../src/store/engine/ttl-monitor.ts';
import { freezeDocument } from '../../src/store/values/documents.ts';

describe('store TTL sweep', () => {
  it('when a TTL index date has passed, then the document is deleted and the others stay', () => {
    const engine = new StorageEngine();
    const now = Date.parse('2026-03-01T12:00:00Z');
    engine.commit([{ t: 'createIndex', db: 'app', c: 'tokens', spec: normaliseIndexSpec({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }) }]);
    const insert = (_id: string, expiresAt: unknown) => engine.commit([{ t: 'insert', db: 'app', c: 'tokens', doc: freezeDocument({ _id, expiresAt }) }]);
    insert('expired', new Date(now - 1000));
    insert('later', new Date(now + 60_000));
    insert('not-a-date', 'tomorrow');
    insert('one-of-many-expired', [new Date(now + 60_000), new Date(now - 5)]);

    const removed = sweepExpired(engine, now);

    expect(removed).to.equal(2);
    expect([...engine.collection('app', 'tokens')!.docs.values()].map((doc) => doc._id)).to.deep.equal(['later', 'not-a-date']);
  });
});
