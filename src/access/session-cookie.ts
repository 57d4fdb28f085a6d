import type { CookieOptions, Request, Response } from 'express';
import type { StartedSession } from './sessions.ts';

/**
 * The session cookie. Not `__Host-` prefixed: that prefix demands `Secure`, and Tailor also runs on
 * plain http on a laptop. `SameSite=Lax` so the cookie comes along when a person follows a link to
 * Tailor from their mail; forms are protected by the CSRF token in any case.
 */
export const SESSION_COOKIE = 'tailor_session';

/** The session id a request carries (cookie-parser has run), or undefined. */
export function sessionSecretOf(req: Request): string | undefined {
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const value = cookies?.[SESSION_COOKIE];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `Secure` whenever the request came over https (directly, or through a trusted proxy: TRUST_PROXY). */
function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' };
}

export function setSessionCookie(req: Request, res: Response, session: StartedSession): void {
  res.cookie(SESSION_COOKIE, session.secret, { ...cookieOptions(req), expires: session.expiresAt });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}
