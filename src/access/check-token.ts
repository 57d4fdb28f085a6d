import type { Connection } from 'mongoose';
import type { CredentialCheck } from './actor.ts';
import { FIRST_CONSULTANT_ID } from './actor.ts';
import { findConsultant, findCredentialByHash } from './credential-repository.ts';
import { ensureFirstConsultantRecord } from './consultants.ts';
import { SIGN_IN_LINK_PURPOSE } from './sign-in-links.ts';
import { hashToken, isSameSecret, looksLikeToken } from './token-secrets.ts';

export interface TokenCheckDeps {
  connection: Connection;
  adminToken: string | undefined;
  now: () => Date;
}

/** The purpose of the credentials a session cookie carries. */
export const SESSION_PURPOSE = 'session';

/** Purposes that are never bearer tokens: session ids come from a cookie, sign-in links are spent once on their page. */
const NOT_BEARER = new Set([SESSION_PURPOSE, SIGN_IN_LINK_PURPOSE]);

/**
 * Resolves a bearer secret to an actor. The administrator token from the environment stands for
 * the first consultant; every other token is looked up by its hash and must be neither expired nor revoked.
 * Session ids are not bearer tokens: one stolen from a cookie jar must not open the API from elsewhere;
 * nor are one-time sign-in links, which only the sign-in page may spend.
 */
export async function checkToken(deps: TokenCheckDeps, secret: string): Promise<CredentialCheck> {
  if (deps.adminToken && isSameSecret(secret, deps.adminToken)) {
    await ensureFirstConsultantRecord(deps.connection);
    return { actor: { kind: 'consultant', consultantId: FIRST_CONSULTANT_ID, isAdmin: true } };
  }
  return checkStoredCredential(deps, secret, (purpose) => !NOT_BEARER.has(purpose));
}

/** Resolves a session id (from the session cookie) to its actor; only session credentials qualify. */
export function checkSessionSecret(deps: TokenCheckDeps, secret: string): Promise<CredentialCheck> {
  return checkStoredCredential(deps, secret, (purpose) => purpose === SESSION_PURPOSE);
}

async function checkStoredCredential(deps: TokenCheckDeps, secret: string, isAccepted: (purpose: string) => boolean): Promise<CredentialCheck> {
  if (!looksLikeToken(secret)) return { failure: 'unknown' };
  const credential = await findCredentialByHash(deps.connection, hashToken(secret));
  if (!credential || !isAccepted(credential.purpose)) return { failure: 'unknown' };
  if (credential.revokedAt) return { failure: 'revoked' };
  if (credential.expiresAt && credential.expiresAt.getTime() <= deps.now().getTime()) return { failure: 'expired' };
  const expiry = credential.expiresAt ? { expiresAt: credential.expiresAt } : {};
  if (credential.kind === 'person') {
    if (!credential.engagementId) return { failure: 'unknown' };
    return { actor: { kind: 'person', personId: credential.subjectId, engagementId: credential.engagementId }, ...expiry };
  }
  const consultant = await findConsultant(deps.connection, credential.subjectId);
  if (!consultant) return { failure: 'unknown' };
  return { actor: { kind: 'consultant', consultantId: consultant.id, isAdmin: consultant.isAdmin }, ...expiry };
}
