import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { appWithLog, computeMatchingEverything, type AppWithLog } from '../../support/app-with-log.ts';
import { bearer } from '../../support/intake-builders.ts';
import { computeShortlist, createScenario } from '../../support/shortlist-builders.ts';
import { gateFirstCall } from '../../support/gate-first-call.ts';

const NEW_MODULES = ['invoice-three-way-matching', 'job-description-drafting'];
const REMATCHED = 'tasks matched again in the background';

describe('PATCH /api/v1/engagements/:engagementId (new moduleIds or a respelled department: tasks matched again in the background)', () => {
  const db = useTestDatabase('shortlist_modules_change');

  /** An engagement where two people submitted three tasks each, computed once under the default library. */
  async function computedEngagement(t: AppWithLog) {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: 'Match invoices to purchase orders and goods receipts', hoursPerWeek: 2 }, { text: 'Write variance commentary for the monthly accounts', hoursPerWeek: 5 }, { text: 'Water the office plants', hoursPerWeek: 1 }]);
    await s.addReport([{ text: 'Draft job adverts for open roles', hoursPerWeek: 3 }, { text: 'Screen CVs against the role profile', hoursPerWeek: 4 }, { text: 'Book meeting rooms', hoursPerWeek: 1 }]);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    return s;
  }

  const patchEngagement = async (t: AppWithLog, engagementId: string, body: object) => {
    const res = await request(t.app).patch(`/api/v1/engagements/${engagementId}`).set(bearer(t.adminToken)).send(body);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  };
  const changeModules = (t: AppWithLog, engagementId: string, moduleIds: string[]) => patchEngagement(t, engagementId, { moduleIds });

  it('when the consultant changes the modules, then the next computation finds every task matched against them and equals one that matches everything', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);

    await changeModules(t, s.engagementId, NEW_MODULES);
    await t.components.shortlist.backgroundIdle();
    const early = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(t.logged(REMATCHED).map((line) => line.matchedCount)).to.deep.equal([6]);
    expect(t.lastComputation()).to.include({ matchedCount: 0, cachedCount: 6, incomingCount: 6 });
    const everything = await computeMatchingEverything(db.connection, s.engagementId);
    expect(everything.computation).to.include({ matchedCount: 6, cachedCount: 0 });
    expect(everything.body.cohorts).to.deep.equal(early.cohorts);
  });

  it('when a run is done, then its results are written too, so a crash right after it loses none', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);

    await changeModules(t, s.engagementId, NEW_MODULES);
    await t.components.shortlist.backgroundIdle();

    // The test app's timer waits a day: only the run itself can have written them.
    const parts = await db.connection.collection('shortlist_match_cache').find({ engagementId: new Types.ObjectId(s.engagementId), kind: 'incoming' }).toArray();
    expect(parts.reduce((sum, part) => sum + Number(part.entryCount), 0)).to.equal(6);
    const afterCrash = appWithLog(db.connection);
    await computeShortlist(afterCrash.app, afterCrash.adminToken, s.engagementId);
    expect(afterCrash.lastComputation()).to.include({ matchedCount: 0, cachedCount: 6 });
  });

  it('when a run starts with tasks already stored or held under the modules, then it matches none of them again', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);
    await changeModules(t, s.engagementId, NEW_MODULES);
    await t.components.shortlist.backgroundIdle();
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    await s.addReport([{ text: 'Reconcile the petty cash tin', hoursPerWeek: 1 }, { text: 'Chase late timesheets', hoursPerWeek: 1 }, { text: 'Order stationery', hoursPerWeek: 1 }]);

    await t.components.shortlist.rematchTasks((await t.components.engagements.findEngagement(s.engagementId))!);

    expect(t.logged(REMATCHED).at(-1)).to.include({ matchedCount: 0, storedCount: 6 });
  });

  it('when a department with people on it is respelled, then its tasks (whose keys name it) are matched again in the background; a change of name, or respelling an empty department, matches nothing', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);

    await patchEngagement(t, s.engagementId, { name: 'Renamed engagement' });
    await patchEngagement(t, s.engagementId, { departments: ['Finance', 'Human Resources', 'OPERATIONS'] });
    await t.components.shortlist.backgroundIdle();
    expect(t.logged(REMATCHED)).to.have.length(0);
    await patchEngagement(t, s.engagementId, { departments: ['FINANCE', 'Human Resources', 'Operations'] });
    await t.components.shortlist.backgroundIdle();
    await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(t.logged(REMATCHED).map((line) => line.matchedCount)).to.deep.equal([6]);
    expect(t.lastComputation()).to.include({ matchedCount: 0, cachedCount: 6 });
  });

  it('when the same modules are sent in another order, then nothing is matched again', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);
    await changeModules(t, s.engagementId, NEW_MODULES);
    await t.components.shortlist.backgroundIdle();

    await changeModules(t, s.engagementId, [...NEW_MODULES].reverse());
    await t.components.shortlist.backgroundIdle();

    expect(t.logged(REMATCHED)).to.have.length(1);
  });

  it('when the service stops after a change was matched in the background, then the first computation after the restart matches nothing', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);
    await changeModules(t, s.engagementId, NEW_MODULES);
    await t.components.shortlist.backgroundIdle();

    const stored = await t.components.shortlist.storeHeldMatches();

    expect(stored.resultCount).to.equal(6);
    const after = appWithLog(db.connection);
    await computeShortlist(after.app, after.adminToken, s.engagementId);
    expect(after.lastComputation()).to.include({ matchedCount: 0, cachedCount: 6 });
  });

  it('when the consultant computes while the run under the same modules is still reading, then the run stops instead of matching the tasks a second time', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);
    const gate = gateFirstCall(t.components.engagements, 'listPeople');

    await changeModules(t, s.engagementId, NEW_MODULES);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    gate.open();
    await t.components.shortlist.backgroundIdle();

    expect(gate.callCount, 'the run, then the computation').to.equal(2);
    expect(t.lastComputation()).to.include({ matchedCount: 6 });
    expect(t.logged(REMATCHED)).to.deep.equal([]);
  });

  it('when a computation read the engagement just before the modules changed, then it leaves the results matched under the new modules alone', async () => {
    const t = appWithLog(db.connection);
    const s = await computedEngagement(t);
    const gate = gateFirstCall(t.components.engagements, 'getOwnEngagement');
    const stale = computeShortlist(t.app, t.adminToken, s.engagementId);
    await gate.reached;

    await changeModules(t, s.engagementId, NEW_MODULES);
    await t.components.shortlist.backgroundIdle();
    gate.open();
    await stale;
    await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(t.logged(REMATCHED).map((line) => line.matchedCount)).to.deep.equal([6]);
    expect(t.lastComputation()).to.include({ matchedCount: 0, cachedCount: 6 });
  });
});
