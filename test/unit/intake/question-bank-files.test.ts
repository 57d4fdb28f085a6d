import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/platform/config.ts';
import { StartupError } from '../../../src/platform/errors.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import { loadQuestionBanks } from '../../../src/intake/index.ts';
import { buildBankFiles, writeBankFolder } from '../../support/question-bank-builders.ts';

const config = loadConfig({});
const schemas = new SchemaRegistry(config.paths.schemas);

function loadError(files: Record<string, unknown>): StartupError {
  const dir = writeBankFolder(files);
  try {
    loadQuestionBanks(dir, schemas);
  } catch (error) {
    expect(error).to.be.instanceOf(StartupError);
    return error as StartupError;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('expected the banks to be refused');
}

function withParticipantQuestion(extra: Record<string, unknown>): Record<string, unknown> {
  const files = buildBankFiles() as Record<string, { pages: Array<{ questions: unknown[] }> }>;
  files['participant.json'].pages[0].questions.push(extra);
  return files;
}

describe('loadQuestionBanks', () => {
  it('when the shipped question-banks/ folder is loaded, then every file passes the schema and the rules between files', () => {
    const catalogue = loadQuestionBanks(config.paths.questionBanks, schemas);

    const ids = catalogue.files.map((f) => f.id);
    expect(ids).to.include.members(['participant', 'manager']);
    expect(catalogue.files.filter((f) => f.extends).length).to.be.greaterThan(2);
  });

  it('when every shipped file is read on its own, then each one is valid against question-bank', () => {
    const validate = schemas.validator('question-bank');

    for (const name of fs.readdirSync(config.paths.questionBanks).filter((f) => f.endsWith('.json'))) {
      const data = JSON.parse(fs.readFileSync(path.join(config.paths.questionBanks, name), 'utf8'));
      expect(validate(data), `${name}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });

  it('when a file is not JSON, then the start stops naming that file', () => {
    const error = loadError({ ...buildBankFiles(), 'broken.json': '{ "id": ' });

    expect(error.message).to.match(/broken\.json/).and.match(/not valid JSON/);
  });

  it('when a text question carries options, then the start stops naming the file and the JSON pointer', () => {
    const error = loadError(withParticipantQuestion({ id: 'odd', type: 'text', label: 'Odd', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }));

    expect(error.message).to.match(/participant\.json \/pages\/0\/questions\/2\/options: is not allowed for this question type/);
  });

  it('when a question has an unknown field, then the message names the field and its pointer', () => {
    const error = loadError(withParticipantQuestion({ id: 'odd', type: 'text', label: 'Odd', colour: 'red' }));

    expect(error.message).to.contain('participant.json /pages/0/questions/2: has an unknown field "colour"');
  });

  it('when visibleIf names a question asked later, then the start stops at that condition', () => {
    const error = loadError(withParticipantQuestion({ id: 'early', type: 'text', label: 'Early', visibleIf: { question: 'nowhere', answered: true } }));

    expect(error.message).to.contain('participant.json /pages/0/questions/2/visibleIf/question: refers to "nowhere"');
  });

  it('when visibleIf expects a value the question cannot take, then the start names the bad value', () => {
    const files = withParticipantQuestion({ id: 'usesAi', type: 'single', label: 'AI?', options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] });
    (files['participant.json'] as { pages: Array<{ questions: unknown[] }> }).pages[0].questions.push({ id: 'how', type: 'text', label: 'How?', visibleIf: { question: 'usesAi', equals: 'maybe' } });

    const error = loadError(files);

    expect(error.message).to.contain('/pages/0/questions/3/visibleIf/equals: "maybe" is not an option of "usesAi"');
  });

  it('when two files use the same question id, then the later file is named along with the first use', () => {
    const files = buildBankFiles() as Record<string, { pages: Array<{ questions: Array<{ id: string }> }> }>;
    files['manager.json'].pages[0].questions[0].id = 'jobTitle';

    const error = loadError(files);

    // Files are read in name order: manager.json comes first.
    expect(error.message).to.match(/participant\.json \/pages\/0\/questions\/0\/id: question id "jobTitle" is already used \(.*manager\.json#\/pages\/0\/questions\/0\)/);
  });

  it('when an addition extends a bank that does not exist, then the start stops naming it', () => {
    const addition = { id: 'finance', version: 1, title: 'Finance', extends: 'nobody', departments: ['Finance'], pages: [{ id: 'x', title: 'X', questions: [{ id: 'erp', type: 'text', label: 'ERP' }] }] };

    const error = loadError({ ...buildBankFiles(), 'finance.json': addition });

    expect(error.message).to.contain('finance.json /extends: extends "nobody"');
  });

  it('when the participant bank has no tasks list, then the start says what is missing', () => {
    const files = buildBankFiles() as Record<string, { pages: Array<{ questions: Array<{ id: string }> }> }>;
    files['participant.json'].pages[0].questions = [files['participant.json'].pages[0].questions[0]];

    const error = loadError(files);

    expect(error.message).to.contain('needs a taskList question with id "tasks"');
  });
});
