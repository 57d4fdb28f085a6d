import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { startEmbeddedStore } from '../../src/store/index.ts';
import { JOURNAL_MAGIC, scanRecords } from '../../src/store/journal/record-format.ts';

interface LogLine {
  level: number;
  msg: string;
  problem?: string;
  savedTo?: string;
}

/** A store on `dataDir` whose warnings land in `lines`. */
async function openStore(dataDir: string, lines: LogLine[] = []) {
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  const store = await startEmbeddedStore({ dataDir, logger });
  const client = await new MongoClient(store.uri).connect();
  return {
    notes: client.db('torn').collection<{ _id: number; text: string }>('notes'),
    async close() {
      await client.close();
      await store.close();
    },
  };
}

function journalFile(dataDir: string): string {
  const name = fs.readdirSync(dataDir).find((file) => /^journal-\d+\.wal$/.test(file));
  return path.join(dataDir, name!);
}

describe('store journal: damaged tail', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-torn-'));
    const store = await openStore(dataDir);
    for (let i = 1; i <= 5; i++) await store.notes.insertOne({ _id: i, text: `note ${i}` });
    await store.close();
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the last record was cut short by a crash, then the intact records load, a warning is logged and the bytes are set aside', async () => {
    const file = journalFile(dataDir);
    fs.truncateSync(file, fs.statSync(file).size - 7);
    const lines: LogLine[] = [];

    const store = await openStore(dataDir, lines);
    const ids = (await store.notes.find({}).toArray()).map((doc) => doc._id);
    await store.close();
    const warning = lines.find((line) => line.msg.startsWith('journal tail is damaged'));

    expect(ids).to.deep.equal([1, 2, 3, 4]);
    expect(warning?.level).to.equal(40);
    expect(warning?.problem).to.equal('record cut short');
    expect(fs.existsSync(warning!.savedTo!)).to.equal(true);
  });

  it('when a byte of the last record is corrupt, then its checksum fails and the records before it load', async () => {
    const file = journalFile(dataDir);
    const contents = fs.readFileSync(file);
    contents[contents.length - 3] ^= 0xff;
    fs.writeFileSync(file, contents);
    const lines: LogLine[] = [];

    const store = await openStore(dataDir, lines);
    const ids = (await store.notes.find({}).toArray()).map((doc) => doc._id);
    await store.close();

    expect(ids).to.deep.equal([1, 2, 3, 4]);
    expect(lines.map((line) => line.problem)).to.include('record checksum mismatch');
  });

  it('when garbage follows the last record, then every record loads and the garbage is cut off', async () => {
    const file = journalFile(dataDir);
    const intactSize = fs.statSync(file).size;
    fs.appendFileSync(file, Buffer.from([0x13, 0x00, 0x00, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x01]));

    const store = await openStore(dataDir);
    const count = await store.notes.countDocuments();
    await store.close();

    expect(count).to.equal(5);
    expect(fs.statSync(file).size).to.equal(intactSize);
  });

  it('when a crash left a gap before the last record (overlapping rounds, the earlier one not on disk), then the records before the gap load and the rest is set aside', async () => {
    const file = journalFile(dataDir);
    const contents = fs.readFileSync(file);
    const { payloads } = scanRecords(contents, JOURNAL_MAGIC);
    const gapStart = JOURNAL_MAGIC.length + payloads.slice(0, 3).reduce((sum, payload) => sum + 8 + payload.length, 0);
    contents.fill(0, gapStart, gapStart + 8 + payloads[3].length);
    fs.writeFileSync(file, contents);
    const lines: LogLine[] = [];

    const store = await openStore(dataDir, lines);
    const ids = (await store.notes.find({}).toArray()).map((doc) => doc._id);
    await store.close();
    const warning = lines.find((line) => line.msg.startsWith('journal tail is damaged'));

    expect(ids).to.deep.equal([1, 2, 3]);
    expect(warning?.level).to.equal(40);
    expect(fs.readFileSync(warning!.savedTo!).length).to.equal(contents.length - gapStart);
  });

  it('when the store restarts after a damaged tail, then new writes are journaled after the intact part and survive another restart', async () => {
    const file = journalFile(dataDir);
    fs.truncateSync(file, fs.statSync(file).size - 3);
    const repaired = await openStore(dataDir);
    await repaired.notes.insertOne({ _id: 6, text: 'after repair' });
    await repaired.close();
    const lines: LogLine[] = [];

    const store = await openStore(dataDir, lines);
    const ids = (await store.notes.find({}).toArray()).map((doc) => doc._id);
    await store.close();

    expect(ids).to.deep.equal([1, 2, 3, 4, 6]);
    expect(lines.filter((line) => line.msg.startsWith('journal tail is damaged'))).to.deep.equal([]);
  });
});
