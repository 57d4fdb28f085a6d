/**
 * `npm run bench:shortlist`: how long POST and GET …/shortlist take for an engagement of 5,000 people
 * × 8 tasks against 15 training modules, through createApp and the embedded store, as in production.
 * The roster and task records are written straight into the store (the API would take minutes to fill);
 * every task text is distinct, so matching cannot lean on identical texts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { createModuleCatalogue, loadModuleLibrary, type TrainingModule } from '../../src/library/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import '../../src/platform/db.ts';
import { pino } from 'pino';
import { SchemaRegistry } from '../../src/platform/validation.ts';
import { startEmbeddedStore } from '../../src/store/index.ts';
import { listTaskRecords } from '../../src/intake/index.ts';
import type { Person } from '../../src/engagements/index.ts';
import { weighTasks } from '../../src/shortlist/domain/weigh-tasks.ts';
import { matchWeighedTasks } from '../../src/shortlist/domain/engagement-library.ts';
import { buildCohorts } from '../../src/shortlist/domain/build-cohorts.ts';

const PEOPLE = 5000;
const TASKS_PER_PERSON = 8;
const RUNS = 3;
const ADMIN = 'bench-admin-token-0123456789abcdef';
const DEPARTMENTS = ['Finance', 'Human Resources', 'Operations', 'Customer Service', 'Marketing & Sales', 'Engineering', 'Facilities'];
const ROLE_LEVELS = ['contributor', 'contributor', 'contributor', 'manager', 'leader'] as const;
const CONTEXTS = ['for the regional team', 'every Monday', 'before the monthly close', 'for key accounts', 'in the shared drive', 'with the new system', 'for the leadership meeting', 'when a request comes in'];
const CHORES = ['water the office plants', 'book travel for visiting staff', 'order coffee for the kitchen', 'organise the summer party', 'sort the post', 'renew parking permits'];

/** A deterministic generator, so every run measures the same engagement. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const EXTRA_MODULE: TrainingModule = {
  id: 'facilities-requests', title: 'Facilities requests and office services', department: 'Facilities',
  summary: 'Triaging facilities requests, booking rooms and travel, and answering office questions with AI help.',
  tasks: ['triaging facilities requests', 'booking meeting rooms and travel', 'answering questions about the office'], durationMinutes: 60,
};

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-shortlist-bench-'));
  const store = await startEmbeddedStore({ dataDir, host: '127.0.0.1', port: 0 });
  const connection = await mongoose.createConnection(`${store.uri}/bench`).asPromise();
  try {
    const config = loadConfig({ TAILOR_ADMIN_TOKEN: ADMIN, TAILOR_DATA_DIR: dataDir });
    const schemas = new SchemaRegistry(config.paths.schemas);
    const library = [...loadModuleLibrary(config.paths.modules, schemas), EXTRA_MODULE];
    const modules = createModuleCatalogue(library);
    // The service's own 'shortlist computed' line says how long matching and the whole computation took.
    const computeLines: Array<{ readMs: number; matchMs: number; storeMs: number; durationMs: number }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => { if (line.includes('"shortlist computed"')) computeLines.push(JSON.parse(line)); } });
    const app = createApp({ config, logger, connection, schemas, modules });
    const auth = { Authorization: `Bearer ${ADMIN}` };

    const created = await request(app).post('/api/v1/engagements').set(auth).send({ name: 'Bench', client: 'Bench Co', departments: DEPARTMENTS });
    const engagementId = new Types.ObjectId(String(created.body.id));
    const seeded = await seed(connection, engagementId, library);
    process.stdout.write(`Seeded ${PEOPLE} people, ${seeded.taskCount} task records (${seeded.distinctTexts} distinct texts), ${library.length} training modules.\n`);

    await measureCore(connection, engagementId, modules);

    const path = `/api/v1/engagements/${engagementId.toHexString()}/shortlist`;
    const posts: number[] = [];
    const gets: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      let started = performance.now();
      const posted = await request(app).post(path).set(auth);
      posts.push(performance.now() - started);
      if (posted.status !== 201) throw new Error(`POST answered ${posted.status}: ${posted.text.slice(0, 300)}`);
      started = performance.now();
      const got = await request(app).get(path).set(auth);
      gets.push(performance.now() - started);
      bytes = got.text.length;
      if (run === 0) process.stdout.write(`Cohorts: ${posted.body.cohorts.length}, gap tasks: ${posted.body.cohorts.reduce((s: number, c: { gapTaskCount: number }) => s + c.gapTaskCount, 0)}\n`);
    }
    const best = (values: number[]) => Math.min(...values).toFixed(0);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(0);
    const taskRate = (seeded.taskCount / (posts[0] / 1000)).toFixed(0);
    process.stdout.write(`POST shortlist (compute + store + answer), target < 2000 ms: ${posts.map((ms) => ms.toFixed(0)).join(', ')} ms (first: ${taskRate} tasks/s)\n`);
    const inside = computeLines.map((l) => `${l.durationMs} ms (reading ${l.readMs}, matching ${l.matchMs}, storing ${l.storeMs})`).join('; ');
    process.stdout.write(`  inside the service, per run: ${inside}\n`);
    process.stdout.write(`GET shortlist: best ${best(gets)} ms, median ${median(gets)} ms; body ${(bytes / 1e6).toFixed(1)} MB\n`);
  } finally {
    await connection.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The computation alone, with the records already read: weighing, matching and
 * cohorts with demand, coverage and gap themes. What the store and HTTP add comes on top.
 */
