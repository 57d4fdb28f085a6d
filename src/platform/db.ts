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
  /** The embedded store (on its own thread) when no MONGODB_URI was given. */
  embedded: EmbeddedStore | undefined;
  close(): Promise<void>;
}

/**
 * Connects mongoose to MONGODB_URI or, without it, to the embedded store started on a free
 * loopback port, on a thread of its own. Both go through the driver over TCP, so the code path is the same.
 */
export async function connectDatabase(config: Config['mongo'], logger: Logger): Promise<Database> {
  let embedded: EmbeddedStore | undefined;
  let uri = config.uri;
  if (!uri) {
    embedded = await startStoreThread({ dataDir: config.dataDir, host: '127.0.0.1', port: 0, durable: true, logLevel: logger.level });
    uri = `${embedded.uri}/tailor`;
    logger.info({ dataDir: config.dataDir, port: embedded.port }, 'embedded store started');
  }
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
    embedded,
    async close() {
      await connection.close();
      await embedded?.close();
    },
  };
}
