import { expect } from 'chai';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { answerEverything, bearer } from '../../support/intake-builders.ts';
import { expectToMatchSchema } from '../../support/schema-assertions.ts';

describe('the intake flow: engagement → roster → draft → submit → review → status → export → erase', () => {
  const db = useTestDatabase('intake_flow');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when a consultant runs an engagement end to end, then every step answers as the contract says and the data follows', async () => {
    const api = request(t.app);
    const consultant = bearer(t.adminToken);

    // Engagement
    const created = await api.post('/api/v1/engagements').set(consultant).send({
      name: 'AI readiness 2026', client: 'Northwind Traders', departments: ['Finance', 'Operations'], timeZone: 'Europe/Berlin',
      moduleIds: ['invoice-three-way-matching'], milestones: [{ department: 'finance', workflow: 'Supplier invoice approval', goLive: '2026-06-01' }],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ name: 'AI readiness 2026', client: 'Northwind Traders', timeZone: 'Europe/Berlin' });
    expect(created.body.milestones).to.deep.equal([{ department: 'Finance', workflow: 'Supplier invoice approval', goLive: '2026-06-01' }]);
    expectToMatchSchema('engagement', created.body);
    const engagementId = created.body.id as string;

    // Roster: the manager as JSON, two reports as CSV
    const managerRes = await api.post(`/api/v1/engagements/${engagementId}/people`).set(consultant)
      .send({ people: [{ name: 'Maria Manager', email: 'Maria@Northwind.test', department: 'Finance', roleLevel: 'manager' }] });
    expect(managerRes.status, JSON.stringify(managerRes.body)).to.equal(201);
    const [manager] = managerRes.body.people;
    expect(manager).to.include({ email: 'maria@northwind.test', created: true });
    expect(manager.token).to.be.a('string');
    expect(manager.inviteUrl).to.equal(`http://tailor.test/i/${manager.token}`);

    const csv = 'name,email,department,roleLevel,managerEmail\nPaul Participant,paul@northwind.test,Finance,contributor,maria@northwind.test\nRita Report,rita@northwind.test,Finance,contributor,maria@northwind.test\n';
    const csvRes = await api.post(`/api/v1/engagements/${engagementId}/people`).set(consultant).set('Content-Type', 'text/csv').send(csv);
    expect(csvRes.status, JSON.stringify(csvRes.body)).to.equal(201);
    expectToMatchSchema('people-added', csvRes.body);
    const [paul, rita] = csvRes.body.people;
    expect(csvRes.body.warnings).to.deep.equal([]);

    // Paul: read, save a draft, resume, submit
    const paulApi = bearer(paul.token);
    const fresh = await api.get('/api/v1/me/intake').set(paulApi);
    expect(fresh.status).to.equal(200);
    expect(fresh.body).to.include({ status: 'not-started', version: 0 });
    expectToMatchSchema('intake', fresh.body);
    expect(fresh.body.bank).to.include({ id: 'participant' });
    expect(fresh.body.bank.parts.map((p: { id: string }) => p.id)).to.deep.equal(['participant', 'participant-finance']);
    const answers = answerEverything(fresh.body.bank, 3);

    const draft = await api.put('/api/v1/me/intake').set(paulApi).send({ answers: { jobTitle: 'Accounts payable clerk' }, version: 0 });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(200);
    expect(draft.body).to.include({ status: 'draft', version: 1 });
    const resumed = await api.get('/api/v1/me/intake').set(paulApi);
    expect(resumed.body.answers).to.deep.equal({ jobTitle: 'Accounts payable clerk' });

    const full = await api.put('/api/v1/me/intake').set(paulApi).send({ answers, version: 1 });
    expect(full.status, JSON.stringify(full.body)).to.equal(200);
    const submitted = await api.post('/api/v1/me/intake/submit').set(paulApi);
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    expect(submitted.body.status).to.equal('submitted');
    expectToMatchSchema('intake', submitted.body);
    const again = await api.post('/api/v1/me/intake/submit').set(paulApi);
    expect(again.status).to.equal(200);
    expect(again.body.version).to.equal(submitted.body.version);

    // Maria sees Paul's tasks (Rita has not started) and reviews them
    const mariaApi = bearer(manager.token);
    const me = await api.get('/api/v1/me').set(mariaApi);
    expect(me.body).to.include({ isManager: true, reportCount: 2 });
    expectToMatchSchema('me', me.body);
    expect(me.body.banks.map((b: { id: string }) => b.id)).to.include('manager');
    const reports = await api.get('/api/v1/me/reports').set(mariaApi);
    expect(reports.status).to.equal(200);
    expectToMatchSchema('reports', reports.body);
    const paulReport = reports.body.reports.find((r: { personId: string }) => r.personId === paul.id);
    const ritaReport = reports.body.reports.find((r: { personId: string }) => r.personId === rita.id);
    expect(paulReport.status).to.equal('awaiting-manager');
    expect(ritaReport).to.include({ status: 'awaiting-intake' });
    expect(ritaReport.tasks).to.deep.equal([]);
    expect(paulReport.tasks).to.have.length(3);
    expect(JSON.stringify(paulReport)).to.not.contain('concernJobDisplacement');
    const [t1, t2, t3] = paulReport.tasks as Array<{ id: string }>;

    const review = await api.put(`/api/v1/me/reports/${paul.id}/review`).set(mariaApi).send({
      tasks: [
        { taskId: t1.id, decision: 'confirm', priority: 5, goLive: '2026-06-01' },
        { taskId: t2.id, decision: 'edit', text: 'Draft the weekly 13-week cash forecast summary', priority: 3 },
        { taskId: t3.id, decision: 'reject' },
      ],
      addedTasks: [{ text: 'Chase missing purchase orders with requesters', hoursPerWeek: 2, priority: 4 }],
    });
    expect(review.status, JSON.stringify(review.body)).to.equal(200);
    expect(review.body.status).to.equal('confirmed');
    const byId = new Map(review.body.tasks.map((task: { id: string }) => [task.id, task]));
    expect(byId.get(t1.id)).to.include({ status: 'confirmed', priority: 5, goLive: '2026-06-01' });
    expect(byId.get(t2.id)).to.include({ status: 'confirmed', text: 'Draft the weekly 13-week cash forecast summary', originalText: 'Draft the weekly cash forecast summary for the CFO' });
    expect(byId.get(t3.id)).to.include({ status: 'rejected' });
    expect(review.body.tasks.filter((task: { source: string }) => task.source === 'manager')).to.have.length(1);

    // Paul can no longer amend
    const late = await api.put('/api/v1/me/intake').set(paulApi).send({ answers, version: submitted.body.version });
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('intake-reviewed');

    // Rita starts
    const ritaDraft = await api.put('/api/v1/me/intake').set(bearer(rita.token)).send({ answers: { jobTitle: 'Buyer' }, version: 0 });
    expect(ritaDraft.status).to.equal(200);

    // Status: running totals
    const status = await api.get(`/api/v1/engagements/${engagementId}/status`).set(consultant);
    expect(status.status).to.equal(200);
    expectToMatchSchema('engagement-status', status.body);
    expect(status.body.totals).to.deep.equal({ invited: 3, started: 2, submitted: 1, confirmed: 1 });
    expect(status.body.departments).to.deep.include({ department: 'Finance', invited: 3, started: 2, submitted: 1, confirmed: 1 });
    expect(status.body.departments).to.deep.include({ department: 'Operations', invited: 0, started: 0, submitted: 0, confirmed: 0 });

    // Export JSON and CSV
    const exportJson = await api.get(`/api/v1/engagements/${engagementId}/export?format=json`).set(consultant);
    expect(exportJson.status).to.equal(200);
    const paulExport = exportJson.body.people.find((p: { id: string }) => p.id === paul.id);
    expect(paulExport.stage).to.equal('confirmed');
    expect(paulExport.intake.answers.jobTitle).to.equal(answers.jobTitle);
    expect(paulExport.tasks).to.have.length(4);
    const exportCsv = await api.get(`/api/v1/engagements/${engagementId}/export?format=csv`).set(consultant);
    expect(exportCsv.status).to.equal(200);
    expect(exportCsv.headers['content-type']).to.match(/^text\/csv/);
    const rows = parse(exportCsv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.personId === paul.id && r.questionId === 'tasks' && r.row === '1' && r.field === 'description')!.value)
      .to.equal('Reconcile supplier statements against the ledger');
    const tasksCsv = await api.get(`/api/v1/engagements/${engagementId}/export?format=csv&part=tasks`).set(consultant);
    expect(parse(tasksCsv.text, { columns: true })).to.have.length(4);

    // Erase Paul: answers and tasks gone, counts kept
    const erased = await api.delete(`/api/v1/engagements/${engagementId}/people/${paul.id}`).set(consultant);
    expect(erased.status).to.equal(204);
    const afterStatus = await api.get(`/api/v1/engagements/${engagementId}/status`).set(consultant);
    expect(afterStatus.body.totals).to.deep.equal({ invited: 3, started: 2, submitted: 1, confirmed: 1 });
    const afterExport = await api.get(`/api/v1/engagements/${engagementId}/export`).set(consultant);
    expect(afterExport.body.people.map((p: { id: string }) => p.id)).to.not.include(paul.id);
    expect(afterExport.body.erasedCount).to.equal(1);
    expect(JSON.stringify(afterExport.body)).to.not.contain('paul@northwind.test').and.not.contain('Reconcile supplier statements');
    const paulAfter = await api.get('/api/v1/me/intake').set(paulApi);
    expect(paulAfter.status).to.equal(401);
    expect(paulAfter.body.code).to.equal('token-revoked');
    const mariaReports = await api.get('/api/v1/me/reports').set(mariaApi);
    expect(mariaReports.body.reports.map((r: { personId: string }) => r.personId)).to.deep.equal([rita.id]);
  });
});
