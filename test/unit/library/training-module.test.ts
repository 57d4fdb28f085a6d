import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../src/platform/config.ts';
import { readJsonFile } from '../../../src/platform/validation.ts';
import { TRAINING_MODULE_FIELDS } from '../../../src/library/index.ts';

describe('TrainingModule type', () => {
  it('when compared with schemas/module.schema.json, then it names exactly the schema fields and requires the same ones', () => {
    const schema = readJsonFile(path.join(PROJECT_ROOT, 'schemas', 'module.schema.json')) as {
      properties: Record<string, unknown>;
      required: string[];
    };

    const schemaFields = Object.keys(schema.properties);

    expect([...TRAINING_MODULE_FIELDS]).to.have.members(schemaFields);
    expect(schema.required).to.have.members(['id', 'title', 'department', 'summary', 'tasks']);
  });
});
