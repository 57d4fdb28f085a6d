import type { Connection } from 'mongoose';
import type { CredentialCheck } from './actor.ts';
import { FIRST_CONSULTANT_ID } from './actor.ts';
import { findConsultant, findCredentialByHash } from './credential-repository.ts';
import { ensureFirstConsultantRecord } from './consultants.ts';
import { hashToken, isSameSecret, looksLikeToken } from './token-secrets.ts';

export interface TokenCheckDeps {
  connection: Connection;
  adminToken: string | undefined;
  now: () => Date;
}

/**
 * Resolves a bearer secret to an actor. The administrator token from the environment stands for
 * the first consultant; every other token is looked up by its hash and must be neither expired nor revoked.
 */
export async function checkToken(deps: TokenCheckDeps, secret: string): Promise<CredentialCheck> {
  if (deps.adminToken && isSameSecret(secret, deps.adminToken)) {
    await ensureFirstConsultantRecord(deps.connection);
    return { actor: { kind: 'consultant', consultantId: FIRST_CONSULTANT_ID, isAdmin: true } };
  }
  if (!looksLikeToken(secret)) return { failure: 'unknown' };
  const credential = await findCredentialByHash(deps.connection, hashToken(secret));
  if (!credential) return { failure: 'unknown' };
  if (credential.revokedAt) return { failure: 'revoked' };
  if (credential.expiresAt && credential.expiresAt.getTime() <= deps.now().getTime()) return { failure: 'expired' };
  if (credential.kind === 'person') {
    if (!credential.engagementId) return { failure: 'unknown' };
    return { actor: { kind: 'person', personId: credential.subjectId, engagementId: credential.engagementId } };
  }
  const consultant = await findConsultant(deps.connection, credential.subjectId);
  if (!consultant) return { failure: 'unknown' };
  return { actor: { kind: 'consultant', consultantId: consultant.id, isAdmin: consultant.isAdmin } };
}
