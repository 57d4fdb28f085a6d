import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import type { AppDeps } from '../../../src/app.ts';
import { createMailTransport, OutboxWorker } from '../../../src/mail/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';

describe('DELETE /api/v1/engagements/:engagementId/people/:personId (mail written as .eml files, without SMTP)', () => {
  const db = useTestDatabase('engagements_erasure_mail_files');
  const dataDirs: string[] = [];
  after(() => {
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** An app writing mail into a data directory of the test's own, with Ada's and Otto's invitations written there. */
  async function invitationsWritten(overrides: Partial<AppDeps> = {}) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-erasure-files-'));
    dataDirs.push(dataDir);
    const t = buildTestApp(db.connection, { env: { TAILOR_DATA_DIR: dataDir }, overrides });
    const engagement = await createEngagement(t.app, t.adminToken);
    const [ada, otto] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput({ name: 'Ada Quistgaard' }), buildPersonInput({ name: 'Otto Other' })]);
    const worker = new OutboxWorker({ connection: db.connection, transport: createMailTransport(t.config.mail, silentLogger), logger: silentLogger, now: t.clock.now, owner: `w-${dataDir}` });
    await worker.drain();
    await worker.stop();
    const files = () => fs.readdirSync(t.config.mail.outboxDir).sort();
    const mentioning = (name: string) => files().filter((file) => fs.readFileSync(path.join(t.config.mail.outboxDir, file), 'utf8').includes(name));
    return { t, engagement, ada, otto, files, mentioning };
  }

  const erase = (t: TestApp, engagementId: string, personId: string) =>
    request(t.app).delete(`/api/v1/engagements/${engagementId}/people/${personId}`).set(bearer(t.adminToken));

  it('when a person is erased, then the .eml copies of their mail are gone once the erasure has committed, and others\' stay', async () => {
    const { t, engagement, ada, files, mentioning } = await invitationsWritten();
    expect(mentioning('Quistgaard')).to.have.length(1);
    expect(files()).to.have.length(2);

    const res = await erase(t, engagement.id, ada.id);

    expect(res.status).to.equal(204);
    expect(mentioning('Quistgaard')).to.deep.equal([]);
    expect(mentioning('Otto Other')).to.have.length(1);
  });

  it('when the erasure fails after the outbox was cleaned, then it rolls back and every .eml copy is still there', async () => {
    const failing = { hooks: { onPersonErased: async () => { throw new Error('audit store unavailable'); } } };
    const { t, engagement, ada, mentioning } = await invitationsWritten(failing);

    const res = await erase(t, engagement.id, ada.id);

    expect(res.status).to.equal(500);
    expect(mentioning('Quistgaard')).to.have.length(1);
  });
});
