import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../src/platform/config.ts';
import { SchemaRegistry, readJsonFile, toFieldProblems } from '../../../src/platform/validation.ts';

const MODULES_DIR = path.join(PROJECT_ROOT, 'modules');
const SCHEMA_ID = 'module';
const DEPARTMENTS = ['Finance', 'Human Resources', 'Operations', 'Customer Service', 'Marketing & Sales', 'Engineering'];

/** The few fields these checks read; trusted only after the schema check passed. */
interface ModuleFields {
  id: string;
  department: string;
  tasks?: string[];
  durationMinutes?: number;
  objectives?: string[];
  exercises?: { instructions?: string; advanced?: string }[];
  guardrails?: unknown[];
  metrics?: unknown[];
}

// Listed when the suite is defined so that every file gets a test named after it.
const files = fs.readdirSync(MODULES_DIR).filter((name) => name.endsWith('.json')).sort();
const registry = new SchemaRegistry(path.join(PROJECT_ROOT, 'schemas'));

/** Every problem with one module file, each prefixed with the file so a failure names itself. */
function findFileProblems(label: string, data: unknown): string[] {
  const validate = registry.validator(SCHEMA_ID);
  const problems = validate(data)
    ? []
    : toFieldProblems(validate.errors).map((p) => `${label} ${p.pointer || '/'}: ${p.message}`);
  if (typeof data !== 'object' || data === null) return problems;
  // The library rules are checked even when the schema fails, so one run lists everything to fix.
  const module = data as Partial<ModuleFields>;
  if (`${module.id}.json` !== path.basename(label)) problems.push(`${label} /id: "${module.id}" does not match the file name`);
  if (module.durationMinutes === undefined) problems.push(`${label} /durationMinutes: is required in the shipped library`);
  if (!DEPARTMENTS.includes(String(module.department))) {
    problems.push(`${label} /department: "${module.department}" is not one of ${DEPARTMENTS.join(', ')}`);
  }
  return problems;
}

/** What a trainer needs to run the training module in one session, per the library brief. */
function findRunnabilityProblems(label: string, module: ModuleFields): string[] {
  const problems: string[] = [];
  const within = (pointer: string, count: number, min: number, max: number) => {
    if (count < min || count > max) problems.push(`${label} ${pointer}: has ${count}, expected ${min}-${max}`);
  };
  within('/tasks', module.tasks?.length ?? 0, 6, 12);
  within('/objectives', module.objectives?.length ?? 0, 3, 5);
  within('/exercises', module.exercises?.length ?? 0, 2, 3);
  within('/guardrails', module.guardrails?.length ?? 0, 1, Infinity);
  within('/metrics', module.metrics?.length ?? 0, 1, Infinity);
  (module.exercises ?? []).forEach((exercise, i) => {
    if (!exercise.instructions) problems.push(`${label} /exercises/${i}/instructions: is missing`);
    if (!exercise.advanced) problems.push(`${label} /exercises/${i}/advanced: is missing (needed for reinforcement)`);
  });
  return problems;
}

function readModule(file: string): ModuleFields {
  return readJsonFile(path.join(MODULES_DIR, file)) as ModuleFields;
}

describe('modules/ (the default training-module library)', () => {
  for (const file of files) {
    describe(`modules/${file}`, () => {
      it('when checked against the module schema, then it is valid, named after its id and timed', () => {
        const data = readJsonFile(path.join(MODULES_DIR, file));

        const problems = findFileProblems(`modules/${file}`, data);

        expect(problems, `modules/${file}`).to.deep.equal([]);
      });

      it('when read by a trainer, then it has the tasks, objectives, exercises, guardrails and metrics to run a session', () => {
        const module = readModule(file);

        const problems = findRunnabilityProblems(`modules/${file}`, module);

        expect(problems, `modules/${file}`).to.deep.equal([]);
      });
    });
  }

  it('when the folder is read, then it holds 12 to 15 training modules', () => {
    const count = files.length;

    expect(count).to.be.within(12, 15);
  });

  it('when the ids are collected, then no two training modules share one', () => {
    const ids = files.map((file) => readModule(file).id);

    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);

    expect(duplicates, 'duplicate ids').to.deep.equal([]);
  });

  it('when training modules are counted per department, then every department has at least two', () => {
    const counts = new Map(DEPARTMENTS.map((department) => [department, 0]));

    for (const file of files) {
      const department = readModule(file).department;
      counts.set(department, (counts.get(department) ?? 0) + 1);
    }

    const thin = DEPARTMENTS.filter((department) => (counts.get(department) ?? 0) < 2);
    expect(thin, 'departments with fewer than two training modules').to.deep.equal([]);
  });

  it('when a module file breaks the schema, then each problem names the file and the field', () => {
    const broken = { ...readModule(files[0]), durationMinutes: 120 } as Record<string, unknown>;
    delete broken.tasks;

    const problems = findFileProblems('modules/broken-copy.json', broken);

    expect(problems).to.include('modules/broken-copy.json /tasks: is required');
    expect(problems).to.include('modules/broken-copy.json /durationMinutes: must be <= 90');
  });
});