async function measureCore(connection: mongoose.Connection, engagementId: Types.ObjectId, catalogue: ReturnType<typeof createModuleCatalogue>): Promise<void> {
  let started = performance.now();
  const records = await listTaskRecords(connection, engagementId.toHexString());
  const people = (await connection.collection('people').find({ engagementId }).toArray()).map((d) => ({ id: String(d._id), department: d.department, roleLevel: d.roleLevel }) as Person);
  const readMs = performance.now() - started;
  started = performance.now();
  const tasks = weighTasks(records, people);
  const matches = await matchWeighedTasks(catalogue, tasks, new Set(catalogue.modules.map((m) => m.id)));
  const matchMs = performance.now() - started;
  const cohorts = buildCohorts({ tasks, matchOf: (id) => matches.get(id)!, minScore: catalogue.minScore, titleOf: (id) => id, departments: DEPARTMENTS, intakes: new Map() });
  const coreMs = performance.now() - started;
  process.stdout.write(`Computation alone (${tasks.length} included tasks, ${cohorts.length} cohorts): ${coreMs.toFixed(0)} ms, of which matching ${matchMs.toFixed(0)} ms (${(tasks.length / (matchMs / 1000)).toFixed(0)} tasks/s); reading the records first: ${readMs.toFixed(0)} ms\n`);
}

/** People with departments and role levels, intakes with concern answers, and task records in every review state. */
async function seed(connection: mongoose.Connection, engagementId: Types.ObjectId, library: TrainingModule[]): Promise<{ taskCount: number; distinctTexts: number }> {
  const next = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const now = new Date();
  const people = [];
  const intakes = [];
  const tasks = [];
  const texts = new Set<string>();
  for (let p = 0; p < PEOPLE; p += 1) {
    const _id = new Types.ObjectId();
    const department = DEPARTMENTS[p % DEPARTMENTS.length];
    people.push({ _id, engagementId, name: `Person ${p}`, email: `person${p}@bench.test`, department, roleLevel: pick(ROLE_LEVELS), invitedAt: now, createdAt: now, updatedAt: now });
    const reviewed = next() < 0.75;
    intakes.push({
      engagementId, personId: _id, status: reviewed ? 'confirmed' : 'submitted', version: 2, bankId: 'participant', bankVersion: 1, bankParts: [],
      answers: { concernJobDisplacement: 1 + Math.floor(next() * 5), comfortNewTechnology: 1 + Math.floor(next() * 5), trustAiOutput: 1 + Math.floor(next() * 5), complianceWorries: 1 + Math.floor(next() * 5) },
      createdAt: now, updatedAt: now,
    });
    const ownModules = library.filter((m) => m.department === department);
    for (let row = 0; row < TASKS_PER_PERSON; row += 1) {
      const isChore = next() < 0.15;
      const base = isChore ? pick(CHORES) : pick(pick(ownModules.length && next() < 0.8 ? ownModules : library).tasks);
      const text = `${base.charAt(0).toUpperCase()}${base.slice(1)} ${pick(CONTEXTS)} (ref ${p}-${row})`;
      texts.add(text);
      const status = !reviewed ? 'submitted' : next() < 0.1 ? 'rejected' : 'confirmed';
      tasks.push({
        engagementId, personId: _id, source: 'participant', row, text, hoursPerWeek: Math.round(next() * 80) / 10, dataSensitivity: [], status,
        ...(status === 'confirmed' ? { priority: 1 + Math.floor(next() * 5) } : {}), createdAt: now, updatedAt: now,
      });
    }
  }
  await connection.collection('people').insertMany(people);
  await connection.collection('intakes').insertMany(intakes);
  for (let i = 0; i < tasks.length; i += 5000) await connection.collection('tasks').insertMany(tasks.slice(i, i + 5000));
  return { taskCount: tasks.length, distinctTexts: texts.size };
}

await main();
