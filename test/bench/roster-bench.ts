/**
 * `npm run bench:roster`: how long `POST …/people` takes for the largest upload the API accepts
 * (2,000 people), through createApp and the embedded store in this process, as in production:
 * three uploads of new people into one engagement (so the last lands beside 4,000 others), then
 * the last upload again (everyone known: updates, no invitations). Every new person gets a
 * personal link and a queued invitation in the upload's transaction; one in fifty is a manager
 * the others of their group name.
 */
import os from 'node:os';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import '../../src/platform/db.ts';
import { SchemaRegistry } from '../../src/platform/validation.ts';
import { withBenchStore } from './bench-store.ts';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const UPLOAD_SIZE = 2000;
const UPLOADS = 3;
const GROUP = 50;

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** People `from`..`from + UPLOAD_SIZE`; the first of each group of fifty manages the rest. */
function upload(from: number) {
  return Array.from({ length: UPLOAD_SIZE }, (_, i) => {
    const p = from + i;
    const manager = p - (p % GROUP);
    return {
      name: `Person ${p}`, email: `person${p}@bench.test`, department: p % 2 ? 'Finance' : 'Operations',
      roleLevel: p === manager ? 'manager' : 'contributor', ...(p === manager ? {} : { managerEmail: `person${manager}@bench.test` }),
    };
  });
}

async function main(): Promise<void> {
  await withBenchStore('roster-bench', async ({ dataDir, connection }) => {
    const config = loadConfig({ TAILOR_ADMIN_TOKEN: ADMIN, TAILOR_DATA_DIR: dataDir });
    const app = createApp({ config, logger: pino({ level: 'silent' }), connection, schemas: new SchemaRegistry(config.paths.schemas) });
    const auth = { Authorization: `Bearer ${ADMIN}` };
    const created = await request(app).post('/api/v1/engagements').set(auth).send({ name: 'Bench', client: 'Bench Co', departments: ['Finance', 'Operations'] });
    const url = `/api/v1/engagements/${String(created.body.id)}/people`;
    const send = async (label: string, people: ReturnType<typeof upload>) => {
      const started = performance.now();
      const res = await request(app).post(url).set(auth).send({ people });
      const ms = performance.now() - started;
      if (res.status !== 201) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      const createdCount = (res.body.people as Array<{ created: boolean }>).filter((p) => p.created).length;
      process.stdout.write(`${label}: ${(ms / 1000).toFixed(2)} s for ${people.length} people (${createdCount} new, ${(people.length / (ms / 1000)).toFixed(0)} people/s); load ${load()}\n`);
    };
    for (let n = 0; n < UPLOADS; n += 1) await send(`upload ${n + 1}, into ${n * UPLOAD_SIZE} on the roster`, upload(n * UPLOAD_SIZE));
    await send('the last upload again (all known)', upload((UPLOADS - 1) * UPLOAD_SIZE));
    const invitations = await connection.collection('outbox').countDocuments({ kind: 'invitation' });
    process.stdout.write(`${invitations} invitations queued. Reproduce: npm run bench:roster\n`);
  });
}

await main();
