import { pino, type Logger } from 'pino';
import { openStore } from './store-server.ts';

export { startStoreThread } from './store-thread.ts';

/** A running embedded store. */
export interface EmbeddedStore {
  /** `mongodb://127.0.0.1:<port>`, without a database name. */
  uri: string;
  port: number;
  /** Stops accepting connections, then writes and fsyncs the journal. */
  close(): Promise<void>;
}

const COMPACTION_THRESHOLD_BYTES = 64 * 1024 * 1024;
const CHECKPOINT_MIN_BYTES = 4 * 1024 * 1024;

/** Starts the MongoDB-wire-compatible store on `dataDir` (rebuilding its data from disk) and listens on `host:port`. */
export async function startEmbeddedStore(opts: { dataDir: string; host?: string; port?: number; durable?: boolean; logger?: Logger }): Promise<EmbeddedStore> {
  const host = opts.host ?? '127.0.0.1';
  const store = await openStore({
    dataDir: opts.dataDir,
    host,
    port: opts.port ?? 0,
    durable: opts.durable ?? true,
    logger: opts.logger ?? pino({ level: 'silent' }),
    compactionThresholdBytes: COMPACTION_THRESHOLD_BYTES,
    checkpointMinBytes: CHECKPOINT_MIN_BYTES,
  });
  const uriHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { uri: `mongodb://${uriHost}:${store.port}`, port: store.port, close: store.close };
}
