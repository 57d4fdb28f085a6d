import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { cohortOf, computeShortlist, createScenario, reviewTasks, type ShortlistBody } from '../../support/shortlist-builders.ts';
import { appendIncomingMatches, listIncomingParts, loadMatchCache, mergeIncomingParts, saveMatchCache } from '../../../src/shortlist/data-access/match-cache-repository.ts';
import type { TaskMatchResult } from '../../../src/matching/index.ts';

const INVOICES = 'Match invoices to purchase orders and goods receipts';
const VARIANCE = 'Write variance commentary for the monthly management accounts';
const PLANTS = 'Water the office plants';

/** What a computation produced, without what differs between versions (ids, version numbers, log). */
function computedPart(body: ShortlistBody): unknown {
  return body.cohorts;
}

describe('POST /api/v1/engagements/:engagementId/shortlist (match results kept between computations)', () => {
  const db = useTestDatabase('shortlist_match_cache');
  let t: TestApp;
  const cacheOf = (engagementId: string) => db.connection.collection('shortlist_match_cache').find({ engagementId: new Types.ObjectId(engagementId) }).toArray();

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when nothing changed since the last computation, then the next one gives the same cohorts, evidence included', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }]);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 2 }, { text: VARIANCE, hoursPerWeek: 5 }, { text: 'Sort the post', hoursPerWeek: 1 }], { roleLevel: 'manager' });
    const first = await computeShortlist(t.app, t.adminToken, s.engagementId);

    const second = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(second.version).to.equal(2);
    expect(computedPart(second)).to.deep.equal(computedPart(first));
    const parts = await cacheOf(s.engagementId);
    expect(parts.map((p) => p.entryCount), 'one result per distinct words × department × role level').to.deep.equal([6]);
  });

  it('when a manager rewords a task after a computation, then the next version matches its new words', async () => {
    const s = await createScenario(t.app, t.adminToken);
    const person = await s.addReport([{ text: PLANTS, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: 'Sort the post', hoursPerWeek: 1 }]);
    const before = cohortOf(await computeShortlist(t.app, t.adminToken, s.engagementId), 'finance-contributor');
    await reviewTasks(t.app, s.boss.token, person.id, (text) => (text === PLANTS ? { decision: 'edit', text: INVOICES, priority: 5 } : { decision: 'confirm', priority: 3 }));

    const after = cohortOf(await computeShortlist(t.app, t.adminToken, s.engagementId), 'finance-contributor');

    expect(before.gaps.flatMap((g) => g.tasks.map((task) => task.text))).to.include(PLANTS);
    const invoices = after.modules.find((m) => m.moduleId === 'invoice-three-way-matching');
    expect(invoices?.tasks.map((task) => task.text)).to.deep.equal([INVOICES]);
    expect(JSON.stringify(after)).to.not.contain(PLANTS);
  });

  it('when the cache holds results the matcher no longer gives, then they are noticed, set aside, and the version is as without a cache', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }]);
    const first = await computeShortlist(t.app, t.adminToken, s.engagementId);
    const [part] = await cacheOf(s.engagementId);
    const cached = await loadMatchCache(db.connection, s.engagementId, String(part.fingerprint));
    const wrong = new Map([...cached.results].map(([key, result]) => [key, { ...result, gap: true, matches: result.matches.map((m) => ({ ...m, score: m.score / 10 })) }]));
    await saveMatchCache(db.connection, s.engagementId, String(part.fingerprint), wrong, cached);

    const second = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(computedPart(second)).to.deep.equal(computedPart(first));
    const repaired = await loadMatchCache(db.connection, s.engagementId, String(part.fingerprint));
    expect([...repaired.results.values()].map((r) => r.gap).sort()).to.deep.equal([...cached.results.values()].map((r) => r.gap).sort());
  });

  it('when a person is erased, then the next computation keeps no result of their tasks', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }]);
    const erased = await s.addReport([{ text: 'Reconcile the petty cash tin every Friday', hoursPerWeek: 1 }, { text: 'Book the auditors\' visit', hoursPerWeek: 1 }, { text: 'Sort the post', hoursPerWeek: 1 }]);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    expect((await cacheOf(s.engagementId))[0].entryCount).to.equal(6);
    const deleted = await request(t.app).delete(`/api/v1/engagements/${s.engagementId}/people/${erased.id}`).set(bearer(t.adminToken));
    expect(deleted.status).to.equal(204);

    await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect((await cacheOf(s.engagementId)).map((p) => p.entryCount)).to.deep.equal([3]);
  });

  it('when two computations at once each wrote the cache, then the next one gathers the copies into one', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }]);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    const [{ _id: _ignored, ...copy }] = await cacheOf(s.engagementId);
    await db.connection.collection('shortlist_match_cache').insertOne(copy);

    await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect((await cacheOf(s.engagementId)).map((p) => p.entryCount)).to.deep.equal([3]);
  });

  it('when an engagement\'s shortlists are deleted (the demo removed), then its match cache goes with them', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }]);
    await computeShortlist(t.app, t.adminToken, s.engagementId);

    await db.connection.transaction((session) => t.components.shortlist.deleteShortlists(session, s.engagementId));

    expect(await cacheOf(s.engagementId)).to.deep.equal([]);
  });

  describe('its parts', () => {
    const result = (moduleId: string): TaskMatchResult => ({ taskId: undefined, gap: false, matches: [{ moduleId, score: 0.6, evidence: { phrase: 'match invoices', sharedTerms: ['invoic'], relatedTerms: [] } }] });
    const resultsOf = (...keys: string[]) => new Map(keys.map((key) => [key, result('invoice-three-way-matching')]));
    const layout = async (engagementId: string) => (await cacheOf(engagementId)).map((p) => [p.fingerprint, p.kind, p.entryCount]).sort();

    it('when results come in between a computation\'s read and its save, then the save replaces what it read and leaves their part alone', async () => {
      const engagementId = new Types.ObjectId().toHexString();
      await appendIncomingMatches(db.connection, engagementId, 'f1', resultsOf('k1', 'k2'));
      await appendIncomingMatches(db.connection, engagementId, 'f0', resultsOf('k1'));
      const read = await loadMatchCache(db.connection, engagementId, 'f1');
      await appendIncomingMatches(db.connection, engagementId, 'f1', resultsOf('k3'));

      await saveMatchCache(db.connection, engagementId, 'f1', read.results, read);

      expect([...read.results.keys()].sort()).to.deep.equal(['k1', 'k2']);
      expect(await layout(engagementId), 'the other modules\' part, read, is replaced too').to.deep.equal([['f1', 'computed', 2], ['f1', 'incoming', 1]]);
      expect([...(await loadMatchCache(db.connection, engagementId, 'f1')).results.keys()].sort()).to.deep.equal(['k1', 'k2', 'k3']);
    });

    it('when incoming parts are merged, then their results are in one part; when one of them is gone meanwhile, then nothing is written', async () => {
      const engagementId = new Types.ObjectId().toHexString();
      for (const key of ['k1', 'k2', 'k3']) await appendIncomingMatches(db.connection, engagementId, 'f1', resultsOf(key));
      const listed = await listIncomingParts(db.connection, engagementId, 'f1');

      expect(await mergeIncomingParts(db.connection, engagementId, 'f1', listed.slice(0, 2).map((p) => p._id))).to.have.length(1);
      expect(await layout(engagementId)).to.deep.equal([['f1', 'incoming', 1], ['f1', 'incoming', 2]]);

      const again = await listIncomingParts(db.connection, engagementId, 'f1');
      const read = await loadMatchCache(db.connection, engagementId, 'f1');
      await saveMatchCache(db.connection, engagementId, 'f1', read.results, read);
      expect(await mergeIncomingParts(db.connection, engagementId, 'f1', again.map((p) => p._id))).to.equal(undefined);
      expect(await layout(engagementId)).to.deep.equal([['f1', 'computed', 3]]);
    });
  });
});

