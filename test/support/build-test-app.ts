import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { buildComponents, createApp, type AppDeps, type Components } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { SchemaRegistry } from '../../src/platform/validation.ts';

/** The administrator token every test app accepts (TAILOR_ADMIN_TOKEN). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-for-tailor-0123456789';

/** A clock tests can move: token expiry and other time rules read it through `deps.now`. */
export interface TestClock {
  now: () => Date;
  advanceDays(days: number): void;
}

export function createTestClock(start = new Date('2026-03-02T09:00:00Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advanceDays: (days) => {
      current += days * 24 * 60 * 60 * 1000;
    },
  };
}

const schemasByDir = new Map<string, SchemaRegistry>();

/**
 * Match results held as tasks come in are written when a test asks (`writeHeldMatches`, the stop), not
 * a second later: a write landing mid-test would make the match-cache parts a test counts depend on
 * timing. The timer itself is tested with its own delay.
 */
const WRITTEN_WHEN_ASKED = 24 * 60 * 60 * 1000;

export interface TestApp {
  app: Express;
  clock: TestClock;
  config: Config;
  adminToken: string;
  /** The components behind `app`, for tests that drive a use case directly (the reminder pass). */
  components: Components;
}

/**
 * The app over a test database, as `createApp` is built in production but with a test clock,
 * a silent logger and TAILOR_ADMIN_TOKEN set. `env` adds environment values, `overrides` any AppDeps.
 */
export function buildTestApp(connection: Connection, options: { env?: Record<string, string>; overrides?: Partial<AppDeps> } = {}): TestApp {
  const clock = createTestClock();
  const config = loadConfig({ TAILOR_ADMIN_TOKEN: TEST_ADMIN_TOKEN, PUBLIC_URL: 'http://tailor.test', ...options.env });
  const schemas = schemasByDir.get(config.paths.schemas) ?? new SchemaRegistry(config.paths.schemas);
  schemasByDir.set(config.paths.schemas, schemas);
  const deps: AppDeps = { config, logger: silentLogger, connection, schemas, now: clock.now, heldMatchWriteDelayMs: WRITTEN_WHEN_ASKED, ...options.overrides };
  const components = buildComponents(deps);
  const app = createApp(deps, components);
  return { app, clock, config, adminToken: TEST_ADMIN_TOKEN, components };
}
