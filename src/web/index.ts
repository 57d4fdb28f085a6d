import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { Router, type Request, type RequestHandler } from 'express';
import type { Config } from '../platform/config.ts';
import type { AppError } from '../platform/errors.ts';
import { createCsrfGuard } from './csrf.ts';
import { createErrorPageRenderer } from './error-pages.ts';
import { createPageKit, type PageKit } from './pages.ts';
import { securityHeaders } from './security-headers.ts';
import { resolveSiteSecret } from './site-secret.ts';
import { ViewEngine, type ViewDirs } from './view-engine.ts';

export type { PageKit, PageData, NavLink } from './pages.ts';
export type { ViewDirs } from './view-engine.ts';
/** The name of the hidden form field that carries the CSRF token. */
export { CSRF_FIELD } from './csrf.ts';
/** The one error middleware and the catch-all 404 (registered last by app.ts). */
export { errorHandler, notFoundHandler } from './problem-details.ts';

const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface WebShellOptions {
  config: Pick<Config, 'http' | 'mongo' | 'web'>;
  /** Each component's page templates by namespace, e.g. `{ intake: <dir> }`; compiled at start-up. */
  viewDirs: ViewDirs;
  /** The session id on a request (access reads it from the cookie); CSRF tokens are bound to it. */
  sessionIdOf: (req: Request) => string | undefined;
}

/** The page shell app.ts wires in: middleware in order, the page renderer and the error page. */
export interface WebShell {
  /** helmet with our Content-Security-Policy; first of all. */
  securityHeaders: RequestHandler;
  /** Cookies and url-encoded form bodies (JSON is parsed by app.ts for the API). */
  parsers: RequestHandler[];
  /** `/static/…`: our stylesheet and scripts, before any sign-in check. */
  staticFiles: RequestHandler;
  /** Refuses POST/PUT/PATCH/DELETE without the form's CSRF token (bearer-token API calls are exempt). */
  csrfProtection: RequestHandler;
  /** For component page routes: `pages.render(req, res, 'intake/page', { title, ... })`. */
  pages: PageKit;
  /** Hand to `errorHandler(...)`: the error and 404 pages for non-API requests. */
  renderErrorPage: (req: Request, status: number, error: AppError | undefined) => string | undefined;
}

/** Builds the shell once per app: compiles every template and resolves the site secret. */
export function createWebShell(options: WebShellOptions): WebShell {
  const views = new ViewEngine(path.join(WEB_DIR, 'views'), options.viewDirs);
  const secret = resolveSiteSecret(options.config.web.secret, options.config.mongo.dataDir);
  const csrf = createCsrfGuard({ secret, sessionIdOf: options.sessionIdOf });
  return {
    securityHeaders: securityHeaders({ isHttps: options.config.http.publicUrl.startsWith('https:') }),
    parsers: [cookieParser(), express.urlencoded({ extended: false, limit: options.config.http.bodyLimit, parameterLimit: 5000 })],
    staticFiles: staticFiles(path.join(WEB_DIR, 'static')),
    csrfProtection: csrf.protect,
    pages: createPageKit(views, csrf),
    renderErrorPage: createErrorPageRenderer(views),
  };
}

/** Serves `dir` under `/static/`. An hour of caching: the files are small and change only with a release. */
function staticFiles(dir: string): RequestHandler {
  const router = Router();
  router.use('/static', express.static(dir, { index: false, maxAge: '1h', redirect: false }));
  return router;
}
