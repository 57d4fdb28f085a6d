/**
 * `npm run bench:shortlist`: how long POST and GET …/shortlist take for an engagement of 5,000 people
 * × 8 tasks against 15 training modules, through createApp and the embedded store, as in production.
 * Every task text is distinct, so matching cannot lean on identical texts. Measured in order:
 * - the first computation with none of the tasks matched before, as the first request of a freshly
 *   started service;
 * - its versions and match cache deleted, the people "submitting": each person's tasks handed to the
 *   shortlist as intake does once a submission commits (the records themselves were seeded straight
 *   into the store: 5,000 intakes through the API would take minutes), timed per person; once their
 *   results are written (a second after they are held), the first computation through new
 *   components, as after a crash (the results written after every 10 submissions, as the 1 s timer
 *   would write them over a real intake period, so incoming parts are merged along the way);
 * - the same again, then what the service does when it stops (`storeHeldMatches`), and the first
 *   computation through new components, as after a restart;
 * - again from no versions: the people submitting, then the first computation in the running service,
 *   two repeats with nothing changed, and one after a round of reviews, amendments and erasures
 *   written straight into the store (so matched at computation);
 * - the engagement's modules changed: computed at once, while its tasks are matched again in the
 *   background, and computed once that is done;
 * each followed by a GET and the consultant's shortlist page.
 *
 * The client runs in the same process: "answered" is the time until the last byte of the answer
 * arrived; parsing the JSON (a client's own work) is reported next to it, not inside it.
 */
import os from 'node:os';
import { Types } from 'mongoose';
import { pino } from 'pino';
import request from 'supertest';
import { buildComponents, createApp, type AppDeps } from '../../src/app.ts';
import { createModuleCatalogue, loadModuleLibrary } from '../../src/library/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import '../../src/platform/db.ts';
import { SchemaRegistry } from '../../src/platform/validation.ts';
import { HELD_MATCH_WRITE_DELAY_MS } from '../../src/shortlist/use-cases/write-held-matches.ts';
import { withBenchStore } from './bench-store.ts';
import { changeSomeTasks, DEPARTMENTS, EXTRA_MODULE, PEOPLE, seedEngagement } from './shortlist-bench-data.ts';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const CHANGED_PEOPLE = 100;
const ERASED_PEOPLE = 10;
const SUBMISSIONS_PER_WRITE = 10;

type App = ReturnType<typeof createApp>;
interface Timed { status: number; answeredMs: number; parseMs: number; bytes: number; body: { cohorts?: Array<{ gapTaskCount: number }> } }

