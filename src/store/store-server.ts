import fs from 'node:fs';
import net from 'node:net';
import type { Logger } from 'pino';
import { CommandDispatcher } from './commands/dispatch.ts';
import { CursorRegistry } from './cursors/cursor-registry.ts';
import { StorageEngine } from './engine/storage-engine.ts';
import { preloadQueryEngine } from './engine/query-engine.ts';
import { startTtlMonitor } from './engine/ttl-monitor.ts';
import { Compactor } from './journal/compactor.ts';
import { DataDirectory } from './journal/data-directory.ts';
import { JournalWriter, openJournalFile } from './journal/journal-writer.ts';
import { recoverStore } from './journal/recovery.ts';
import { SessionRegistry } from './transactions/session-registry.ts';
import { WireConnection } from './wire/wire-connection.ts';

export interface StoreOptions {
  dataDir: string;
  host: string;
  port: number;
  durable: boolean;
  logger: Logger;
  /** The journal is compacted once it is larger than this and twice the last snapshot. */
  compactionThresholdBytes: number;
  /** A clean shutdown writes a snapshot when the journal holds at least this much since the last one. */
  checkpointMinBytes: number;
}

export interface RunningStore {
  readonly port: number;
  readonly engine: StorageEngine;
  /** Milliseconds spent rebuilding the data from disk at start. */
  readonly recoveryMs: number;
  close(): Promise<void>;
}

/** Opens the data directory, rebuilds the data, and listens for MongoDB clients. */
export async function openStore(options: StoreOptions): Promise<RunningStore> {
  const { logger } = options;
  const dir = new DataDirectory(options.dataDir);
  const unlock = dir.lock();
  const engine = new StorageEngine();
  const started = Date.now();
  let recovered;
  let journalFd: number;
  try {
    recovered = recoverStore(dir, engine, logger);
    journalFd = openJournalFile(dir.journalPath(recovered.generation), options.durable);
  } catch (error) {
    unlock();
    throw error;
  }
  const recoveryMs = Date.now() - started;
  const writer = new JournalWriter(journalFd, recovered.journalBytes, options.durable);
  engine.attachLog(writer);
  const compactor = new Compactor(dir, engine, writer, recovered.generation, journalFd, recovered.snapshotBytes, { thresholdBytes: options.compactionThresholdBytes, isDurable: options.durable }, logger);
  writer.onFlushed = () => compactor.maybeCompact();
  compactor.maybeCompact();
  const stopTtl = startTtlMonitor(engine, logger);

  const services = { engine, cursors: new CursorRegistry(), sessions: new SessionRegistry(engine), logger, startedAt: new Date() };
  const dispatcher = new CommandDispatcher(services, writer);
  const connections = new Set<WireConnection>();
  let nextConnectionId = 1;
  const server = net.createServer((socket) => {
    const connection = new WireConnection(socket, nextConnectionId++, (command, id) => dispatcher.run(command, id), logger);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  }).catch((error: unknown) => {
    stopTtl();
    services.cursors.close();
    services.sessions.close();
    fs.closeSync(journalFd);
    unlock();
    throw error;
  });
  const port = (server.address() as net.AddressInfo).port;
  const cancelPreload = preloadQueryEngine();
  logger.info({ port, collections: engine.allCollections().length, documents: countDocuments(engine), recoveryMs, ...recovered.timings }, 'store ready');

  let closing: Promise<void> | undefined;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of connections) connection.close();
    await closed;
    cancelPreload();
    stopTtl();
    services.cursors.close();
    services.sessions.close();
    await compactor.checkpoint(options.checkpointMinBytes);
    await writer.flushAll();
    fs.closeSync(compactor.currentFd);
    unlock();
    logger.info({ port }, 'store closed, journal flushed');
  };
  return {
    port,
    engine,
    recoveryMs,
    close: () => (closing ??= close()),
  };
}

function countDocuments(engine: StorageEngine): number {
  let count = 0;
  for (const collection of engine.allCollections()) count += collection.docs.size;
  return count;
}
