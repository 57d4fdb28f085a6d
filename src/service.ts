import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { buildComponents, createApp, type Components } from './app.ts';
import type { Config } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import type { Logger } from './platform/logger.ts';
import { SchemaRegistry } from './platform/validation.ts';
import { ensureFirstConsultant, FIRST_CONSULTANT_ID, type IssuedSignInLink } from './access/index.ts';
import { loadQuestionBanks } from './intake/index.ts';
import { loadModuleCatalogue } from './library/index.ts';
import { createMail, createMailTransport, OutboxWorker, ReminderTimer, type Mail } from './mail/index.ts';
import { reminderSource } from './notifications/index.ts';

/** The service once loaded: its request handler, what to tell the person who started it, and how to stop it. */
export interface RunningService {
  app: Express;
  signInLink: IssuedSignInLink | undefined;
  /** The first consultant's API token, when this start created them (shown once). */
  firstConsultantToken: string | undefined;
  /** Stops the mail jobs, then closes the database (and flushes the embedded store's journal). */
  stop(): Promise<void>;
}

/**
 * Loads and checks the catalogues, connects the database, builds the app and starts the mail jobs.
 * server.ts imports this module only after it listens, so liveness never waits for the loading.
 */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const schemas = new SchemaRegistry(config.paths.schemas);
  // The embedded store starts on its own thread while this one loads the catalogues.
  const opening = openDatabase(config.mongo, logger);
  let questionBanks, modules;
  try {
    // A bad question bank stops the start naming the file and JSON pointer.
    questionBanks = loadQuestionBanks(config.paths.questionBanks, schemas);
    // Likewise a bad training module; the matcher's index is built here, once, and never per request.
    modules = loadModuleCatalogue(config.paths.modules, schemas, { minScore: config.matching.minScore });
  } catch (error) {
    await opening.abandon();
    throw error;
  }
  logger.info({ moduleCount: modules.modules.length }, 'training-module library indexed');
  const database = await opening.connect();
  try {
    const { connection } = database;
    const firstConsultantToken = await ensureFirstConsultant(connection, config.access.adminToken);
    const mail = createMail({ connection, config: config.mail, publicUrl: config.http.publicUrl, logger });
    await mail.ensureReady();
    const deps = { config, logger, connection, schemas, questionBanks, modules, mail };
    const components = buildComponents(deps);
    const app = createApp(deps, components);
    const jobs = startMailJobs(deps, components);
    // A one-time link on every start with the embedded store (a laptop: whoever sees the terminal runs
    // Tailor), and on the first start against a real MongoDB, when the administrator has just been created.
    const signInLink = !config.mongo.uri || firstConsultantToken ? await components.access.issueSignInLink(FIRST_CONSULTANT_ID) : undefined;
    return {
      app,
      signInLink,
      firstConsultantToken,
      async stop() {
        // Mail in flight finishes (or its lease lapses for the next start) before the database closes,
        // and what was matched as tasks came in is kept for the first computation after the restart.
        try {
          const [, stored] = await Promise.all([Promise.all(jobs.map((job) => job.stop())), components.shortlist.storeHeldMatches()]);
          if (stored.resultCount > 0) logger.info(stored, 'match results held in memory stored');
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The outbox worker (sends queued mail) and the hourly reminder pass. */
function startMailJobs(deps: { config: Config; connection: Connection; logger: Logger; mail: Mail }, components: Components) {
  const worker = new OutboxWorker({ connection: deps.connection, transport: createMailTransport(deps.config.mail, deps.logger), logger: deps.logger });
  const reminders = new ReminderTimer(() => deps.mail.runReminderPass(reminderSource(() => components)), deps.logger);
  worker.start();
  reminders.start();
  return [reminders, worker];
}
