/**
 * `npm run bench:db` — throughput of the embedded store through the real driver and mongoose,
 * as shares of the driver's own `ping` round trip measured in the same run (the store inside
 * this process, as `npm start` runs it, then as `tailor db` in its own process), plus the
 * store's memory with 100k documents and the time to reopen them from the journal.
 * Options: --ms <per measurement, default 3000>. With MONGODB_URI set, the same rows are
 * measured against that server too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import mongoose, { Schema, type Types } from 'mongoose';
import { startEmbeddedStore } from '../../src/store/index.ts';
import { measureDispatchMicros } from './db-bench-dispatch.ts';
import { durableWriteMicros, formatRows, measurePaired, residentMb, settledResidentMb, startTimed, stop, type Row } from './db-bench-support.ts';

const DOCS = 100_000;
/** A database name no real deployment uses: the bench drops it first. */
const BENCH_DB = 'tailor_db_bench';
const IN_FLIGHT = 32;
const TARGETS = { create: 0.5, findById: 0.7, indexed: 0.5, memoryMb: 300, reopenMs: 5000 };

const { values } = parseArgs({ options: { ms: { type: 'string', default: '3000' } } });
const MS = Number(values.ms);

type Ping = () => Promise<unknown>;

async function measure(name: string, ping: Ping, op: (i: number) => Promise<unknown>, concurrentToo = true): Promise<Row> {
  const sequential = await measurePaired(op, ping, 1, MS);
  const concurrent = concurrentToo ? await measurePaired(op, ping, IN_FLIGHT, MS) : undefined;
  return { name, sequential, concurrent };
}

async function loadPeople(client: MongoClient): Promise<void> {
  const people = client.db(BENCH_DB).collection('people');
  await people.createIndex({ code: 1 }, { unique: true });
  for (let at = 0; at < DOCS; at += 1000) {
    await people.insertMany(Array.from({ length: 1000 }, (_, i) => ({ code: `c${at + i}`, name: `person ${at + i}`, dept: `d${(at + i) % 40}`, n: at + i })));
  }
}

async function benchServer(uri: string): Promise<Row[]> {
  const client = await new MongoClient(uri, { maxPoolSize: IN_FLIGHT + 8 }).connect();
  const connection = await mongoose.createConnection(`${uri}/${BENCH_DB}`, { maxPoolSize: IN_FLIGHT + 8 }).asPromise();
  const Item = connection.model('Item', new Schema({ name: String, n: Number }));
  const Person = connection.model('Person', new Schema({ code: String, name: String, dept: String, n: Number }, { autoIndex: false }), 'people');
  await client.db(BENCH_DB).dropDatabase();
  // The ping goes through the driver client mongoose itself uses: same pool, same connections.
  const admin = connection.getClient().db('admin');
  const ping: Ping = () => admin.command({ ping: 1 });

  const pingRow = await measure('driver ping (the ceiling)', ping, ping);
  const create = await measure('Model.create (durable insert)', ping, (i) => Item.create({ name: `item ${i}`, n: i }));
  const ids = (await Item.find({}, { _id: 1 }).limit(5000).lean()).map((doc) => doc._id as Types.ObjectId);
  const findById = await measure('findById().lean()', ping, (i) => Item.findById(ids[i % ids.length]).lean());
  const update = await measure('updateOne by _id ($inc)', ping, (i) => Item.updateOne({ _id: ids[i % ids.length] }, { $inc: { n: 1 } }));
  await loadPeople(client);
  const indexed = await measure(`findOne on an indexed field, ${DOCS / 1000}k docs`, ping, (i) => Person.findOne({ code: `c${(i * 7919) % DOCS}` }).lean());
  const scan = await measure(`same lookup on an unindexed field (scan)`, ping, (i) => Person.findOne({ name: `person ${(i * 7919) % DOCS}` }).lean(), false);
  await connection.close();
  await client.close();
  return [pingRow, create, findById, update, indexed, scan];
}

function verdict(label: string, value: number, target: number, isAtLeast = true): string {
  const isMet = isAtLeast ? value >= target : value <= target;
  return `${isMet ? 'MET ' : 'MISSED'}  ${label}`;
}

function printShares(mode: string, rows: Row[]): void {
  const [, create, findById, , indexed] = rows;
  const share = (row: Row) => `${(row.concurrent!.ratio * 100).toFixed(0)} % of ping with ${IN_FLIGHT} in flight, ${(row.sequential.ratio * 100).toFixed(0)} % sequentially`;
  console.log(verdict(`${mode}: durable inserts ${share(create)} (target ≥ 50 %)`, create.concurrent!.ratio, TARGETS.create));
  console.log(verdict(`${mode}: finds by _id ${share(findById)} (target ≥ 70 %)`, findById.concurrent!.ratio, TARGETS.findById));
  console.log(verdict(`${mode}: indexed equality among ${DOCS / 1000}k ${share(indexed)} (target ≥ 50 %)`, indexed.concurrent!.ratio, TARGETS.indexed));
}

