import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { ClientSession, Connection } from 'mongoose';
import type { Config } from '../platform/config.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import type { PageKit } from '../web/index.ts';
import { bearerSecret, createAuthenticator, type ActorResolver, type Authenticator } from './authenticate.ts';
import { checkSessionSecret, checkToken } from './check-token.ts';
import { consultantApiOperations, consultantRoutes } from './consultant-routes.ts';
import { DEFAULT_FAILED_TOKEN_LIMITS, type FailedTokenLimits } from './failed-token-limiter.ts';
import { issuePersonToken, issuePersonTokens, revokeTokens, type IssuedToken } from './issue-tokens.ts';
import { deleteEngagementCredentials, findConsultant } from './credential-repository.ts';
import type { Actor, CredentialCheck } from './actor.ts';
import { sessionSecretOf } from './session-cookie.ts';
import { signInPages } from './sign-in-pages.ts';
import { issueSignInLink, type IssuedSignInLink } from './sign-in-links.ts';

export type { Actor, ConsultantActor, PersonActor, CredentialCheck, CredentialFailure } from './actor.ts';
export type { ActorResolver, Authenticator } from './authenticate.ts';
export type { IssuedToken } from './issue-tokens.ts';
export type { FailedTokenLimits } from './failed-token-limiter.ts';
export type { IssuedSignInLink } from './sign-in-links.ts';
/** One-time sign-in links: their lifetime, and the path the request log must mask. */
export { SIGN_IN_LINK_PATH, SIGN_IN_LINK_TTL_MINUTES } from './sign-in-links.ts';
/** The actor set by the auth middlewares (throws when none ran: a bug). */
export { actorOf, bearerSecret, consultantIdOf } from './authenticate.ts';
/** Start-up hook: creates the first consultant when needed and returns its token to print once. */
export { ensureFirstConsultant } from './consultants.ts';
/** The fixed id of the first (administrator) consultant. */
export { FIRST_CONSULTANT_ID } from './actor.ts';
/** The session cookie's name (tests check its flags). */
export { SESSION_COOKIE } from './session-cookie.ts';
/** The browser session id a request carries (the web shell binds CSRF tokens to it), or undefined. */
export { sessionSecretOf as sessionIdOf } from './session-cookie.ts';
/** Access's page templates (sign-in, link problems), for the web shell's view engine. */
export const accessViewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

export interface AccessDeps {
  connection: Connection;
  config: Config['access'];
  schemas: SchemaRegistry;
  now: () => Date;
  failedTokenLimits?: FailedTokenLimits;
}

/** Everything other components and the web pages use from `access`. */
export interface AccessComponent {
  /** Middlewares: `authenticate`, `requireConsultant`, `requireAdmin`, `requirePerson`, `addResolver`. */
  auth: Authenticator;
  /** Checks a raw token (e.g. from a `/i/<token>` link) without any HTTP around it. */
  checkToken(secret: string): Promise<CredentialCheck>;
  /** Issues a person's invitation token (valid for INVITE_TTL_DAYS) inside the caller's transaction. */
  issuePersonToken(session: ClientSession | undefined, person: { personId: string; engagementId: string }): Promise<IssuedToken & { expiresAt: Date }>;
  /** One invitation token per person, in their order, written at once inside the caller's transaction. */
  issuePersonTokens(session: ClientSession | undefined, people: ReadonlyArray<{ personId: string; engagementId: string }>): Promise<Array<IssuedToken & { expiresAt: Date }>>;
  /** Revokes every live token of a person or consultant inside the caller's transaction. */
  revokeTokens(session: ClientSession | undefined, subjectId: string): Promise<number>;
  /** Deletes every link and session of an engagement's people inside the caller's transaction (the demo's removal). */
  deleteEngagementCredentials(session: ClientSession, engagementId: string): Promise<number>;
  /** A consultant's name and email (for mail addressed to them), or undefined. */
  findConsultant(consultantId: string): Promise<{ id: string; name: string; email: string } | undefined>;
  /** A one-time sign-in link for a consultant (spent on first use, expires in SIGN_IN_LINK_TTL_MINUTES). */
  issueSignInLink(consultantId: string): Promise<IssuedSignInLink>;
  /** `POST /api/v1/consultants`, `GET /api/v1/consultants/me`. */
  routes(): Router;
  /** `/`, `/i/:token`, `/sign-in`, `/sign-in/link/:token`, `/sign-out`, `/signed-out`; `landingFor` says where each actor starts. */
  pageRoutes(deps: { pages: PageKit; landingFor(actor: Actor): Promise<string> }): Router;
}

/**
 * Builds the access component. Credentials are looked for in order: the bearer header first (API
 * clients), then the session cookie (the pages, and their scripts), so a request carrying a bearer
 * token is never judged by a cookie it may also carry.
 */
export function createAccess(deps: AccessDeps): AccessComponent {
  const tokenDeps = { connection: deps.connection, adminToken: deps.config.adminToken, now: deps.now };
  const bearer: ActorResolver = async (req) => {
    const secret = bearerSecret(req);
    return secret === undefined ? undefined : checkToken(tokenDeps, secret);
  };
  const sessionCookie: ActorResolver = async (req) => {
    const secret = sessionSecretOf(req);
    return secret === undefined ? undefined : checkSessionSecret(tokenDeps, secret);
  };
  const auth = createAuthenticator([bearer, sessionCookie], deps.failedTokenLimits ?? DEFAULT_FAILED_TOKEN_LIMITS);
  return {
    auth,
    checkToken: (secret) => checkToken(tokenDeps, secret),
    issuePersonToken: (session, person) => issuePersonToken(deps.connection, session, person, deps.config.inviteTtlDays, deps.now()),
    issuePersonTokens: (session, people) => issuePersonTokens(deps.connection, session, people, deps.config.inviteTtlDays, deps.now()),
    revokeTokens: (session, subjectId) => revokeTokens(deps.connection, session, subjectId, deps.now()),
    findConsultant: async (consultantId) => {
      const found = await findConsultant(deps.connection, consultantId);
      return found && { id: found.id, name: found.name, email: found.email };
    },
    deleteEngagementCredentials: (session, engagementId) => deleteEngagementCredentials(deps.connection, engagementId, session),
    issueSignInLink: (consultantId) => issueSignInLink(deps.connection, consultantId, deps.now()),
    routes: () => consultantRoutes({ connection: deps.connection, schemas: deps.schemas, auth }),
    pageRoutes: (pageDeps) => signInPages({ tokens: tokenDeps, auth, ...pageDeps }),
  };
}

/** OpenAPI descriptions of the access routes. */
export const accessApiOperations = consultantApiOperations;
