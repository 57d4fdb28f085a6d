import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { buildApprovedTeam, generateCurriculum, INVOICES, type ApprovedTeam } from '../../support/curriculum-builders.ts';
import type { AddedPerson } from '../../support/intake-builders.ts';
import { createMail, type Mail } from '../../../src/mail/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { SESSION_COOKIE } from '../../../src/access/index.ts';
import { setCookie } from '../../support/page-builders.ts';

describe('POST /api/v1/engagements/:engagementId/curriculum/publish', () => {
  const db = useTestDatabase('curriculum_publish');
  let t: TestApp;
  let mail: Mail;

  before(async () => {
    const plain = buildTestApp(db.connection);
    mail = createMail({ connection: db.connection, config: plain.config.mail, publicUrl: plain.config.http.publicUrl, logger: silentLogger, now: plain.clock.now });
    await mail.ensureReady();
    // The app queues the briefs through this mail component, as server.ts wires it.
    t = buildTestApp(db.connection, { overrides: { mail } });
  });

  async function briefsOf(engagementId: string): Promise<string[]> {
    return (await mail.listOutbox(engagementId)).filter((m) => m.kind === 'brief').map((m) => m.recipient.email).sort();
  }

  function everyone(team: ApprovedTeam): string[] {
    return [...team.finance, team.hr, team.boss].map((p) => p.email).sort();
  }

  it('when the latest version is published, then each participant\'s brief is queued once and the version reads as published', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const path = `/api/v1/engagements/${team.engagementId}/curriculum`;

    const res = await request(t.app).post(`${path}/publish`).set(bearer(t.adminToken)).send({ version: 1 });
    const latest = await request(t.app).get(path).set(bearer(t.adminToken));

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.equal({ version: 1, status: 'published', publishedAt: '2026-03-02T09:00:00.000Z', briefsQueued: 4, participantCount: 4 });
    expect(latest.body).to.include({ status: 'published', publishedAt: '2026-03-02T09:00:00.000Z' });
    expect(await briefsOf(team.engagementId)).to.deep.equal(everyone(team));
    const stored = await db.connection.collection('outbox').findOne({ dedupeKey: `brief:${team.finance[0].id}:v1` });
    expect(stored?.text).to.include(INVOICES);
    expect(stored?.text).to.include('Invoice processing and three-way matching');
    expect(stored?.text).to.include('Never enter into an AI tool: Supplier bank statements.');
    expect(stored?.text).to.match(/Mon 18 May 2026|18 May 2026/);
  });

  it('when the link in a brief mail is opened in a browser that is not signed in, then it signs the person in on their brief, or for a manager on their team with their brief one click away', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    await request(t.app).post(`/api/v1/engagements/${team.engagementId}/curriculum/publish`).set(bearer(t.adminToken));
    const linkIn = async (personId: string) => {
      const stored = await db.connection.collection('outbox').findOne({ dedupeKey: `brief:${personId}:v1` });
      return new URL(/Open your brief: (\S+)/.exec(String(stored?.text))![1]);
    };
    const participantLink = await linkIn(team.finance[0].id);
    const managerLink = await linkIn(team.boss.id);
    // Followed by hand: this app's clock is in the past, so a cookie jar would drop the session cookie as expired.
    const follow = (res: request.Response) => request(t.app).get(res.headers.location ?? '/').set('Cookie', setCookie(res, SESSION_COOKIE)?.split(';')[0] ?? '');

    const opened = await request(t.app).get(participantLink.pathname);
    const brief = await follow(opened);
    const managerOpened = await request(t.app).get(managerLink.pathname);
    const teamPage = await follow(managerOpened);

    expect(participantLink.origin).to.equal(t.config.http.publicUrl);
    expect(opened.status).to.equal(303);
    expect(opened.headers.location).to.equal('/brief');
    expect(brief.status).to.equal(200);
    expect(brief.text).to.contain(INVOICES);
    expect(managerOpened.status).to.equal(303);
    expect(managerOpened.headers.location).to.equal('/me/reports');
    expect(teamPage.status).to.equal(200);
    expect(teamPage.text).to.contain('href="/brief"');
  });

  it('when it is published again, or without a body, then nothing more is queued', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const path = `/api/v1/engagements/${team.engagementId}/curriculum/publish`;
    await request(t.app).post(path).set(bearer(t.adminToken));

    const again = await request(t.app).post(path).set(bearer(t.adminToken));

    expect(again.status).to.equal(200);
    expect(again.body).to.include({ version: 1, briefsQueued: 0, participantCount: 4 });
    expect(await briefsOf(team.engagementId)).to.have.length(4);
  });

  it('when two requests publish at the same moment, then the briefs are queued once between them', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const path = `/api/v1/engagements/${team.engagementId}/curriculum/publish`;

    const [a, b] = await Promise.all([request(t.app).post(path).set(bearer(t.adminToken)), request(t.app).post(path).set(bearer(t.adminToken))]);

    expect([a.status, b.status]).to.deep.equal([200, 200]);
    expect([a.body.briefsQueued, b.body.briefsQueued].sort()).to.deep.equal([0, 4]);
    expect(await briefsOf(team.engagementId)).to.deep.equal(everyone(team));
  });

  it('when a new version is generated and published, then each participant gets the new brief too, and the older version stays published', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    const base = `/api/v1/engagements/${team.engagementId}/curriculum`;
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    await request(t.app).post(`${base}/publish`).set(bearer(t.adminToken));
    await generateCurriculum(t.app, t.adminToken, team.engagementId);

    const res = await request(t.app).post(`${base}/publish`).set(bearer(t.adminToken)).send({ version: 2 });
    const versions = await request(t.app).get(`${base}/versions`).set(bearer(t.adminToken));

    expect(res.body).to.include({ version: 2, briefsQueued: 4 });
    expect(await briefsOf(team.engagementId)).to.have.length(8);
    expect(versions.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).to.deep.equal([[2, 'published'], [1, 'published']]);
  });

  it('when the version the consultant reviewed is no longer the latest, then it answers 409 curriculum-version-stale and publishes nothing', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);

    const res = await request(t.app).post(`/api/v1/engagements/${team.engagementId}/curriculum/publish`).set(bearer(t.adminToken)).send({ version: 1 });

    expect(res.status).to.equal(409);
    expect(res.body).to.include({ code: 'curriculum-version-stale', latestVersion: 2 });
    expect(await briefsOf(team.engagementId)).to.deep.equal([]);
  });

  it('when the body is not what the schema allows, then it answers 400', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);

    const res = await request(t.app).post(`/api/v1/engagements/${team.engagementId}/curriculum/publish`).set(bearer(t.adminToken)).send({ version: 'latest', draft: true });

    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/version');
  });

  it('when a body comes in a type the API does not read (fetch\'s default text/plain), then it answers 400 and publishes nothing', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);

    const res = await request(t.app).post(`/api/v1/engagements/${team.engagementId}/curriculum/publish`).set(bearer(t.adminToken))
      .set('Content-Type', 'text/plain;charset=UTF-8').send(JSON.stringify({ version: 1 }));
    const latest = await request(t.app).get(`/api/v1/engagements/${team.engagementId}/curriculum`).set(bearer(t.adminToken));

    expect(res.status).to.equal(400);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(latest.body).to.include({ version: 2, status: 'draft' });
    expect(await briefsOf(team.engagementId)).to.deep.equal([]);
  });

  it('when the outbox cannot take the briefs, then the publication rolls back: the version stays a draft', async () => {
    const failing = buildTestApp(db.connection, { overrides: { mail, hooks: { onBriefPublished: async () => { throw new Error('outbox unavailable'); } } } });
    const team = await buildApprovedTeam(failing.app, failing.adminToken);
    await generateCurriculum(failing.app, failing.adminToken, team.engagementId);

    const res = await request(failing.app).post(`/api/v1/engagements/${team.engagementId}/curriculum/publish`).set(bearer(failing.adminToken));
    const latest = await request(failing.app).get(`/api/v1/engagements/${team.engagementId}/curriculum`).set(bearer(failing.adminToken));

    expect(res.status).to.equal(500);
    expect(latest.body.status).to.equal('draft');
    expect(await briefsOf(team.engagementId)).to.deep.equal([]);
    expect(latest.body).to.not.have.property('publishedAt');
  });

  it('when a participant is erased while the briefs are being queued, then no brief for them stays in the outbox', async () => {
    let erasure: Promise<request.Response> | undefined;
    let erased: AddedPerson | undefined;
    let team: ApprovedTeam | undefined;
    const racing = buildTestApp(db.connection, {
      overrides: {
        mail,
        hooks: {
          // Inside the publication's transaction, at its first brief: the consultant erases someone whose brief comes later.
          onBriefPublished: async (_session, brief) => {
            if (erasure || !team) return;
            erased = [team.hr, ...team.finance, team.boss].find((p) => p.id !== brief.personId)!;
            erasure = request(racing.app).delete(`/api/v1/engagements/${team.engagementId}/people/${erased.id}`).set(bearer(racing.adminToken)).then((res) => res);
            // Long enough for an erasure that nothing holds back to commit before the publication goes on.
            await Promise.race([erasure, new Promise((resolve) => setTimeout(resolve, 500))]);
          },
        },
      },
    });
    team = await buildApprovedTeam(racing.app, racing.adminToken);
    await generateCurriculum(racing.app, racing.adminToken, team.engagementId);

    const res = await request(racing.app).post(`/api/v1/engagements/${team.engagementId}/curriculum/publish`).set(bearer(racing.adminToken));
    const erasedRes = await erasure!;

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(erasedRes.status).to.equal(204);
    expect(await briefsOf(team.engagementId)).to.deep.equal(everyone(team).filter((email) => email !== erased!.email));
  });
});
