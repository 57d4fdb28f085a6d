import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { spawnStoreProcess } from './support/store-process.ts';

const WRITERS = 16;
const KILL_AFTER_ACKS = 400;

describe('tailor db: durability', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-durability-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the store is killed with SIGKILL right after acknowledging writes, then every acknowledged write is there after a restart', async function () {
    this.timeout(60_000);
    const first = await spawnStoreProcess(dataDir);
    const client = await new MongoClient(first.uri, { maxPoolSize: WRITERS, serverSelectionTimeoutMS: 2000 }).connect();
    const items = client.db('durable').collection<{ _id: number; writer: number }>('items');
    const counters = client.db('durable').collection<{ _id: string; n: number }>('counters');
    const inserted: number[] = [];
    const increments = new Map<string, number>();
    let nextId = 0;
    let isKilled = false;

    await Promise.allSettled(
      Array.from({ length: WRITERS }, async (_, writer) => {
        while (!isKilled) {
          const id = nextId++;
          await items.insertOne({ _id: id, writer });
          inserted.push(id);
          await counters.updateOne({ _id: `w${writer}` }, { $inc: { n: 1 } }, { upsert: true });
          increments.set(`w${writer}`, (increments.get(`w${writer}`) ?? 0) + 1);
          if (inserted.length >= KILL_AFTER_ACKS && !isKilled) {
            isKilled = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await client.close(true);
    const killedBy = await first.exited;
    const second = await spawnStoreProcess(dataDir);
    const reader = await new MongoClient(second.uri).connect();
    const storedIds = new Set((await reader.db('durable').collection('items').find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id as unknown as number));
    const storedCounters = new Map((await reader.db('durable').collection('counters').find({}).toArray()).map((doc) => [String(doc._id), doc.n as number]));
    await reader.close();
    second.child.kill('SIGTERM');
    const stoppedWith = await second.exited;

    expect(killedBy).to.equal('SIGKILL');
    expect(inserted.length).to.be.at.least(KILL_AFTER_ACKS);
    expect(inserted.filter((id) => !storedIds.has(id))).to.deep.equal([]);
    for (const [writer, acknowledged] of increments) expect(storedCounters.get(writer) ?? 0).to.be.at.least(acknowledged);
    expect(stoppedWith).to.equal(0);
  });

  it('when the store is stopped with SIGTERM, then it exits 0 and its data reopens', async function () {
    this.timeout(30_000);
    const first = await spawnStoreProcess(dataDir);
    const client = await new MongoClient(first.uri).connect();
    await client.db('durable').collection('notes').insertMany([{ text: 'one' }, { text: 'two' }]);
    await client.close();

    first.child.kill('SIGTERM');
    const code = await first.exited;
    const second = await spawnStoreProcess(dataDir);
    const reader = await new MongoClient(second.uri).connect();
    const texts = (await reader.db('durable').collection('notes').find({}).toArray()).map((doc) => doc.text);
    await reader.close();
    second.child.kill('SIGTERM');
    await second.exited;

    expect(code).to.equal(0);
    expect(texts).to.deep.equal(['one', 'two']);
  });
});
