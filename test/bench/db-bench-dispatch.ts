import { ObjectId, serialize, UUID } from 'bson';
import { pino } from 'pino';
import { CommandDispatcher } from '../../src/store/commands/dispatch.ts';
import { CursorRegistry } from '../../src/store/cursors/cursor-registry.ts';
import { StorageEngine } from '../../src/store/engine/storage-engine.ts';
import { SessionRegistry } from '../../src/store/transactions/session-registry.ts';
import type { Doc } from '../../src/store/values/documents.ts';
import { encodeOpMsg, OP_MSG, parseCommand } from '../../src/store/wire/wire-messages.ts';

/** An OP_MSG as the driver sends it, built before the clock starts. */
function opMsg(body: Doc): Buffer {
  const bson = serialize(body);
  const message = Buffer.alloc(21 + bson.length);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(1, 4);
  message.writeInt32LE(OP_MSG, 12);
  message.set(bson, 21);
  return message;
}

/**
 * The store's own CPU per command, without sockets or a client: parse the wire message,
 * dispatch it, encode the reply. The messages are built beforehand (building them is the
 * client's work); journal records are serialized but not written, so this is what the store
 * adds on top of the network and the disk.
 */
export async function measureDispatchMicros(): Promise<Array<{ command: string; micros: number }>> {
  const engine = new StorageEngine();
  engine.attachLog({ assertWritable: () => undefined, append: (seq, changes) => (serialize({ s: seq, c: changes }), 0) });
  const services = { engine, cursors: new CursorRegistry(), sessions: new SessionRegistry(engine), logger: pino({ level: 'silent' }), startedAt: new Date() };
  const dispatcher = new CommandDispatcher(services, { waitDurable: async () => undefined });
  const lsid = { id: new UUID() };
  const ids = Array.from({ length: 1000 }, () => new ObjectId());
  const run = async (message: Buffer) => encodeOpMsg(1, await dispatcher.run(parseCommand(message), 1));
  await run(opMsg({ createIndexes: 'items', indexes: [{ key: { code: 1 }, name: 'code_1', unique: true }], $db: 'bench' }));
  for (const [i, _id] of ids.entries()) await run(opMsg({ insert: 'items', documents: [{ _id, code: `c${i}`, n: i }], lsid, $db: 'bench' }));

  const commands: Array<[string, (i: number) => Doc]> = [
    ['ping', () => ({ ping: 1, $db: 'admin' })],
    ['find by _id', (i) => ({ find: 'items', filter: { _id: ids[i % 1000] }, limit: 1, singleBatch: true, lsid, $db: 'bench' })],
    ['find by indexed field', (i) => ({ find: 'items', filter: { code: `c${i % 1000}` }, limit: 1, singleBatch: true, lsid, $db: 'bench' })],
    ['insert (unique index)', (i) => ({ insert: 'items', documents: [{ _id: new ObjectId(), code: `new${i}`, n: i }], lsid, $db: 'bench' })],
    ['update by _id ($inc)', (i) => ({ update: 'items', updates: [{ q: { _id: ids[i % 1000] }, u: { $inc: { n: 1 } } }], lsid, $db: 'bench' })],
  ];
  const results: Array<{ command: string; micros: number }> = [];
  for (const [command, body] of commands) {
    const count = 10_000;
    const messages = Array.from({ length: 3000 + count }, (_, i) => opMsg(body(i)));
    for (let i = 0; i < 3000; i++) await run(messages[i]);
    const started = performance.now();
    for (let i = 3000; i < messages.length; i++) await run(messages[i]);
    results.push({ command, micros: ((performance.now() - started) * 1000) / count });
  }
  services.cursors.close();
  services.sessions.close();
  return results;
}
