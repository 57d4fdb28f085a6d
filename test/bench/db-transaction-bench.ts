/**
 * `npm run bench:db-transaction` — one transaction writing n documents into collections with
 * unique indexes, through the driver, against the embedded store in this process (durable),
 * shaped like a roster upload: people under a unique (engagementId, email) index inserted with
 * one insertMany, then one credential per person (unique tokenHash) inserted one by one.
 * Prints the time of each part and the load average around each run.
 * Options: --sizes 1000,5000,20000 --runs 1.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient, ObjectId } from 'mongodb';
import { startEmbeddedStore } from '../../src/store/index.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,5000,20000' }, runs: { type: 'string', default: '1' } } });
const SIZES = values.sizes.split(',').map(Number);
const RUNS = Number(values.runs);

interface Timing {
  n: number;
  insertManyMs: number;
  insertOneMs: number;
  commitMs: number;
  load: string;
}

const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');

async function runOnce(client: MongoClient, n: number, round: number): Promise<Timing> {
  const db = client.db(`txn_bench_${n}_${round}`);
  const people = db.collection('people');
  const credentials = db.collection('credentials');
  await people.createIndex({ engagementId: 1, email: 1 }, { unique: true });
  await credentials.createIndex({ tokenHash: 1 }, { unique: true });
  const engagementId = new ObjectId();
  const roster = Array.from({ length: n }, (_, i) => ({ _id: new ObjectId(), engagementId, email: `person${i}@example.com`, name: `Person ${i}`, department: `d${i % 12}` }));
  const loadBefore = load();

  const session = client.startSession();
  session.startTransaction();
  const started = performance.now();
  await people.insertMany(roster, { session });
  const afterMany = performance.now();
  for (const person of roster) {
    await credentials.insertOne({ subjectId: person._id, engagementId, tokenHash: randomBytes(32).toString('hex'), purpose: 'invite' }, { session });
  }
  const afterOnes = performance.now();
  await session.commitTransaction();
  const committed = performance.now();
  await session.endSession();

  const [peopleCount, credentialCount] = await Promise.all([people.countDocuments(), credentials.countDocuments()]);
  if (peopleCount !== n || credentialCount !== n) throw new Error(`expected ${n} of each, found ${peopleCount} people and ${credentialCount} credentials`);
  await db.dropDatabase();
  return { n, insertManyMs: afterMany - started, insertOneMs: afterOnes - afterMany, commitMs: committed - afterOnes, load: `${loadBefore} → ${load()}` };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-db-txn-bench-'));
  const store = await startEmbeddedStore({ dataDir });
  const client = await new MongoClient(store.uri).connect();
  console.log(`# bench:db-transaction — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, durable, in-process store\n`);
  console.log('| n | people insertMany (ms) | n credential insertOne (ms) | commit (ms) | total (ms) | load average (1/5/15 min, before → after) |');
  console.log('|---:|---:|---:|---:|---:|---|');
  try {
    for (const n of SIZES) {
      for (let round = 0; round < RUNS; round++) {
        const t = await runOnce(client, n, round);
        const total = t.insertManyMs + t.insertOneMs + t.commitMs;
        console.log(`| ${n} | ${t.insertManyMs.toFixed(0)} | ${t.insertOneMs.toFixed(0)} | ${t.commitMs.toFixed(0)} | ${total.toFixed(0)} | ${t.load} |`);
      }
    }
  } finally {
    await client.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
