import type { Request, Response } from 'express';
import { isSameActor, type Actor } from './actor.ts';
import { checkSessionSecret, type TokenCheckDeps } from './check-token.ts';
import { sessionSecretOf, setSessionCookie } from './session-cookie.ts';
import { endSession, renewSession, startSession } from './sessions.ts';

/**
 * Signs this browser in as `actor`, after a personal link, a one-time link or a pasted token was
 * accepted. Any other session on the browser ends (a shared computer moves from one person to the
 * next), but a live session of the same actor is renewed instead: pages they have open in other tabs
 * carry form tokens bound to its id, and must keep saving.
 */
export async function openBrowserSession(deps: TokenCheckDeps, req: Request, res: Response, actor: Actor, linkExpiresAt?: Date): Promise<void> {
  const previous = sessionSecretOf(req);
  const current = previous ? await checkSessionSecret(deps, previous) : undefined;
  if (previous && current && 'actor' in current && isSameActor(current.actor, actor)) {
    setSessionCookie(req, res, await renewSession(deps, previous, actor, linkExpiresAt));
    return;
  }
  if (previous) await endSession(deps, previous);
  setSessionCookie(req, res, await startSession(deps, actor, linkExpiresAt));
}
