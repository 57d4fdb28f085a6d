import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { deserialize } from 'bson';
import { MongoClient } from 'mongodb';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/store/index.ts';
import { encodeOpMsg } from '../../src/store/wire/wire-messages.ts';

/** How the store cuts a TCP byte stream into messages, whatever sizes the stream arrives in. */
describe('embedded store: message framing on the wire', () => {
  let dataDir: string;
  let store: EmbeddedStore;
  let socket: net.Socket;
  let received: Buffer;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-wire-'));
    store = await startEmbeddedStore({ dataDir });
  });

  beforeEach(async () => {
    const { hostname, port } = new URL(store.uri);
    socket = net.connect({ host: hostname, port: Number(port) });
    socket.setNoDelay(true);
    received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    await new Promise((resolve) => socket.once('connect', resolve));
  });

  afterEach(() => socket.destroy());

  after(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The replies' bodies once `count` whole replies have arrived. */
  async function replies(count: number): Promise<Array<Record<string, unknown>>> {
    for (let waited = 0; waited < 500; waited += 1) {
      const bodies = readReplies(received);
      if (bodies.length >= count) return bodies;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`only ${readReplies(received).length} of ${count} replies arrived`);
  }

  /** Writes the bytes in pieces of `size`, each in its own turn, so the store receives them apart. */
  async function writeInPieces(bytes: Buffer, size: number): Promise<void> {
    for (let at = 0; at < bytes.length; at += size) {
      socket.write(bytes.subarray(at, at + size));
      await nextTurn();
    }
  }

  it('when a message arrives one byte at a time, header included, then it is read whole and answered', async () => {
    await writeInPieces(encodeOpMsg(0, { ping: 1, $db: 'admin' }), 1);

    const [reply] = await replies(1);
    expect(reply.ok).to.equal(1);
  });

  it('when two messages arrive in one piece, then both are answered, in order', async () => {
    const both = Buffer.concat([encodeOpMsg(0, { ping: 1, $db: 'admin' }), encodeOpMsg(0, { buildInfo: 1, $db: 'admin' })]);
    socket.write(both);

    const bodies = await replies(2);
    expect(bodies[0].ok).to.equal(1);
    expect(bodies[1].version, JSON.stringify(bodies[1])).to.be.a('string');
  });

  it('when a message of several megabytes arrives in small pieces, then the document it carries is stored intact', async () => {
    const text = 'x'.repeat(6_000_000);
    const insert = encodeOpMsg(0, { insert: 'framing', documents: [{ _id: 'large', text }], $db: 'wire' });
    await writeInPieces(insert.subarray(0, 6), 3);
    await writeInPieces(insert.subarray(6), 64 * 1024);

    const [reply] = await replies(1);
    expect(reply).to.include({ ok: 1, n: 1 });
    const client = await new MongoClient(store.uri).connect();
    try {
      const stored = await client.db('wire').collection<{ _id: string; text: string }>('framing').findOne({ _id: 'large' });
      expect(stored?.text.length).to.equal(text.length);
    } finally {
      await client.close();
    }
  });
});

/** The bodies of the whole OP_MSG replies in `bytes` (flag bits, then a kind-0 section). */
function readReplies(bytes: Buffer): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = [];
  let at = 0;
  while (bytes.length - at >= 4 && bytes.length - at >= bytes.readInt32LE(at)) {
    const length = bytes.readInt32LE(at);
    bodies.push(deserialize(bytes.subarray(at + 21, at + length)));
    at += length;
  }
  return bodies;
}
