import { Types } from 'mongoose';
import { pino } from 'pino';
import type { AppDeps } from '../../src/app.ts';
import { buildTestApp } from './build-test-app.ts';
import { computeShortlist } from './shortlist-builders.ts';

/** The test app with its log lines kept, to read what a use case says it did (what a computation matched, say). */
export function appWithLog(connection: Parameters<typeof buildTestApp>[0], overrides: Partial<AppDeps> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const t = buildTestApp(connection, { overrides: { logger, ...overrides } });
  const logged = (msg: string) => lines.filter((line) => line.msg === msg);
  return { ...t, lines: () => lines, logged, lastComputation: () => logged('shortlist computed').at(-1)! };
}

export type AppWithLog = ReturnType<typeof appWithLog>;

/** A computation by a freshly built app with the engagement's match cache deleted: every task matched now, the reference to compare with. */
export async function computeMatchingEverything(connection: Parameters<typeof buildTestApp>[0], engagementId: string) {
  await connection.collection('shortlist_match_cache').deleteMany({ engagementId: new Types.ObjectId(engagementId) });
  const fresh = appWithLog(connection);
  const body = await computeShortlist(fresh.app, fresh.adminToken, engagementId);
  return { body, computation: fresh.lastComputation() };
}
