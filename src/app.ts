import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Connection } from 'mongoose';
import type { Config } from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import type { SchemaRegistry } from './platform/validation.ts';
import { healthRoutes } from './web/health-routes.ts';
import { errorHandler, notFoundHandler } from './web/problem-details.ts';

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  connection: Connection;
  schemas: SchemaRegistry;
  /** The clock, so tests can move time (token expiry, reminders, schedules). */
  now?: () => Date;
}

/** Wires component routers and web middleware into an Express app; never listens. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.set('trust proxy', deps.config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Never log headers: they carry tokens and session cookies.
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.use(express.json({ limit: deps.config.http.bodyLimit }));

  app.use(healthRoutes(deps.connection));

  app.use(notFoundHandler);
  app.use(errorHandler());
  return app;
}
