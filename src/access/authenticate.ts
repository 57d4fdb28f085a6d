import type { Request, RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../platform/errors.ts';
import type { Actor, CredentialCheck, CredentialFailure } from './actor.ts';
import type { FailedTokenLimits } from './failed-token-limiter.ts';
import { createFailedTokenLimiter } from './failed-token-limiter.ts';

/**
 * Finds a credential on a request and checks it. Returns undefined when the request carries none
 * of its kind, so the next resolver can look (bearer header today, a session cookie later).
 */
export type ActorResolver = (req: Request) => Promise<CredentialCheck | undefined>;

const FAILURES: Record<CredentialFailure, { code: string; message: string }> = {
  unknown: { code: 'token-invalid', message: 'This token is not valid.' },
  expired: { code: 'token-expired', message: 'This link has expired; ask your consultant for a new one.' },
  revoked: { code: 'token-revoked', message: 'This token has been revoked.' },
};

/** The auth middlewares; routes only ever use these, whatever kind of credential a request carries. */
export interface Authenticator {
  /** Requires a valid credential of any kind and sets `res.locals.actor`. */
  authenticate: RequestHandler;
  /** Requires a consultant. */
  requireConsultant: RequestHandler;
  /** Requires an administrator consultant. */
  requireAdmin: RequestHandler;
  /** Requires a person on a roster. */
  requirePerson: RequestHandler;
  /** Adds a way to find credentials (e.g. a session cookie), tried after those already registered. */
  addResolver(resolver: ActorResolver): void;
  /**
   * Counts a credential refused outside these middlewares (a personal link, the sign-in form) against
   * the same per-client limit; rejects with 429 once the client is over it.
   */
  countFailure(req: Request, res: Response): Promise<void>;
}

export function createAuthenticator(resolvers: ActorResolver[], limits: FailedTokenLimits): Authenticator {
  const countFailure = createFailedTokenLimiter(limits);

  /** Resolves the request's actor, or throws 401 (429 once a client keeps failing). */
  const identify = async (req: Request, res: Response): Promise<Actor> => {
    for (const resolve of resolvers) {
      const check = await resolve(req);
      if (!check) continue;
      if ('actor' in check) return check.actor;
      await countFailure(req, res);
      req.log?.warn({ reason: check.failure }, 'token refused');
      const failure = FAILURES[check.failure];
      throw new UnauthorizedError(failure.message, failure.code);
    }
    throw new UnauthorizedError('Sign in with your token: Authorization: Bearer <token>.', 'token-missing');
  };

  const requireActor = (allowed: (actor: Actor) => boolean, message: string, code: string): RequestHandler => async (req, res, next) => {
    const actor = await identify(req, res);
    if (!allowed(actor)) throw new ForbiddenError(message, code);
    res.locals.actor = actor;
    next();
  };

  return {
    authenticate: requireActor(() => true, '', 'unreachable'),
    requireConsultant: requireActor((a) => a.kind === 'consultant', 'This needs a consultant token.', 'consultant-only'),
    requireAdmin: requireActor((a) => a.kind === 'consultant' && a.isAdmin, 'Only an administrator can do this.', 'admin-only'),
    requirePerson: requireActor((a) => a.kind === 'person', 'This needs a personal (participant or manager) token.', 'person-only'),
    addResolver: (resolver) => resolvers.push(resolver),
    countFailure,
  };
}

/** Finds `Authorization: Bearer <token>`. */
export function bearerSecret(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : undefined;
}

/** The actor the auth middleware resolved; a bug to call without one of them in front. */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new Error('actorOf: no auth middleware ran before this handler');
  return actor;
}

/** The consultant calling, behind `requireConsultant`; a bug to call anywhere else. */
export function consultantIdOf(res: Response): string {
  const actor = actorOf(res);
  if (actor.kind !== 'consultant') throw new Error('consultantIdOf: the route is missing requireConsultant');
  return actor.consultantId;
}
