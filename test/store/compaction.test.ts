import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { openStore } from '../../src/store/store-server.ts';

const silent = pino({ level: 'silent' });

async function open(dataDir: string, compactionThresholdBytes: number, checkpointMinBytes = 1e12) {
  const store = await openStore({ dataDir, host: '127.0.0.1', port: 0, durable: true, logger: silent, compactionThresholdBytes, checkpointMinBytes });
  const client = await new MongoClient(`mongodb://127.0.0.1:${store.port}`).connect();
  return {
    items: client.db('compact').collection<{ _id: number; v: number; code?: string }>('items'),
    async close() {
      await client.close();
      await store.close();
    },
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('store journal: compaction', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-compact-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the journal outgrows its threshold, then a snapshot replaces it and the data reopens unchanged', async () => {
    const store = await open(dataDir, 8 * 1024);
    await store.items.createIndex({ code: 1 }, { unique: true, sparse: true });
    for (let i = 0; i < 150; i++) await store.items.insertOne({ _id: i, v: 0, code: `c${i}` });
    await waitFor(() => fs.readdirSync(dataDir).some((file) => file.startsWith('snapshot-')));
    await store.items.updateMany({ _id: { $lt: 10 } }, { $set: { v: 1 } });
    await store.items.deleteMany({ _id: { $gte: 140 } });
    await store.close();
    const files = fs.readdirSync(dataDir).sort();

    const reopened = await open(dataDir, 64 * 1024 * 1024);
    const count = await reopened.items.countDocuments();
    const updated = await reopened.items.countDocuments({ v: 1 });
    const duplicate = await reopened.items.insertOne({ _id: 1000, v: 0, code: 'c5' }).catch((error: { code: number }) => error.code);
    await reopened.close();

    const generations = [...new Set(files.map((file) => /-(\d+)\./.exec(file)?.[1]).filter(Boolean))];
    const newest = generations.sort().at(-1)!;
    expect(files).to.include(`snapshot-${newest}.bson`);
    expect(generations.length).to.be.at.most(2);
    expect(count).to.equal(140);
    expect(updated).to.equal(10);
    expect(duplicate).to.equal(11000);
  });

  it('when the store stops cleanly with a journal past the checkpoint size, then it writes a snapshot and reopens from it', async () => {
    const store = await open(dataDir, 64 * 1024 * 1024, 1024);
    for (let i = 0; i < 50; i++) await store.items.insertOne({ _id: i, v: i });

    await store.close();
    const files = fs.readdirSync(dataDir).sort();
    const reopened = await open(dataDir, 64 * 1024 * 1024);
    const sum = (await reopened.items.find({}).toArray()).reduce((total, doc) => total + doc.v, 0);
    await reopened.close();

    expect(files).to.include('snapshot-000001.bson');
    expect(fs.statSync(path.join(dataDir, 'journal-000001.wal')).size).to.be.below(100);
    expect(sum).to.equal(1225);
  });

  it('when the newest snapshot is damaged, then the store rebuilds from the generation before it and warns', async () => {
    const store = await open(dataDir, 64 * 1024 * 1024, 1024);
    for (let i = 0; i < 50; i++) await store.items.insertOne({ _id: i, v: i });
    await store.close();
    const afterCheckpoint = await open(dataDir, 64 * 1024 * 1024);
    await afterCheckpoint.items.insertOne({ _id: 50, v: 50 });
    await afterCheckpoint.close();
    const snapshot = path.join(dataDir, 'snapshot-000001.bson');
    const contents = fs.readFileSync(snapshot);
    contents[contents.length - 20] ^= 0xff;
    fs.writeFileSync(snapshot, contents);
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) });

    const reopened = await openStore({ dataDir, host: '127.0.0.1', port: 0, durable: true, logger, compactionThresholdBytes: 1e12, checkpointMinBytes: 1e12 });
    const client = await new MongoClient(`mongodb://127.0.0.1:${reopened.port}`).connect();
    const sum = (await client.db('compact').collection('items').find({}).toArray()).reduce((total, doc) => total + (doc.v as number), 0);
    await client.close();
    await reopened.close();

    expect(sum).to.equal(1275);
    expect(warnings).to.include('snapshot is damaged: rebuilding from the generation before it');
  });
});
