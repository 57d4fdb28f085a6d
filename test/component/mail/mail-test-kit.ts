import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { loadConfig, type Config } from '../../../src/platform/config.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { createMail, createSmtpTransport, OutboxWorker, type Mail, type RetryPolicy } from '../../../src/mail/index.ts';
import { SmtpTestServer } from '../../support/smtp-test-server.ts';

export const PUBLIC_URL = 'https://tailor.test';

/** A clock the test moves by hand: backoff and leases are checked without sleeping. */
export class TestClock {
  private current: Date;

  constructor(start = '2025-10-01T08:00:00Z') {
    this.current = new Date(start);
  }

  readonly now = (): Date => new Date(this.current);

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** config.mail as loaded from an environment, with a data directory of the test's own. */
export function mailConfig(env: Record<string, string> = {}): { config: Config['mail']; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-mail-'));
  const config = loadConfig({ PUBLIC_URL: PUBLIC_URL, MAIL_FROM: 'Tailor <tailor@tailor.test>', TAILOR_DATA_DIR: dataDir, ...env });
  return { config: config.mail, dataDir };
}

/** The mail component on a test database, with the test's clock. */
export async function createTestMail(connection: Connection, clock: TestClock, env: Record<string, string> = {}): Promise<Mail> {
  const mail = createMail({ connection, config: mailConfig(env).config, publicUrl: PUBLIC_URL, logger: silentLogger, now: clock.now });
  await mail.ensureReady();
  return mail;
}

/** Short retries so a test can walk a mail through all its attempts. */
export const TEST_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000, leaseMs: 30_000 };

/** A worker sending to the given SMTP port, on the test's clock. */
export function smtpWorker(connection: Connection, port: number, clock: TestClock, owner: string, pollIntervalMs?: number): OutboxWorker {
  const transport = createSmtpTransport(SmtpTestServer.url(port), 'Tailor <tailor@tailor.test>');
  return new OutboxWorker({ connection, transport, logger: silentLogger, now: clock.now, policy: TEST_POLICY, owner, pollIntervalMs });
}
