import type { Actor } from './actor.ts';
import type { TokenCheckDeps } from './check-token.ts';
import { SESSION_PURPOSE } from './check-token.ts';
import { deleteCredentialByHash, deleteExpiredSessions, insertCredential, setCredentialExpiry } from './credential-repository.ts';
import { generateToken, hashToken, looksLikeToken } from './token-secrets.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * How long a browser session lasts. A person answers over days from the same device, so a week;
 * a consultant's session opens every engagement, so a working day. Sessions are absolute, not sliding:
 * renewing one on every request would write to the database on every page view.
 */
export const SESSION_TTL_MS: Record<Actor['kind'], number> = { person: 7 * 24 * HOUR_MS, consultant: 12 * HOUR_MS };

/** A started session: the id for the cookie (never stored, only its hash) and its end. */
export interface StartedSession {
  secret: string;
  expiresAt: Date;
}

/**
 * Starts a server-side session for an actor a token has just proved. It is a credential like the tokens,
 * with purpose `session`, so revoking a person's tokens (a re-issued link, an erasure) ends their sessions too.
 * A person's session never outlives the link that started it.
 */
export async function startSession(deps: TokenCheckDeps, actor: Actor, linkExpiresAt?: Date): Promise<StartedSession> {
  const now = deps.now();
  const subjectId = actor.kind === 'person' ? actor.personId : actor.consultantId;
  await deleteExpiredSessions(deps.connection, subjectId, now);
  const secret = generateToken();
  const expiresAt = sessionEnd(now, actor, linkExpiresAt);
  await insertCredential(deps.connection, {
    kind: actor.kind,
    subjectId,
    ...(actor.kind === 'person' ? { engagementId: actor.engagementId } : {}),
    tokenHash: hashToken(secret),
    purpose: SESSION_PURPOSE,
    expiresAt,
  });
  return { secret, expiresAt };
}

/**
 * Gives a live session of the same actor a new end instead of starting another one: a person who opens
 * their link again keeps their session id, so the form tokens bound to it, in pages still open in other
 * tabs, stay valid.
 */
export async function renewSession(deps: TokenCheckDeps, secret: string, actor: Actor, linkExpiresAt?: Date): Promise<StartedSession> {
  const expiresAt = sessionEnd(deps.now(), actor, linkExpiresAt);
  await setCredentialExpiry(deps.connection, hashToken(secret), expiresAt);
  return { secret, expiresAt };
}

function sessionEnd(now: Date, actor: Actor, linkExpiresAt?: Date): Date {
  const ttlEnd = now.getTime() + SESSION_TTL_MS[actor.kind];
  return new Date(linkExpiresAt ? Math.min(ttlEnd, linkExpiresAt.getTime()) : ttlEnd);
}

/** Ends a session for good (signing out); an unknown id is already ended. */
export async function endSession(deps: TokenCheckDeps, secret: string): Promise<void> {
  if (looksLikeToken(secret)) await deleteCredentialByHash(deps.connection, hashToken(secret));
}
