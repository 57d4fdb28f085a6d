import mongoose, { type Connection } from 'mongoose';
import { startStoreThread, type EmbeddedStore } from '../store/index.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

// Filters built from request values can never smuggle in `$gt` and friends:
// mongoose wraps any `$`-key in a filter object with `$eq`.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export interface Database {
  connection: Connection;
  /** Closes the connection, then the embedded store (its journal flushed) when there is one. */
  close(): Promise<void>;
}

/** A database being opened: the embedded store (if any) starting, the connection not yet made. */
export interface OpeningDatabase {
  /** Connects mongoose to MONGODB_URI or to the embedded store, once it has started. */
  connect(): Promise<Database>;
  /** Closes the embedded store without connecting (the start failed meanwhile). */
  abandon(): Promise<void>;
}

/**
 * Starts the embedded store, on a free loopback port and a thread of its own, when no MONGODB_URI is
 * given, at once: it starts while the service loads its catalogues. The mongoose connection is made
 * only by `connect()`, once this thread is free to answer the server: its 5 s server selection
 * would otherwise run out while the catalogues load. Both go through the driver over TCP, so the code
 * path is the same.
 */
export function openDatabase(config: Config['mongo'], logger: Logger): OpeningDatabase {
  const starting = config.uri ? Promise.resolve(undefined) : startStoreThread({ dataDir: config.dataDir, host: '127.0.0.1', port: 0, durable: true, logLevel: logger.level });
  starting.catch(() => undefined); // its failure surfaces in connect() or is moot after abandon()
  return {
    connect: async () => connectTo(config, await starting, logger),
    abandon: async () => {
      await (await starting.catch(() => undefined))?.close();
    },
  };
}

async function connectTo(config: Config['mongo'], embedded: EmbeddedStore | undefined, logger: Logger): Promise<Database> {
  if (embedded) logger.info({ dataDir: config.dataDir, port: embedded.port }, 'embedded store started');
  const uri = embedded ? `${embedded.uri}/tailor` : config.uri!;
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await connection.asPromise();
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  logger.info({ embedded: Boolean(embedded) }, 'database connected');
  return {
    connection,
    async close() {
      await connection.close();
      await embedded?.close();
    },
  };
}
