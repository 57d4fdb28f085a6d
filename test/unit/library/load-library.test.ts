import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../src/platform/config.ts';
import { StartupError } from '../../../src/platform/errors.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import { loadModuleLibrary } from '../../../src/library/index.ts';
import { buildTrainingModule } from '../matching/build-training-module.ts';

const registry = new SchemaRegistry(path.join(PROJECT_ROOT, 'schemas'));

/** A temporary module folder holding `files` (name -> content); removed after each test. */
function writeLibrary(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-library-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  created.push(dir);
  return dir;
}
const created: string[] = [];

function loadError(dir: string): StartupError {
  try {
    loadModuleLibrary(dir, registry);
  } catch (error) {
    if (error instanceof StartupError) return error;
    throw error;
  }
  throw new Error('expected the load to fail');
}

describe('loadModuleLibrary', () => {
  afterEach(() => {
    for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when the folder holds valid modules, then they load in file-name order', () => {
    const dir = writeLibrary({
      'b.json': buildTrainingModule({ id: 'budget-review' }),
      'a.json': buildTrainingModule({ id: 'accounts-payable' }),
    });

    const modules = loadModuleLibrary(dir, registry);

    expect(modules.map((m) => m.id)).to.deep.equal(['accounts-payable', 'budget-review']);
  });

  it('when a module carries fields the schema does not know, then they are dropped and the load succeeds', () => {
    const dir = writeLibrary({ 'a.json': { ...buildTrainingModule({ id: 'accounts-payable' }), internalNote: 'draft' } });

    const [module] = loadModuleLibrary(dir, registry);

    expect(module).to.not.have.property('internalNote');
    expect(module.id).to.equal('accounts-payable');
  });

  it('when a module breaks the schema, then the load stops naming the file and the JSON pointer', () => {
    const broken = { ...buildTrainingModule({ id: 'accounts-payable' }), tasks: [] };
    const dir = writeLibrary({ 'broken.json': broken });

    const error = loadError(dir);

    expect(error.message).to.contain(path.join(dir, 'broken.json'));
    expect(error.message).to.contain('/tasks: must NOT have fewer than 1 items');
  });

  it('when a file is not JSON, then the load stops naming the file', () => {
    const dir = writeLibrary({ 'bad.json': '{ "id": ' });

    const error = loadError(dir);

    expect(error.message).to.contain(`${path.join(dir, 'bad.json')} is not valid JSON`);
  });

  it('when two files share an id, then the load stops naming both files', () => {
    const dir = writeLibrary({
      'a.json': buildTrainingModule({ id: 'same-id' }),
      'b.json': buildTrainingModule({ id: 'same-id' }),
    });

    const error = loadError(dir);

    expect(error.message).to.contain(path.join(dir, 'a.json')).and.to.contain(path.join(dir, 'b.json'));
  });

  it('when the folder does not exist or holds no module, then the load stops saying so', () => {
    const empty = writeLibrary({});

    const missing = loadError(path.join(empty, 'nowhere'));
    const none = loadError(empty);

    expect(missing.message).to.contain('folder not found');
    expect(none.message).to.contain('no .json files');
  });
});
