import fs from 'node:fs';
import { expect } from 'chai';
import { createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { StartupError } from '../../../src/platform/errors.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildBankFiles, writeBankFolder } from '../../support/question-bank-builders.ts';

describe('start-up with a bad question bank', () => {
  const db = useTestDatabase('intake_bank_start');

  it('when a bank in the folder breaks the schema, then building the app stops with the file and the JSON pointer', () => {
    const files = buildBankFiles() as Record<string, { pages: Array<{ questions: Array<Record<string, unknown>> }> }>;
    files['participant.json'].pages[0].questions[0].type = 'essay';
    const dir = writeBankFolder(files);
    const base = loadConfig({});
    const config = { ...base, paths: { ...base.paths, questionBanks: dir } };

    try {
      expect(() => createApp({ config, logger: silentLogger, connection: db.connection, schemas: new SchemaRegistry(base.paths.schemas) }))
        .to.throw(StartupError, /participant\.json \/pages\/0\/questions\/0\/type: must be equal to one of the allowed values/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
