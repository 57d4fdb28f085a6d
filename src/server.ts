import type { Server } from 'node:http';
import type { Connection } from 'mongoose';
import { buildComponents, createApp, type Components } from './app.ts';
import { loadConfig, type Config } from './platform/config.ts';
import { connectDatabase, type Database } from './platform/db.ts';
import { StartupError } from './platform/errors.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { SchemaRegistry } from './platform/validation.ts';
import { ensureFirstConsultant, FIRST_CONSULTANT_ID, SIGN_IN_LINK_TTL_MINUTES, type IssuedSignInLink } from './access/index.ts';
import { loadQuestionBanks } from './intake/index.ts';
import { loadModuleCatalogue } from './library/index.ts';
import { createMail, createMailTransport, OutboxWorker, ReminderTimer, type Mail } from './mail/index.ts';
import { reminderSource } from './notifications/index.ts';

const SHUTDOWN_GRACE_MS = 10_000;

/** Start-up: config, database, catalogues, listen; shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const logger = createLogger(config.log.level);
  let database: Database | undefined;
  let server: Server | undefined;
  const background: Array<{ stop(): Promise<void> }> = [];

  const stop = async (exitCode: number) => {
    logger.info({ exitCode }, 'shutting down');
    const force = setTimeout(() => process.exit(exitCode || 1), SHUTDOWN_GRACE_MS);
    force.unref();
    if (server) await closeServer(server);
    // Mail in flight finishes (or its lease lapses for the next start) before the database closes.
    await Promise.all(background.map((job) => job.stop()));
    await database?.close();
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection');
    void stop(1);
  });
  process.on('uncaughtException', (error) => {
    logger.error({ err: error }, 'uncaught exception');
    void stop(1);
  });

  try {
    const schemas = new SchemaRegistry(config.paths.schemas);
    // Before the database: a bad question bank stops the start naming the file and JSON pointer.
    const questionBanks = loadQuestionBanks(config.paths.questionBanks, schemas);
    // Likewise a bad training module; the matcher's index is built here, once, and never per request.
    const modules = loadModuleCatalogue(config.paths.modules, schemas, { minScore: config.matching.minScore });
    logger.info({ moduleCount: modules.modules.length }, 'training-module library indexed');
    database = await connectDatabase(config.mongo, logger);
    const firstConsultantToken = await ensureFirstConsultant(database.connection, config.access.adminToken);
    const { connection } = database;
    const mail = createMail({ connection, config: config.mail, publicUrl: config.http.publicUrl, logger });
    await mail.ensureReady();
    const deps = { config, logger, connection, schemas, questionBanks, modules, mail };
    const components = buildComponents(deps);
    const app = createApp(deps, components);
    background.push(...startMailJobs(deps, components));
    server = app.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve);
      server!.once('error', reject);
    });
    logger.info({ url: config.http.publicUrl }, 'tailor listening');
    // A one-time link on every start with the embedded store (a laptop: whoever sees the terminal runs
    // Tailor), and on the first start against a real MongoDB, when the administrator has just been created.
    const signInLink = !config.mongo.uri || firstConsultantToken ? await components.access.issueSignInLink(FIRST_CONSULTANT_ID) : undefined;
    printWelcome(config.http.publicUrl, signInLink, firstConsultantToken);
  } catch (error) {
    if (error instanceof StartupError) logger.error(error.message);
    else logger.error({ err: error }, 'start-up failed');
    await stop(1);
  }
}

/**
 * Printed plainly to stdout, not through the JSON log: a person reads it once, and log lines must never
 * hold credentials. The link expires in minutes and works once, so the scrollback is worthless soon after.
 */
function printWelcome(publicUrl: string, link: IssuedSignInLink | undefined, apiToken: string | undefined): void {
  const lines = ['', `Tailor is running at ${publicUrl}`];
  if (link) {
    lines.push('', `Sign in as the administrator (works once, for ${SIGN_IN_LINK_TTL_MINUTES} minutes):`, `  ${publicUrl}${link.path}`);
  }
  if (apiToken) {
    lines.push('', `Administrator API token: ${apiToken} (shown once; keep it safe)`,
      `  curl -H "Authorization: Bearer <token>" ${publicUrl}/api/v1/engagements`, `  or paste it at ${publicUrl}/sign-in`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** The outbox worker (sends queued mail) and the hourly reminder pass; returned in the order to stop them. */
function startMailJobs(deps: { config: Config; connection: Connection; logger: Logger; mail: Mail }, components: Components) {
  const worker = new OutboxWorker({ connection: deps.connection, transport: createMailTransport(deps.config.mail, deps.logger), logger: deps.logger });
  const reminders = new ReminderTimer(() => deps.mail.runReminderPass(reminderSource(() => components)), deps.logger);
  worker.start();
  reminders.start();
  return [reminders, worker];
}

/** Stops accepting connections and waits for in-flight requests to finish. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

void main();
