import { StoreError } from '../errors.ts';
import type { Doc } from '../values/documents.ts';
import type { CommandHandler } from './command-context.ts';

/** The mongod release whose behaviour this store follows (wire version 21 = MongoDB 7.0). */
export const SERVER_VERSION = '7.0.0';
const MAX_WIRE_VERSION = 21;

/**
 * The answer to `hello`/`isMaster`. `logicalSessionTimeoutMinutes` is what lets the driver use
 * sessions and transactions; `topologyVersion` is left out on purpose, or the driver switches
 * to streaming `hello` with exhaust replies.
 */
const hello: CommandHandler = (context) => {
  const reply: Doc = {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
  if (Array.isArray(context.body.saslSupportedMechs) || typeof context.body.saslSupportedMechs === 'string') reply.saslSupportedMechs = [];
  return reply;
};

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'tailor-embedded-store',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['tailor-journal'],
  modules: [],
  ok: 1,
});

/** mongod's `mem` section (MB), plus the V8 heap figures that explain it. */
function memoryStatus(): Doc {
  const usage = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return { bits: 64, resident: mb(usage.rss), virtual: 0, supported: true, heapUsed: mb(usage.heapUsed), heapTotal: mb(usage.heapTotal), external: mb(usage.external) };
}

const authenticationRefused: CommandHandler = () => {
  throw new StoreError('AuthenticationFailed', 'The embedded store has no users: connect without credentials');
};

export const handshakeCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  whatsmyuri: () => ({ you: '127.0.0.1:0', ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getCmdLineOpts: () => ({ argv: ['tailor', 'db'], parsed: {}, ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(), hostname: 'localhost' }, os: { type: process.platform }, extra: {}, ok: 1 }),
  getParameter: (context) => (context.body.featureCompatibilityVersion ? { featureCompatibilityVersion: { version: '7.0' }, ok: 1 } : { ok: 1 }),
  serverStatus: (context) => ({
    host: 'localhost',
    version: SERVER_VERSION,
    process: 'tailor-db',
    pid: process.pid,
    uptime: Math.floor((Date.now() - context.services.startedAt.getTime()) / 1000),
    localTime: new Date(),
    mem: memoryStatus(),
    ok: 1,
  }),
  saslStart: authenticationRefused,
  authenticate: authenticationRefused,
};
