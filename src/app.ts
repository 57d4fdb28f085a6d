import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Connection } from 'mongoose';
import type { Config } from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import type { SchemaRegistry } from './platform/validation.ts';
import { healthRoutes } from './web/health-routes.ts';
import { errorHandler, notFoundHandler } from './web/problem-details.ts';
import { methodNotAllowed } from './web/method-not-allowed.ts';
import { createWebShell } from './web/index.ts';
import { buildOpenApiDocument, openApiRoutes, shellApiOperations, type ApiOperation } from './web/openapi.ts';
import { accessApiOperations, accessViewsDir, bearerSecret, createAccess, sessionIdOf, SIGN_IN_LINK_PATH, type AccessComponent, type FailedTokenLimits } from './access/index.ts';
import { CONSULTANT_HOME_PATH, createEngagements, engagementApiOperations, type EngagementHooks, type EngagementsComponent } from './engagements/index.ts';
import {
  createIntake, createIntakeRecords, intakeApiOperations, intakeViewsDir, loadQuestionBanks,
  type IntakeComponent, type IntakeHooks, type QuestionBankCatalogue,
} from './intake/index.ts';
import { libraryApiOperations, libraryRoutes, loadModuleCatalogue, type ModuleCatalogue } from './library/index.ts';
import { createShortlist, shortlistApiOperations, type ShortlistComponent } from './shortlist/index.ts';
import { createMail, mailApiOperations, outboxRoutes, type Mail } from './mail/index.ts';
import { mailTriggers } from './notifications/index.ts';
import { createCurriculum, curriculumApiOperations, curriculumViewsDir, type CurriculumComponent, type CurriculumHooks } from './curriculum/index.ts';
import { createDemo, type DemoComponent } from './demo/index.ts';
import { consultantPageRouters, consultantViewsDir } from './consultant/index.ts';

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  connection: Connection;
  schemas: SchemaRegistry;
  /** The clock, so tests can move time (token expiry, reminders, schedules). */
  now?: () => Date;
  /** The question banks, loaded and checked at start-up; loaded from `config.paths.questionBanks` when absent. */
  questionBanks?: QuestionBankCatalogue;
  /** The training-module library and its matcher index, built once at start-up; loaded from `config.paths.modules` when absent. */
  modules?: ModuleCatalogue;
  /** The mail component (server.ts shares it with the outbox worker); built here when absent. */
  mail?: Mail;
  /** Extra hooks run inside the transactions that cause them, after the ones that queue mail. */
  hooks?: Partial<AllHooks>;
  /** How many failed token checks a client may make (tests lower it). */
  failedTokenLimits?: FailedTokenLimits;
  /** How long after a task is matched as it comes in its result is written (tests that count stored parts write it themselves). */
  heldMatchWriteDelayMs?: number;
}

/** The business components, built once per app; the web pages call their use cases. */
export interface Components {
  access: AccessComponent;
  engagements: EngagementsComponent;
  intake: IntakeComponent;
  library: ModuleCatalogue;
  shortlist: ShortlistComponent;
  curriculum: CurriculumComponent;
  mail: Mail;
  /** The demo engagement: created and removed through the other components' use cases. */
  demo: DemoComponent;
}

type AllHooks = EngagementHooks & IntakeHooks & CurriculumHooks;

/**
 * Builds access, engagements and intake. Dependencies run one way (intake → engagements → access);
 * engagements reads intake records through the port intake implements, handed in here.
 */
export function buildComponents(deps: AppDeps): Components {
  const now = deps.now ?? (() => new Date());
  const banks = deps.questionBanks ?? questionBanksFor(deps);
  const mail = deps.mail ?? createMail({ connection: deps.connection, config: deps.config.mail, publicUrl: deps.config.http.publicUrl, logger: deps.logger, now });
  let built: Components | undefined;
  const triggers = mailTriggers({
    mail,
    logger: deps.logger,
    components: () => {
      if (!built) throw new Error('a hook ran before the components were built');
      return built;
    },
  });
  const hooks = chainHooks(triggers, deps.hooks ?? {});
  const access = createAccess({ connection: deps.connection, config: deps.config.access, schemas: deps.schemas, now, failedTokenLimits: deps.failedTokenLimits });
  const library = deps.modules ?? moduleCatalogueFor(deps);
  const engagements = createEngagements({
    connection: deps.connection, config: deps.config, schemas: deps.schemas, logger: deps.logger, now, access,
    intakeRecords: createIntakeRecords(deps.connection, now), isTrainingModule: (moduleId) => library.has(moduleId), hooks,
    onMatchingChanged: (engagement) => void shortlist.rematchTasks(engagement),
  });
  const shortlist = createShortlist({
    connection: deps.connection, schemas: deps.schemas, logger: deps.logger, now, access, engagements, catalogue: library, heldMatchWriteDelayMs: deps.heldMatchWriteDelayMs,
  });
  const intake = createIntake({
    connection: deps.connection, schemas: deps.schemas, logger: deps.logger, now, banks, access, engagements, hooks,
    onTasksWritten: (written) => shortlist.matchIncomingTasks(written),
  });
  const curriculum = createCurriculum({
    connection: deps.connection, schemas: deps.schemas, logger: deps.logger, now, config: deps.config.curriculum,
    access, engagements, shortlist, catalogue: library, questionBanks: banks, hooks,
  });
  const demo = createDemo({
    connection: deps.connection, schemas: deps.schemas, logger: deps.logger, now, engagements, intake, shortlist, curriculum, access, mail,
  });
  built = { access, engagements, intake, library, shortlist, curriculum, mail, demo };
  return built;
}