/** One request, timed until its last byte arrives; the JSON is parsed afterwards, timed on its own. */
async function timed(app: App, method: 'get' | 'post', url: string): Promise<Timed> {
  const started = performance.now();
  let answeredMs = 0;
  const res = await request(app)[method](url).set({ Authorization: `Bearer ${ADMIN}` }).buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      answeredMs = performance.now() - started;
      done(null, Buffer.concat(chunks));
    });
  });
  const raw = res.body as Buffer;
  const parseStarted = performance.now();
  const body = JSON.parse(raw.toString('utf8'));
  return { status: res.status, answeredMs, parseMs: performance.now() - parseStarted, bytes: raw.length, body };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  await withBenchStore('shortlist-bench', async ({ dataDir, connection }) => {
    const config = loadConfig({ TAILOR_ADMIN_TOKEN: ADMIN, TAILOR_DATA_DIR: dataDir });
    const schemas = new SchemaRegistry(config.paths.schemas);
    const library = [...loadModuleLibrary(config.paths.modules, schemas), EXTRA_MODULE];
    const modules = createModuleCatalogue(library);
    // The service's own 'shortlist computed' line says where the time went inside the POST.
    const computeLines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => { if (line.includes('"shortlist computed"')) computeLines.push(JSON.parse(line)); } });
    const deps: AppDeps = { config, logger, connection, schemas, modules };
    const components = buildComponents(deps);
    const app = createApp(deps, components);
    const auth = { Authorization: `Bearer ${ADMIN}` };

    const created = await request(app).post('/api/v1/engagements').set(auth).send({ name: 'Bench', client: 'Bench Co', departments: DEPARTMENTS });
    const engagementId = new Types.ObjectId(String(created.body.id));
    const seeded = await seedEngagement(connection, engagementId, library);
    process.stdout.write(`Seeded ${PEOPLE} people, ${seeded.taskCount} task records (${seeded.distinctTexts} distinct texts), ${library.length} training modules. Load average ${load()}.\n`);

    const url = `/api/v1/engagements/${engagementId.toHexString()}/shortlist`;
    const pagePath = `/consultant/engagements/${engagementId.toHexString()}/shortlist`;
    const measure = async (label: string, through = app) => {
      const posted = await timed(through, 'post', url);
      if (posted.status !== 201) throw new Error(`POST answered ${posted.status}`);
      const got = await timed(through, 'get', url);
      if (got.status !== 200) throw new Error(`GET answered ${got.status}`);
      // The consultant's pages redirect a computation to this page, drawn from the stored version.
      const pageStarted = performance.now();
      const page = await request(through).get(pagePath).set(auth);
      if (page.status !== 200) throw new Error(`the shortlist page answered ${page.status}`);
      const pageMs = performance.now() - pageStarted;
      const inside = Object.entries(computeLines.at(-1) ?? {}).filter(([key]) => key.endsWith('Ms') || key.endsWith('Count')).map(([key, value]) => `${key} ${value}`).join(', ');
      const gaps = (posted.body.cohorts ?? []).reduce((sum, c) => sum + c.gapTaskCount, 0);
      process.stdout.write(
        `${label}: POST answered in ${ms(posted.answeredMs)} (+ client JSON.parse ${ms(posted.parseMs)}, ${(posted.bytes / 1e6).toFixed(1)} MB, ${posted.body.cohorts?.length} cohorts, ${gaps} gap tasks); ` +
        `GET ${ms(got.answeredMs)} (+ parse ${ms(got.parseMs)}); page ${ms(pageMs)} (${(page.text.length / 1e6).toFixed(1)} MB of HTML); load ${load()}\n    inside the POST: ${inside}\n`,
      );
    };

    await measure('first computation, nothing matched before (first request of the process)');
    // As if never computed: the next computation finds no version and no stored match cache.
    const forgetComputations = async () => {
      for (const name of ['shortlists', 'shortlist_match_cache']) await connection.collection(name).deleteMany({ engagementId });
    };
    /** Waits (up to 20 s) until the incoming parts hold `expected` results. */
    const writtenAsTheyCameIn = async (expected: number) => {
      const cache = connection.collection('shortlist_match_cache');
      const waitStarted = performance.now();
      for (;;) {
        const parts = await cache.find({ engagementId, kind: 'incoming' }, { projection: { entryCount: 1 } }).toArray();
        const resultCount = parts.reduce((sum, part) => sum + Number(part.entryCount), 0);
        if (resultCount >= expected || performance.now() - waitStarted > 20_000) return { resultCount, partCount: parts.length, atMs: performance.now() };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    /** The submissions, in a tight loop; with `writeEvery`, the held results written after every that many (as the timer would if they were spread out). */
    const tasksComeIn = async (through = components, writeEvery = 0) => {
      const perPerson: number[] = [];
      const perWrite: number[] = [];
      for (const [index, arrival] of seeded.arrivals.entries()) {
        const started = performance.now();
        await through.shortlist.matchIncomingTasks(arrival);
        perPerson.push(performance.now() - started);
        if (writeEvery > 0 && (index + 1) % writeEvery === 0) {
          const writeStarted = performance.now();
          await through.shortlist.writeHeldMatches();
          perWrite.push(performance.now() - writeStarted);
        }
      }
      if (perWrite.length > 0) {
        perWrite.sort((a, b) => a - b);
        process.stdout.write(
          `held results written after every ${writeEvery} submissions: ${perWrite.length} writes (merges included), ${ms(perWrite.reduce((a, b) => a + b, 0))} in all; ` +
          `median ${perWrite[perWrite.length >> 1].toFixed(1)} ms, 99th percentile ${perWrite[Math.floor(perWrite.length * 0.99)].toFixed(1)} ms, most ${perWrite.at(-1)!.toFixed(1)} ms\n`,
        );
      }
      perPerson.sort((a, b) => a - b);
      const quantile = (q: number) => perPerson[Math.min(perPerson.length - 1, Math.floor(q * perPerson.length))].toFixed(2);
      process.stdout.write(
        `tasks came in: ${perPerson.length} submissions matched as intake announces them, ${ms(perPerson.reduce((a, b) => a + b, 0))} in all; ` +
        `per submission median ${quantile(0.5)} ms, 99th percentile ${quantile(0.99)} ms, most ${quantile(1)} ms; load ${load()}\n`,
      );
    };

    // In a block: once it ends, what the crashed service held is garbage, as after a real crash.
    {
      // A service that crashes once the tasks came in: what it held in memory is lost, what it wrote is not.
      // Intake spreads over days, so each write carries a few submissions and the parts get merged.
      await forgetComputations();
      const crashing = buildComponents(deps);
      await tasksComeIn(crashing, SUBMISSIONS_PER_WRITE);
      const lastArrival = performance.now();
      const written = await writtenAsTheyCameIn(seeded.distinctTexts);
      process.stdout.write(
        `written as they came in (the rest by the timer, ${HELD_MATCH_WRITE_DELAY_MS} ms after results are held): ${written.resultCount} results in ${written.partCount} parts, ` +
        `the last ${ms(written.atMs - lastArrival)} after the last submission\n`,
      );
    }
    await measure('first computation after a crash (new components; the process, though, is warm)', createApp(deps, buildComponents(deps)));

    await forgetComputations();
    const stopping = buildComponents(deps);
    await tasksComeIn(stopping);
    const storing = performance.now();
    const stored = await stopping.shortlist.storeHeldMatches();
    process.stdout.write(`service stopping: ${stored.resultCount} results stored in ${ms(performance.now() - storing)}\n`);
    // A restarted service: new components, nothing held in memory (the process, though, is warm).
    await measure('first computation after a restart that stored them', createApp(deps, buildComponents(deps)));

    await forgetComputations();
    await tasksComeIn();
    await measure('first computation after the tasks came in');
    await measure('repeat, nothing changed');
    await measure('repeat, nothing changed');
    const changed = await changeSomeTasks(connection, engagementId, CHANGED_PEOPLE);
    const people = await connection.collection('people').find({ engagementId }).limit(ERASED_PEOPLE).toArray();
    for (const person of people) await request(app).delete(`/api/v1/engagements/${engagementId.toHexString()}/people/${String(person._id)}`).set(auth).expect(204);
    await measure(`after ${changed} task records changed and ${ERASED_PEOPLE} people erased`);

    // The consultant changes the engagement's modules: every task's results are of the old set.
    const changeModules = async (moduleIds: string[]) => {
      await request(app).patch(`/api/v1/engagements/${engagementId.toHexString()}`).set(auth).send({ moduleIds }).expect(200);
      return performance.now();
    };
    const ids = library.map((module) => module.id);
    await changeModules(ids.filter((id) => id !== EXTRA_MODULE.id));
    await measure('modules changed, computed at once (while they are matched again in the background)');
    await components.shortlist.backgroundIdle();
    const changedAt = await changeModules(ids.slice(1));
    await components.shortlist.backgroundIdle();
    process.stdout.write(`modules changed again: every task matched again in the background in ${ms(performance.now() - changedAt)}; load ${load()}\n`);
    await measure('modules changed, computed once that was done');
  });
}

await main();
