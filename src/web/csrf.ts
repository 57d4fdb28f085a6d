import type { Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { ForbiddenError } from '../platform/errors.ts';
import { isApiPath } from './api-path.ts';

/** The form field every page form carries (`{{> csrf-field}}`); scripts send the header instead. */
export const CSRF_FIELD = '_csrf';
const CSRF_COOKIE = 'tailor_csrf';
const CSRF_HEADER = 'x-csrf-token';

export interface CsrfGuard {
  /** Rejects an unsafe request (POST, PUT, PATCH, DELETE) without a matching token: 403 `csrf-invalid`. */
  protect: RequestHandler;
  /** The token for the forms of the page being rendered (sets or reuses its cookie). */
  tokenFor(req: Request, res: Response): string;
}

/**
 * Double-submit CSRF protection (csrf-csrf): the token is an HMAC, under the site secret, of a random
 * value and the session id, sent both as a cookie and in the form. A page from another site can make a
 * browser send the cookie but cannot read it to copy it into the form; binding the token to the session
 * stops a token planted before sign-in from being used after it. Before sign-in the binding is empty,
 * which still protects the sign-in form itself.
 *
 * API calls that authenticate with a bearer header need no token: a browser never adds that header to a
 * cross-site request by itself. Any call that would ride on the session cookie does.
 */
export function createCsrfGuard(options: {
  secret: string;
  sessionIdOf: (req: Request) => string | undefined;
  /**
   * The request's bearer token, if it has one. Only that exempts a call: a browser adds Basic or Negotiate
   * credentials by itself (a proxy in front asked for them), and with those the session cookie authenticates.
   */
  bearerSecretOf: (req: Request) => string | undefined;
}): CsrfGuard {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => options.secret,
    getSessionIdentifier: (req) => options.sessionIdOf(req) ?? '',
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'strict', path: '/', httpOnly: true, secure: false },
    getCsrfTokenFromRequest: (req) => {
      const field = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      return typeof field === 'string' ? field : req.get(CSRF_HEADER);
    },
    skipCsrfProtection: (req) => isApiPath(req.path) && (options.bearerSecretOf(req) !== undefined || options.sessionIdOf(req) === undefined),
  });
  return {
    protect: (req, res, next) => {
      doubleCsrfProtection(req, res, (error?: unknown) => {
        if (!error) return next();
        req.log?.warn({ method: req.method }, 'csrf token refused');
        next(new ForbiddenError('This page was opened before you were signed out or signed in again, or it did not come from Tailor, so nothing was saved. Go back to copy what you typed, then reload the page (signing in again if you need to) and paste it in.', 'csrf-invalid'));
      });
    },
    // Secure follows the request, like the session cookie: https in production, plain http on a laptop.
    tokenFor: (req, res) => generateCsrfToken(req, res, { cookieOptions: { sameSite: 'strict', path: '/', httpOnly: true, secure: req.secure } }),
  };
}
