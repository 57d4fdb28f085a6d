import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startEmbeddedStore } from './index.ts';

const USAGE = 'Usage: tailor db [--port 27017] [--host 127.0.0.1] [--data ./data] [--no-durable]';

/**
 * `tailor db`: runs the store on its own, so several Tailor instances can share it the way
 * they would share a mongod. Runs until SIGINT/SIGTERM, then closes cleanly (journal flushed).
 */
export async function runDbCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '27017' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: './data' },
        'no-durable': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number between 0 and 65535 (got "${values.port}").\n`);
    return 2;
  }
  const logger = pino({ level: 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime }).child({ component: 'store' });
  const dataDir = path.resolve(values.data);
  let store;
  try {
    store = await startEmbeddedStore({ dataDir, host: values.host, port, durable: !values['no-durable'], logger });
  } catch (error) {
    logger.error({ err: error, dataDir }, 'store failed to start');
    return 1;
  }
  logger.info({ uri: store.uri, dataDir }, 'tailor db listening');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal }, 'stopping');
  await store.close();
  return 0;
}
