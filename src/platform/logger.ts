import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured JSON logger to stdout; components take a child with `component` set. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A logger that writes nothing, for tests and pure tools. */
export const silentLogger: Logger = pino({ level: 'silent' });
