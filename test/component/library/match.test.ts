import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';

describe('POST /api/v1/match', () => {
  const db = useTestDatabase('library_match');
  let t: TestApp;
  const match = (body: unknown, token = t.adminToken) => request(t.app).post('/api/v1/match').set(bearer(token)).send(body as object);

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when a task names an invoice workflow, then the invoice training module ranks first with its phrase and shared words as evidence', async () => {
    const res = await match({ tasks: [{ id: 'ap-1', text: 'Match supplier invoices to purchase orders and goods receipts', department: 'Finance' }] });

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const [result] = res.body.results;
    expect(result).to.include({ taskId: 'ap-1', gap: false });
    expect(result.matches).to.have.length(3);
    expect(result.matches[0].moduleId).to.equal('invoice-three-way-matching');
    expect(result.matches[0].evidence.phrase).to.equal('matching invoices to purchase orders and goods receipts');
    expect(result.matches[0].evidence.sharedTerms).to.include.members(['invoices', 'purchase', 'orders']);
    const scores = result.matches.map((m: { score: number }) => m.score);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    expect(scores.every((s: number) => s >= 0 && s <= 1)).to.equal(true);
  });

  it('when a task shares nothing with the library, then it is flagged as a gap and its closest modules are still listed', async () => {
    const res = await match({ tasks: [{ id: 'plants', text: 'Water the office plants' }], top: 2 });

    expect(res.status).to.equal(200);
    expect(res.body.results[0]).to.include({ taskId: 'plants', gap: true });
    expect(res.body.results[0].matches).to.have.length(2);
  });

  it('when several tasks are sent with top 15, then results come back in request order, each with up to 15 modules', async () => {
    const tasks = [
      { id: 'b', text: 'Write the weekly stock report for the operations meeting' },
      { id: 'a', text: 'Screen CVs against the job requirements', roleLevel: 'contributor' },
    ];

    const res = await match({ tasks, top: 15 });

    expect(res.status).to.equal(200);
    expect(res.body.results.map((r: { taskId: string }) => r.taskId)).to.deep.equal(['b', 'a']);
    expect(res.body.results[0].matches[0].moduleId).to.equal('inventory-report-summaries');
    expect(res.body.results[1].matches[0].moduleId).to.equal('interview-guides-and-screening');
    expect(res.body.results[0].matches.length).to.be.within(1, 15);
  });

  it('when the same text is matched twice, then both answers are identical', async () => {
    const body = { tasks: [{ id: 'x', text: 'Draft replies to customer complaint emails' }], top: 5 };

    const first = await match(body);
    const second = await match(body);

    expect(second.body).to.deep.equal(first.body);
  });

  it('when the body breaks its schema (no text, blank text, top 0 or 16, too long, too many tasks, unknown field), then answers 400 naming each field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ tasks: [{ id: '1' }] }, '/tasks/0/text'],
      [{ tasks: [{ id: '1', text: '   ' }] }, '/tasks/0/text'],
      [{ tasks: [{ id: '1', text: 'x' }], top: 0 }, '/top'],
      [{ tasks: [{ id: '1', text: 'x' }], top: 16 }, '/top'],
      [{ tasks: [{ id: '1', text: 'x'.repeat(1001) }] }, '/tasks/0/text'],
      [{ tasks: Array.from({ length: 501 }, (_v, i) => ({ id: String(i), text: 'Write a report' })) }, '/tasks'],
      [{ tasks: [] }, '/tasks'],
      [{ tasks: [{ id: '1', text: 'x', roleLevel: 'intern' }] }, '/tasks/0/roleLevel'],
      [{ tasks: [{ id: '1', text: 'x', colour: 'blue' }] }, '/tasks/0/colour'],
    ];

    for (const [body, pointer] of cases) {
      const res = await match(body);

      expect(res.status, JSON.stringify(body).slice(0, 80)).to.equal(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.include(pointer);
    }
  });

  it('when two tasks share an id, then answers 422 task-id-repeated pointing at the second', async () => {
    const res = await match({ tasks: [{ id: 't', text: 'Write job descriptions' }, { id: 'u', text: 'Answer customer emails' }, { id: 't', text: 'Estimate story points' }] });

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('task-id-repeated');
    expect(res.body.errors).to.deep.equal([{ pointer: '/tasks/2/id', message: 'repeats the task id "t"; ids must be unique.' }]);
  });

  it('when called without a token or with a personal token, then answers 401 and 403', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
    const body = { tasks: [{ id: '1', text: 'Write job descriptions' }] };

    const anonymous = await request(t.app).post('/api/v1/match').send(body);
    const personal = await match(body, person.token);

    expect(anonymous.status).to.equal(401);
    expect(personal.status).to.equal(403);
    expect(personal.body.code).to.equal('consultant-only');
  });
});
