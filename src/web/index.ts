import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import type { Config } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
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
/** The API's strict `?version=N`. */
export { versionQuery } from './query-params.ts';

const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface WebShellOptions {
  config: Pick<Config, 'http' | 'mongo' | 'web'>;
  /** Each component's page templates by namespace, e.g. `{ intake: <dir> }`; compiled at start-up. */
  viewDirs: ViewDirs;
  /** The session id on a request (access reads it from the cookie); CSRF tokens are bound to it. */
  sessionIdOf: (req: Request) => string | undefined;
  /** The request's bearer token (access reads the Authorization header): such API calls need no CSRF token. */
  bearerSecretOf: (req: Request) => string | undefined;
}

/** The page shell app.ts wires in: middleware in order, the page renderer and the error page. */
export interface WebShell {
  /** helmet with our Content-Security-Policy; first of all. */
  securityHeaders: RequestHandler;
  /** Cookies, url-encoded form bodies and multipart forms with one small file (JSON is parsed by app.ts for the API). */
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
  const csrf = createCsrfGuard({ secret, sessionIdOf: options.sessionIdOf, bearerSecretOf: options.bearerSecretOf });
  return {
    securityHeaders: securityHeaders({ isHttps: options.config.http.publicUrl.startsWith('https:') }),
    parsers: [cookieParser(), express.urlencoded({ extended: false, limit: options.config.http.bodyLimit, parameterLimit: 5000 }), fileForms()],
    staticFiles: staticFiles(path.join(WEB_DIR, 'static')),
    csrfProtection: csrf.protect,
    pages: createPageKit(views, csrf),
    renderErrorPage: createErrorPageRenderer(views),
  };
}

const MAX_UPLOAD_BYTES = 1024 * 1024;

/**
 * Forms with a file field (a roster CSV) are `multipart/form-data`. They are parsed here, before the CSRF
 * check, so their `_csrf` field is read like any other form's. One file of at most 1 MB, kept in memory
 * (`req.files[0].buffer`): uploads are small and never written to disk.
 */
function fileForms(): RequestHandler {
  const parse = multer({ storage: multer.memoryStorage(), limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 50, parts: 51 } }).any();
  // Whatever the parser refuses was sent by the client (too large, malformed): operational, not a bug.
  return (req, res, next) => parse(req, res, (error?: unknown) => {
    if (!error) return next();
    if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') return next(new AppError(413, 'upload-too-large', 'The file is larger than 1 MB, so nothing was uploaded: split it into smaller files and upload them one after another.'));
    next(new AppError(400, 'form-invalid', 'The form could not be read: send one file of at most 1 MB with the form.', {}, { cause: error }));
  });
}

/** Serves `dir` under `/static/`. An hour of caching: the files are small and change only with a release. */
function staticFiles(dir: string): RequestHandler {
  const router = Router();
  router.use('/static', express.static(dir, { index: false, maxAge: '1h', redirect: false }));
  return router;
}
