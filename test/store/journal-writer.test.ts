import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Change } from '../../src/store/engine/changes.ts';
import { JournalWriter, openJournalFile } from '../../src/store/journal/journal-writer.ts';
import { JOURNAL_MAGIC, scanRecords } from '../../src/store/journal/record-format.ts';
import { decodeDocument } from '../../src/store/values/documents.ts';

const insertOf = (n: number): Change[] => [{ t: 'insert', db: 'd', c: 'c', doc: { _id: n, text: 'x'.repeat(n % 97) } }];

describe('store journal writer', () => {
  let dir: string;
  let file: string;
  let fd: number;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-journal-writer-'));
    file = path.join(dir, 'journal-0.wal');
    fs.writeFileSync(file, JOURNAL_MAGIC);
    fd = openJournalFile(file, true);
  });

  afterEach(() => {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when many commits wait at once (overlapping rounds), then every record is in the file whole and in commit order', async () => {
    const writer = new JournalWriter(fd, JOURNAL_MAGIC.length, true);

    const waits: Array<Promise<void>> = [];
    for (let seq = 1; seq <= 300; seq++) {
      waits.push(writer.waitDurable(writer.append(seq, insertOf(seq))));
      if (seq % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(waits);
    const scan = scanRecords(fs.readFileSync(file), JOURNAL_MAGIC);

    expect(scan.problem).to.equal(undefined);
    expect(scan.payloads.map((payload) => (decodeDocument(payload) as { s: number }).s)).to.deep.equal(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('when a commit is acknowledged, then the file already holds it and every commit before it', async () => {
    const writer = new JournalWriter(fd, JOURNAL_MAGIC.length, true);
    const seen: number[] = [];

    const waits = Array.from({ length: 100 }, (_, i) => {
      const seq = i + 1;
      return writer.waitDurable(writer.append(seq, insertOf(seq))).then(() => {
        seen.push(scanRecords(fs.readFileSync(file), JOURNAL_MAGIC).payloads.length - seq);
      });
    });
    await Promise.all(waits);

    expect(seen.every((extra) => extra >= 0)).to.equal(true);
  });
});