/** The store inside this process, as `npm start` runs it. */
async function benchInProcess(): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-db-bench-in-'));
  const store = await startEmbeddedStore({ dataDir });
  try {
    return await benchServer(store.uri);
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function countPeople(uri: string): Promise<number> {
  const client = await new MongoClient(uri).connect();
  try {
    return await client.db(BENCH_DB).collection('people').countDocuments();
  } finally {
    await client.close();
  }
}

/**
 * The store as `tailor db` in a process of its own: throughput, then its memory, then two
 * restarts: after SIGKILL (nothing but the journal to replay), then after a clean SIGTERM
 * (which writes a snapshot on the way out).
 */
async function benchOwnProcess(dataDir: string) {
  const first = await startTimed(dataDir);
  const rows = await benchServer(first.store.uri);
  const busyMemoryMb = residentMb(first.store.child.pid!);
  const memoryMb = await settledResidentMb(first.store.child.pid!);
  first.store.child.kill('SIGKILL');
  await first.store.exited;
  const journalMb = fs.readdirSync(dataDir).filter((f) => f.endsWith('.wal')).reduce((sum, f) => sum + fs.statSync(path.join(dataDir, f)).size, 0) / 1024 / 1024;
  const replayed = await startTimed(dataDir);
  const replayedCount = await countPeople(replayed.store.uri);
  await stop(replayed.store);
  const checkpointed = await startTimed(dataDir);
  const checkpointedCount = await countPeople(checkpointed.store.uri);
  await stop(checkpointed.store);
  return { rows, busyMemoryMb, memoryMb, journalMb, replayed, replayedCount, checkpointed, checkpointedCount };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-db-bench-'));
  console.log(`# bench:db — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}, ${MS} ms per measurement`);
  console.log(`durable (journal fsynced with group commit before each reply); data in ${os.tmpdir()}\n`);
  try {
    const syncMicros = await durableWriteMicros(dataDir);
    const dispatch = await measureDispatchMicros();
    const inProcess = await benchInProcess();
    const own = await benchOwnProcess(dataDir);

    console.log('## Store CPU per command (decode, dispatch, encode; no socket, no disk)\n');
    console.log(['| command | µs |', '|---|---:|', ...dispatch.map((row) => `| ${row.command} | ${row.micros.toFixed(1)} |`)].join('\n'));
    console.log('\n## Store in-process (as `npm start` runs it)\n');
    console.log(formatRows(inProcess));
    console.log('\n## Store in its own process (`tailor db`)\n');
    console.log(formatRows(own.rows));
    console.log(`\nresident memory of the tailor db process with ${DOCS / 1000}k people (plus the other benchmark documents): ${own.memoryMb.toFixed(0)} MB settled, ${own.busyMemoryMb.toFixed(0)} MB right after the last measurement`);
    console.log(`reopen after kill -9: ${own.replayed.startMs.toFixed(0)} ms from spawn to listening (journal replay ${own.replayed.recoveryMs} ms, ${own.journalMb.toFixed(1)} MB); ${own.replayedCount} people back`);
    console.log(`reopen after a clean stop: ${own.checkpointed.startMs.toFixed(0)} ms from spawn to listening (snapshot load ${own.checkpointed.recoveryMs} ms); ${own.checkpointedCount} people back`);
    const pingMicros = 1e6 / inProcess[0].sequential.rate;
    console.log(`one durable (O_DSYNC) journal write on this disk: ${syncMicros.toFixed(0)} µs median, so a sequential durable write can reach at most ${((pingMicros / (pingMicros + syncMicros)) * 100).toFixed(0)} % of the in-process ping\n`);
    printShares('in-process', inProcess);
    printShares('own process', own.rows);
    const peakMb = Math.max(own.memoryMb, own.busyMemoryMb);
    console.log(verdict(`memory ${peakMb.toFixed(0)} MB at most (target < 300 MB)`, peakMb, TARGETS.memoryMb, false));
    console.log(verdict(`reopen from the journal ${own.replayed.startMs.toFixed(0)} ms including process start (target < 5000 ms)`, own.replayed.startMs, TARGETS.reopenMs, false));

    if (process.env.MONGODB_URI) {
      const real = await benchServer(process.env.MONGODB_URI.replace(/\/[^/?]*(\?|$)/, '/$1').replace(/\/$/, ''));
      console.log('\n## MONGODB_URI\n');
      console.log(formatRows(real));
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
