import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { startEmbeddedStore } from './index.ts';
import type { StoreThreadOptions, StoreThreadReply } from './store-thread.ts';
import type { CodeName } from './errors.ts';

/** The store thread: starts the store, says so, and closes it (journal flushed) when asked. */
const options = workerData as StoreThreadOptions;
const port = parentPort!;
const reply = (message: StoreThreadReply) => port.postMessage(message);
// Written synchronously: pino's asynchronous writer is not flushed when a thread ends, and the last lines are the ones that matter.
const logger = pino({ level: options.logLevel, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true })).child({ component: 'store' });

try {
  const store = await startEmbeddedStore({ ...options, logger });
  port.once('message', () => {
    // A close that fails is an unhandled rejection: the thread ends with that error instead of a reply.
    void store.close().then(() => reply({ kind: 'closed' }));
  });
  reply({ kind: 'ready', uri: store.uri, port: store.port });
} catch (error) {
  const { message, stack, codeName, code } = error as Error & { codeName?: CodeName; code?: string };
  reply({ kind: 'failed', message, stack, codeName, code });
}
