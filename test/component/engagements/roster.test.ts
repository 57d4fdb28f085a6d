import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';
import { gateFirstCall } from '../../support/gate-first-call.ts';

const HEADER = 'name,email,department,roleLevel,managerEmail';

describe('POST /api/v1/engagements/:engagementId/people', () => {
  const db = useTestDatabase('engagements_roster');
  let t: TestApp;
  let engagementId: string;

  before(async () => {
    t = buildTestApp(db.connection);
    engagementId = (await createEngagement(t.app, t.adminToken, { departments: ['Finance', 'Operations'] })).id;
  });

  const post = (body: unknown) => request(t.app).post(`/api/v1/engagements/${engagementId}/people`).set(bearer(t.adminToken)).send(body as object);
  const postCsv = (csv: string) => request(t.app).post(`/api/v1/engagements/${engagementId}/people`).set(bearer(t.adminToken)).set('Content-Type', 'text/csv').send(csv);
  const postCsvBytes = (bytes: Buffer, contentType: string) => request(t.app).post(`/api/v1/engagements/${engagementId}/people`).set(bearer(t.adminToken)).set('Content-Type', contentType).send(bytes);
  const roster = async () => (await request(t.app).get(`/api/v1/engagements/${engagementId}/people`).set(bearer(t.adminToken))).body.people as Array<Record<string, unknown>>;

  it('when an email already on the roster is added again, then that person is updated, not duplicated, and keeps their link', async () => {
    const [first] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ email: 'sam@northwind.test', name: 'Sam' })]);

    const res = await post({ people: [{ name: 'Samantha', email: 'SAM@northwind.test', department: 'finance', roleLevel: 'leader' }] });

    expect(res.status).to.equal(201);
    expect(res.body.people[0]).to.include({ id: first.id, name: 'Samantha', department: 'Finance', roleLevel: 'leader', created: false });
    expect(res.body.people[0]).to.not.have.property('token');
    expect((await roster()).filter((p) => p.email === 'sam@northwind.test')).to.have.length(1);
    expect((await request(t.app).get('/api/v1/me').set(bearer(first.token))).body.person.name).to.equal('Samantha');
  });

  it('when a roster is sent again as it is, then nobody is written and each says unchanged; someone whose details differ is updated and says changed', async () => {
    const people = [buildPersonInput({ email: 'ria@northwind.test', name: 'Ria' }), buildPersonInput({ email: 'tom@northwind.test', name: 'Tom' })];
    await addPeople(t.app, t.adminToken, engagementId, people);
    const stamp = async (email: string) => (await db.connection.collection('people').findOne({ email }))?.updatedAt as Date;
    const before = await stamp('ria@northwind.test');

    const res = await post({ people: [people[0], { ...people[1], name: 'Thomas' }] });

    expect(res.status).to.equal(201);
    expect(res.body.people.map((p: { created: boolean; changed: boolean }) => [p.created, p.changed])).to.deep.equal([[false, false], [false, true]]);
    expect((await stamp('ria@northwind.test')).getTime()).to.equal(before.getTime());
    expect(res.body.people[1].name).to.equal('Thomas');
  });

  it('when emails are invalid or a field is a Mongo operator, then answers 400 naming each and adds nobody', async () => {
    const before = (await roster()).length;

    const res = await post({ people: [buildPersonInput({ email: 'not-an-email' }), buildPersonInput({ managerEmail: { $gt: '' } }), buildPersonInput({ roleLevel: 'boss' })] });

    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/people/0/email', '/people/1/managerEmail', '/people/2/roleLevel']);
    expect((await roster()).length).to.equal(before);
  });

  it('when one person of a batch breaks a rule, then answers 422 and none of the batch is added', async () => {
    const before = (await roster()).length;

    const res = await post({ people: [buildPersonInput(), buildPersonInput({ department: 'Legal' })] });

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('roster-invalid');
    expect(res.body.errors).to.have.length(1);
    expect(res.body.errors[0].pointer).to.equal('/people/1/department');
    expect((await roster()).length).to.equal(before);
  });

  it('when a CSV has malformed rows and bad values, then every problem is reported by its line and nothing is added', async () => {
    const before = (await roster()).length;
    const csv = [HEADER, 'Ana,ana@northwind.test,Finance,contributor,', 'Bo,bo@northwind.test,Finance', 'Cy,cy-at-northwind,Finance,contributor,', 'Di,di@northwind.test,Finance,chief,', 'Ed,"e"d@northwind.test,Finance,contributor,'].join('\n');

    const res = await postCsv(csv);

    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('csv-invalid');
    expect(res.body.errors.map((e: { line: number }) => e.line)).to.deep.equal([3, 4, 5, 6]);
    expect(res.body.errors[1].message).to.match(/^Line 4: email must match format "email"/);
    expect((await roster()).length).to.equal(before);
  });

  it('when a CSV lists more people than one upload takes, then it is refused with the limit and the first line over it, and nothing is added', async () => {
    const before = (await roster()).length;
    const rows = Array.from({ length: 2001 }, (_, i) => `Person ${i},many${i}@northwind.test,Finance,contributor,`);

    const res = await postCsv([HEADER, ...rows].join('\n'));

    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('csv-invalid');
    expect(res.body.errors).to.have.length(1);
    expect(res.body.errors[0]).to.include({ line: 2002, pointer: '/people' });
    expect(res.body.errors[0].message).to.match(/^Line 2002: .*2,001 people.*at most 2,000/);
    expect((await roster()).length).to.equal(before);
  });

  it('when a CSV is well formed, then its people are added in one go with their links; a missing manager is a warning', async () => {
    const csv = `${HEADER}\r\nLee,lee@northwind.test,Operations,contributor,boss@northwind.test\r\nMo,mo@northwind.test,Operations,manager,\r\n`;

    const res = await postCsv(csv);

    expect(res.status).to.equal(201);
    expect(res.body.people.map((p: { email: string; created: boolean }) => [p.email, p.created])).to.deep.equal([['lee@northwind.test', true], ['mo@northwind.test', true]]);
    expect(res.body.people.every((p: { token?: string }) => typeof p.token === 'string')).to.equal(true);
    expect(res.body.warnings).to.have.length(1);
    expect(res.body.warnings[0]).to.include({ line: 2, pointer: '/people/0/managerEmail' });
  });

  it('when a CSV without the managerEmail column updates people, then their managers are kept; an empty managerEmail cell removes one', async () => {
    await addPeople(t.app, t.adminToken, engagementId, [
      buildPersonInput({ email: 'boss@northwind.test', roleLevel: 'manager' }),
      buildPersonInput({ email: 'kept@northwind.test', managerEmail: 'boss@northwind.test' }),
      buildPersonInput({ email: 'cleared@northwind.test', managerEmail: 'boss@northwind.test' }),
    ]);

    const withoutColumn = await postCsv('name,email,department,roleLevel\nKept Renamed,kept@northwind.test,Finance,contributor\n');
    const emptyCell = await postCsv(`${HEADER}\nCleared,cleared@northwind.test,Operations,contributor,\n`);

    expect(withoutColumn.status, JSON.stringify(withoutColumn.body)).to.equal(201);
    expect(withoutColumn.body.people[0]).to.include({ name: 'Kept Renamed', department: 'Finance', managerEmail: 'boss@northwind.test', created: false });
    expect(emptyCell.status).to.equal(201);
    expect(emptyCell.body.people[0]).to.not.have.property('managerEmail');
    const byEmail = new Map((await roster()).map((p) => [p.email, p]));
    expect(byEmail.get('kept@northwind.test')).to.include({ managerEmail: 'boss@northwind.test' });
    expect(byEmail.get('cleared@northwind.test')).to.not.have.property('managerEmail');
  });

  it('when a CSV makes two people each other\'s manager (columns swapped), then answers 422 naming the loop by line, and adds nobody', async () => {
    const before = (await roster()).length;
    const csv = [HEADER, 'Ola,ola@northwind.test,Finance,contributor,', 'Pia,pia@northwind.test,Finance,manager,quinn@northwind.test', 'Quinn,quinn@northwind.test,Finance,manager,pia@northwind.test'].join('\n');

    const res = await postCsv(csv);

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('roster-invalid');
    expect(res.body.errors).to.deep.equal([{
      pointer: '/people/1/managerEmail', line: 3,
      message: 'Line 3: This makes a loop of managers (pia@northwind.test → quinn@northwind.test → pia@northwind.test): someone in it must report to a person outside it.',
    }]);
    expect((await roster()).length).to.equal(before);
  });

  it('when an upload closes a loop through people already on the roster, then answers 422 with the whole chain and changes nothing', async () => {
    await addPeople(t.app, t.adminToken, engagementId, [
      buildPersonInput({ email: 'rae@northwind.test', managerEmail: 'sol@northwind.test' }),
      buildPersonInput({ email: 'sol@northwind.test', managerEmail: 'tam@northwind.test' }),
      buildPersonInput({ email: 'tam@northwind.test', roleLevel: 'leader' }),
    ]);

    const res = await post({ people: [buildPersonInput({ email: 'tam@northwind.test', roleLevel: 'leader', managerEmail: 'rae@northwind.test' })] });
    const tam = (await roster()).find((p) => p.email === 'tam@northwind.test');

    expect(res.status).to.equal(422);
    expect(res.body.errors[0]).to.include({ pointer: '/people/0/managerEmail' });
    expect(res.body.errors[0].message).to.contain('tam@northwind.test → rae@northwind.test → sol@northwind.test → tam@northwind.test');
    expect(tam).to.not.have.property('managerEmail');
  });

  it('when an upload breaks a loop the roster would otherwise keep (the swapped pair corrected), then it is accepted', async () => {
    await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ email: 'uma@northwind.test', managerEmail: 'vic@northwind.test' })]);

    const res = await post({ people: [
      buildPersonInput({ email: 'uma@northwind.test', roleLevel: 'manager' }),
      buildPersonInput({ email: 'vic@northwind.test', managerEmail: 'uma@northwind.test' }),
    ] });

    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const byEmail = new Map((await roster()).map((p) => [p.email, p]));
    expect(byEmail.get('vic@northwind.test')).to.include({ managerEmail: 'uma@northwind.test' });
    expect(byEmail.get('uma@northwind.test')).to.not.have.property('managerEmail');
  });

  /**
   * Runs `other` while an upload is held inside its transaction (after it has issued its links), then
   * lets the upload go once `other` has answered, or after 300 ms: a store that makes a second writer
   * wait (mongod) holds `other` until the upload commits, the embedded store lets it commit first. The
   * assertions hold whichever wins.
   */
  async function duringUpload<T>(upload: () => Promise<request.Response>, other: () => Promise<T>): Promise<[request.Response, T, number]> {
    const gate = gateFirstCall(t.components.access, 'issuePersonTokens');
    try {
      const held = upload();
      await gate.reached;
      const answered = other();
      await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 300))]);
      gate.open();
      const [uploaded, result] = await Promise.all([held, answered]);
      return [uploaded, result, gate.callCount];
    } finally {
      gate.restore();
    }
  }

  it('when a department is removed while an upload onto it is under way, then only one of the two goes through, and nobody is left on a removed department', async () => {
    const own = (await createEngagement(t.app, t.adminToken, { departments: ['Finance', 'Operations'] })).id;
    const api = (path = '') => `/api/v1/engagements/${own}${path}`;

    const [uploaded, removal] = await duringUpload(
      async () => request(t.app).post(api('/people')).set(bearer(t.adminToken)).send({ people: [buildPersonInput({ department: 'Operations' })] }),
      async () => request(t.app).patch(api()).set(bearer(t.adminToken)).send({ departments: ['Finance'] }),
    );

    expect(`${uploaded.status}, ${removal.status}`).to.be.oneOf(['422, 200', '201, 409']);
    const departments = (await request(t.app).get(api()).set(bearer(t.adminToken))).body.departments as string[];
    const people = (await request(t.app).get(api('/people')).set(bearer(t.adminToken))).body.people as Array<{ department: string }>;
    expect(people.every((p) => departments.includes(p.department))).to.equal(true);
    expect(people).to.have.length(uploaded.status === 201 ? 1 : 0);
  });

  it('when an intake submission commits while an upload is under way, then the upload goes through at its first attempt', async () => {
    const own = (await createEngagement(t.app, t.adminToken, { departments: ['Finance'] })).id;

    const [uploaded, , attempts] = await duringUpload(
      async () => request(t.app).post(`/api/v1/engagements/${own}/people`).set(bearer(t.adminToken)).send({ people: [buildPersonInput({ department: 'Finance' })] }),
      // What every submission's transaction does to the engagement (see noteIntakeSubmitted).
      () => db.connection.transaction((session) => t.components.engagements.noteIntakeSubmitted(session, own)),
    );

    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    expect(attempts).to.equal(1);
  });

  it('when two uploads at once would each add half of a manager loop, then only one goes through, and the other is refused with the whole loop', async () => {
    await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ email: 'wes@northwind.test' }), buildPersonInput({ email: 'xan@northwind.test' })]);

    const [first, second] = await duringUpload(
      async () => post({ people: [buildPersonInput({ email: 'wes@northwind.test', managerEmail: 'xan@northwind.test' })] }),
      async () => post({ people: [buildPersonInput({ email: 'xan@northwind.test', managerEmail: 'wes@northwind.test' })] }),
    );

    expect([first.status, second.status].sort()).to.deep.equal([201, 422]);
    const refused = first.status === 422 ? first : second;
    expect(refused.body.errors[0].message).to.match(/(wes|xan)@northwind\.test → (wes|xan)@northwind\.test → (wes|xan)@northwind\.test/);
    const byEmail = new Map((await roster()).map((p) => [p.email, p]));
    expect([byEmail.get('wes@northwind.test')?.managerEmail, byEmail.get('xan@northwind.test')?.managerEmail].filter(Boolean)).to.have.length(1);
  });

  it('when a department is written with decomposed accents (as some systems export it), then it still matches the engagement\'s spelling', async () => {
    const accented = (await createEngagement(t.app, t.adminToken, { departments: ['Comunicação'.normalize('NFC')], milestones: [] })).id;

    const res = await request(t.app).post(`/api/v1/engagements/${accented}/people`).set(bearer(t.adminToken))
      .send({ people: [buildPersonInput({ department: 'comunicação'.normalize('NFD') })] });

    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.people[0].department).to.equal('Comunicação'.normalize('NFC'));
  });

  it('when a CSV is not UTF-8 (a spreadsheet saved as Windows-1252) and declares no charset, then answers 400 csv-not-utf8 saying how to save it, and adds nobody', async () => {
    const before = (await roster()).length;
    const latin1 = Buffer.from(`${HEADER}\nRen\u00e9 Dub\u00e9,rene.dube@northwind.test,Finance,contributor,\n`, 'latin1');

    const res = await postCsvBytes(latin1, 'text/csv');

    expect(res.status).to.equal(400);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('csv-not-utf8');
    expect(res.body.detail).to.contain('Save it as "CSV UTF-8"');
    expect((await roster()).length).to.equal(before);
  });

  it('when a CSV declares charset=utf-8 but is not UTF-8, then answers 400 csv-not-utf8 and adds nobody', async () => {
    const before = (await roster()).length;
    const latin1 = Buffer.from(`${HEADER}\nRen\u00e9 Dub\u00e9,rene.dube@northwind.test,Finance,contributor,\n`, 'latin1');

    const res = await postCsvBytes(latin1, 'text/csv; charset=utf-8');

    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('csv-not-utf8');
    expect((await roster()).length).to.equal(before);
  });

  it('when a UTF-8 CSV starts with a byte order mark (Excel\'s "CSV UTF-8"), then its people are added with their names intact', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\nRen\u00e9 Dub\u00e9,rene.bom@northwind.test,Finance,contributor,\n`, 'utf8')]);

    const res = await postCsvBytes(withBom, 'text/csv');

    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.people[0]).to.include({ name: 'Ren\u00e9 Dub\u00e9', email: 'rene.bom@northwind.test' });
  });

  it('when a CSV declares the charset it is written in (windows-1252), then it is read in that charset and the names are stored intact', async () => {
    const latin1 = Buffer.from(`${HEADER}\nZo\u00eb M\u00fcller,zoe.muller@northwind.test,Finance,contributor,\n`, 'latin1');

    const res = await postCsvBytes(latin1, 'text/csv; charset=windows-1252');

    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect((await roster()).find((p) => p.email === 'zoe.muller@northwind.test')).to.include({ name: 'Zo\u00eb M\u00fcller' });
  });

  it('when a CSV is not valid text in the charset it declares, then answers 400 csv-not-in-charset and adds nobody', async () => {
    const before = (await roster()).length;
    // UTF-16 comes in pairs of bytes: an odd count cannot be UTF-16 text.
    const oddBytes = Buffer.concat([Buffer.from(`${HEADER}\nAna,ana.odd@northwind.test,Finance,contributor,\n`, 'utf16le'), Buffer.from([0x41])]);

    const res = await postCsvBytes(oddBytes, 'text/csv; charset=utf-16le');

    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('csv-not-in-charset');
    expect(res.body.detail).to.contain('utf-16le');
    expect((await roster()).length).to.equal(before);
  });

  it('when a CSV declares a charset that is not known, then answers 415 unsupported-encoding and adds nobody', async () => {
    const before = (await roster()).length;

    const res = await postCsvBytes(Buffer.from(`${HEADER}\nAna,ana.x@northwind.test,Finance,contributor,\n`), 'text/csv; charset=x-made-up');

    expect(res.status).to.equal(415);
    expect(res.body.code).to.equal('unsupported-encoding');
    expect((await roster()).length).to.equal(before);
  });

  it('when the body is neither JSON nor CSV, then answers 415', async () => {
    const res = await request(t.app).post(`/api/v1/engagements/${engagementId}/people`).set(bearer(t.adminToken)).set('Content-Type', 'text/plain').send('Ana');

    expect(res.status).to.equal(415);
    expect(res.body.code).to.equal('unsupported-media-type');
  });

  it('when the body is larger than 1 MB, then answers 413 as problem+json', async () => {
    const people = Array.from({ length: 2000 }, (_v, i) => buildPersonInput({ name: `P${i} ${'x'.repeat(600)}` }));

    const res = await post({ people });

    expect(res.status).to.equal(413);
    expect(res.body.code).to.equal('body-too-large');
  });

  it('when a CSV larger than 1 MB is sent, then answers 413 too', async () => {
    const row = `Someone,${'a'.repeat(40)}@northwind.test,Finance,contributor,\n`;

    const res = await postCsv(HEADER + '\n' + row.repeat(Math.ceil((1024 * 1024) / row.length) + 10));

    expect(res.status).to.equal(413);
  });
});
