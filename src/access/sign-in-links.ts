import type { Connection } from 'mongoose';
import type { CredentialCheck } from './actor.ts';
import type { TokenCheckDeps } from './check-token.ts';
import { consumeCredential, findConsultant, findCredentialByHash, insertCredential } from './credential-repository.ts';
import { generateToken, hashToken, looksLikeToken } from './token-secrets.ts';

/**
 * One-time sign-in links for a consultant, printed by `npm start` so a newcomer clicks instead of
 * pasting a token. The secret is 192 random bits, stored only as its sha256, good for
 * `SIGN_IN_LINK_TTL_MINUTES` and spent by its first use. It is not a bearer token: the API refuses it
 * (check-token.ts), so a link seen in a terminal's scrollback cannot be replayed against the API,
 * and once used or expired it opens nothing.
 */
export const SIGN_IN_LINK_PURPOSE = 'sign-in-link';

/** Long enough to switch to the browser, short enough that a forgotten link in a log is worthless. */
export const SIGN_IN_LINK_TTL_MINUTES = 15;

/** Where the link points; app.ts masks the secret in the request log. */
export const SIGN_IN_LINK_PATH = '/sign-in/link';

/** A fresh link's secret, its path under the public URL, and when it stops working. */
export interface IssuedSignInLink {
  token: string;
  path: string;
  expiresAt: Date;
}

export async function issueSignInLink(connection: Connection, consultantId: string, now: Date): Promise<IssuedSignInLink> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MINUTES * 60_000);
  await insertCredential(connection, { kind: 'consultant', subjectId: consultantId, tokenHash: hashToken(token), purpose: SIGN_IN_LINK_PURPOSE, expiresAt });
  return { token, path: `${SIGN_IN_LINK_PATH}/${token}`, expiresAt };
}

/** What a link would do, without spending it (the page that shows the "Sign in" button). */
export async function inspectSignInLink(deps: TokenCheckDeps, secret: string): Promise<{ consultantName: string; expiresAt: Date } | { failure: 'unknown' | 'expired' | 'revoked' }> {
  if (!looksLikeToken(secret)) return { failure: 'unknown' };
  const credential = await findCredentialByHash(deps.connection, hashToken(secret));
  if (!credential || credential.purpose !== SIGN_IN_LINK_PURPOSE || !credential.expiresAt) return { failure: 'unknown' };
  if (credential.revokedAt) return { failure: 'revoked' };
  if (credential.expiresAt.getTime() <= deps.now().getTime()) return { failure: 'expired' };
  const consultant = await findConsultant(deps.connection, credential.subjectId);
  return consultant ? { consultantName: consultant.name, expiresAt: credential.expiresAt } : { failure: 'unknown' };
}

/** Spends a link: the first call gets the consultant, every later one (or a racing one) a failure. */
export async function redeemSignInLink(deps: TokenCheckDeps, secret: string): Promise<CredentialCheck> {
  if (!looksLikeToken(secret)) return { failure: 'unknown' };
  const credential = await consumeCredential(deps.connection, hashToken(secret), SIGN_IN_LINK_PURPOSE, deps.now());
  if (!credential) {
    const why = await inspectSignInLink(deps, secret);
    return { failure: 'failure' in why ? why.failure : 'revoked' };
  }
  const consultant = await findConsultant(deps.connection, credential.subjectId);
  if (!consultant) return { failure: 'unknown' };
  return { actor: { kind: 'consultant', consultantId: consultant.id, isAdmin: consultant.isAdmin } };
}
