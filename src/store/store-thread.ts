import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreError, type CodeName } from './errors.ts';
import type { EmbeddedStore } from './index.ts';
import { claimDataDirectory } from './journal/open-in-this-thread.ts';

/** What the thread starts the store with: `startEmbeddedStore`'s options, the logger reduced to its level. */
export interface StoreThreadOptions {
  dataDir: string;
  host: string;
  port: number;
  durable: boolean;
  logLevel: string;
}

/** What the thread answers: once when started (or not), once when closed. */
export type StoreThreadReply =
  | { kind: 'ready'; uri: string; port: number }
  | { kind: 'failed'; message: string; codeName?: CodeName; code?: string; stack?: string }
  | { kind: 'closed' };

const ENTRY = new URL('./store-thread-entry.mjs', import.meta.url);

/**
 * Starts the embedded store on a worker thread of its own, as the service runs it. The service then
 * shares the machine's cores with its database as it would with a mongod: the store's querying,
 * encoding and journalling no longer take turns with request handling on one event loop, and its
 * documents live on their own heap, out of the way of the service's garbage collector. A first
 * shortlist of 40,000 tasks went from 2.1 to 1.7 s (BENCHMARKS.md, "Shortlist").
 *
 * A failure after the start is deliberately left without a listener: it reaches the process's
 * `uncaughtException` handler, which stops the service, as a store failure did on the main thread.
 */
export async function startStoreThread(options: StoreThreadOptions): Promise<EmbeddedStore> {
  // Claimed here as well as in the thread: the thread's claim is its own, and would not see this thread's store.
  const release = claimDataDirectory(options.dataDir);
  let worker: Worker;
  let started: StoreThreadReply;
  try {
    const dataDir = fs.realpathSync(path.resolve(options.dataDir));
    worker = new Worker(ENTRY, { workerData: { ...options, dataDir } satisfies StoreThreadOptions });
    // However the thread ends (closed, crashed), the directory is free again here.
    worker.once('exit', release);
    started = await nextReply(worker);
  } catch (error) {
    release();
    throw error;
  }
  if (started.kind !== 'ready') {
    release();
    await worker.terminate();
    throw started.kind === 'failed' ? failure(started) : new Error('The store thread closed before it started');
  }
  // A thread that already ended (it failed) has nothing to flush and would never answer.
  let hasExited = false;
  worker.once('exit', () => (hasExited = true));
  let closing: Promise<void> | undefined;
  const close = async () => {
    try {
      if (hasExited) return;
      worker.postMessage({ kind: 'close' });
      await nextReply(worker);
    } finally {
      await worker.terminate();
      release();
    }
  };
  return { uri: started.uri, port: started.port, close: () => (closing ??= close()) };
}

/** The thread's failed start as an error here: the store's own error, or the system's (with its `code`, such as EACCES); the thread's stack kept. */
function failure(reply: Extract<StoreThreadReply, { kind: 'failed' }>): Error {
  const error = reply.codeName ? new StoreError(reply.codeName, reply.message) : Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {});
  if (reply.stack) error.stack = reply.stack;
  return error;
}

/** The thread's next answer; rejected when it fails or exits first. */
function nextReply(worker: Worker): Promise<StoreThreadReply> {
  return new Promise((resolve, reject) => {
    const settle = (done: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      done();
    };
    const onMessage = (reply: StoreThreadReply) => settle(() => resolve(reply));
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) => settle(() => reject(new Error(`The store thread exited (code ${code}) without answering`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