/** Runs each of `first`'s hooks, then the same hook of `then` when it has one, in the same transaction. */
function chainHooks(first: AllHooks, then: Partial<AllHooks>): AllHooks {
  const chained = { ...first };
  for (const name of Object.keys(then) as Array<keyof AllHooks>) {
    const [a, b] = [first[name] as (...args: unknown[]) => Promise<void>, then[name] as (...args: unknown[]) => Promise<void>];
    (chained as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      await a(...args);
      await b(...args);
    };
  }
  return chained;
}

const loadedCatalogues = new WeakMap<SchemaRegistry, Map<string, ModuleCatalogue>>();

/** One catalogue per folder and threshold per process: building the index (and reading WordNet) is the slow part. */
function moduleCatalogueFor(deps: AppDeps): ModuleCatalogue {
  const byKey = loadedCatalogues.get(deps.schemas) ?? new Map<string, ModuleCatalogue>();
  loadedCatalogues.set(deps.schemas, byKey);
  const { minScore } = deps.config.matching;
  const key = `${deps.config.paths.modules}\0${minScore ?? ''}`;
  const catalogue = byKey.get(key) ?? loadModuleCatalogue(deps.config.paths.modules, deps.schemas, { minScore });
  byKey.set(key, catalogue);
  return catalogue;
}

const loadedBanks = new WeakMap<SchemaRegistry, Map<string, QuestionBankCatalogue>>();

function questionBanksFor(deps: AppDeps): QuestionBankCatalogue {
  const byDir = loadedBanks.get(deps.schemas) ?? new Map<string, QuestionBankCatalogue>();
  loadedBanks.set(deps.schemas, byDir);
  const dir = deps.config.paths.questionBanks;
  const banks = byDir.get(dir) ?? loadQuestionBanks(dir, deps.schemas);
  byDir.set(dir, banks);
  return banks;
}

/** A request path as logged: without its query, and with the secret of a personal or sign-in link masked. */
export function maskTokenInPath(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(/^\/i\/[^/]+/, '/i/[token]').replace(new RegExp(`^${SIGN_IN_LINK_PATH}/[^/]+`), `${SIGN_IN_LINK_PATH}/[token]`);
}

/** Wires component routers and web middleware into an Express app; never listens. */
export function createApp(deps: AppDeps, components: Components = buildComponents(deps)): Express {
  const app = express();
  app.set('trust proxy', deps.config.http.trustProxy);
  app.disable('x-powered-by');
  // Every template compiles here, at start-up; the site secret is read (or created) once.
  const web = createWebShell({
    config: deps.config,
    viewDirs: { access: accessViewsDir, intake: intakeViewsDir, curriculum: curriculumViewsDir, consultant: consultantViewsDir },
    sessionIdOf,
    bearerSecretOf: bearerSecret,
  });
  app.use(web.securityHeaders);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Never log headers: they carry tokens and session cookies.
      // Personal and one-time sign-in links carry their token in the path: log `/i/[token]`, never the token.
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: maskTokenInPath(req.url) }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.use(express.json({ limit: deps.config.http.bodyLimit }));
  app.use(web.parsers);
  app.use(web.staticFiles);
  app.use(web.csrfProtection);

  app.use(healthRoutes(deps.connection));
  app.use(components.access.routes());
  for (const router of components.engagements.routers()) app.use(router);
  for (const router of components.intake.routers()) app.use(router);
  app.use(libraryRoutes(components.library, { schemas: deps.schemas, auth: components.access.auth }));
  for (const router of components.shortlist.routers()) app.use(router);
  for (const router of components.curriculum.routers()) app.use(router);
  app.use(outboxRoutes(components.mail.listOutbox, [components.access.auth.requireConsultant, components.engagements.requireOwnEngagement]));
  const apiOperations: ApiOperation[] = [
    ...shellApiOperations, ...accessApiOperations, ...engagementApiOperations, ...intakeApiOperations,
    ...libraryApiOperations, ...shortlistApiOperations, ...curriculumApiOperations, ...mailApiOperations,
  ];
  app.use(openApiRoutes(buildOpenApiDocument(deps.schemas.all(), apiOperations, {
    title: 'Tailor API',
    version: '1',
    description: 'Needs-assessment intake, matching and curricula. Every error is application/problem+json with a stable `code`.',
  })));

  // The pages: sign-in and personal links, a person's intake and team review, the consultant home.
  app.use(components.access.pageRoutes({
    pages: web.pages,
    // Once a published programme plans a participant, their link (the brief mail's) lands on their brief.
    landingFor: async (actor) => (actor.kind === 'consultant'
      ? CONSULTANT_HOME_PATH
      : (await components.curriculum.briefLandingFor(actor)) ?? components.intake.landingPathFor(actor)),
  }));
  for (const router of components.intake.pageRouters(web.pages)) app.use(router);
  for (const router of components.curriculum.pageRouters(web.pages)) app.use(router);
  const consultantPages = consultantPageRouters({
    pages: web.pages, auth: components.access.auth, schemas: deps.schemas, engagements: components.engagements, shortlist: components.shortlist,
    curriculum: components.curriculum, mail: components.mail, library: components.library, demo: components.demo,
  });
  for (const router of consultantPages) app.use(router);

  app.use(methodNotAllowed(apiOperations));
  app.use(notFoundHandler);
  app.use(errorHandler(web.renderErrorPage));
  return app;
}
