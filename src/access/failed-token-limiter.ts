import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { TooManyRequestsError } from '../platform/errors.ts';

export interface FailedTokenLimits {
  /** Failed token checks a client may make per window before it gets 429. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_FAILED_TOKEN_LIMITS: FailedTokenLimits = { limit: 20, windowMs: 15 * 60 * 1000 };

/**
 * Counts failed token checks per client (its IP, IPv6 by /56) with express-rate-limit, and only
 * failures: the limiter runs after a token was refused, so valid tokens are never counted nor held up,
 * even from an office that shares one address with someone holding a stale link.
 * The counts live in this process's memory (express-rate-limit's MemoryStore): with several
 * instances each counts on its own, which still bounds guessing, and tokens carry 192 random bits.
 */
export function createFailedTokenLimiter(limits: FailedTokenLimits): (req: Request, res: Response) => Promise<void> {
  const limiter = rateLimit({
    windowMs: limits.windowMs,
    limit: limits.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // The client address comes from Express's `trust proxy` (TRUST_PROXY: hops or the proxies'
    // addresses keep it honest; `true` relies on the proxy overwriting X-Forwarded-For, as the
    // README says). The library's own warning about `true` would repeat that on each start.
    validate: { trustProxy: false },
    handler: (req, _res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(limits.windowMs / 1000);
      next(new TooManyRequestsError(seconds, 'Too many failed sign-in attempts from your address; try again later.'));
    },
  });
  /** Records one failure; rejects with TooManyRequestsError once the client is over its limit. */
  return (req, res) =>
    new Promise((resolve, reject) => {
      void limiter(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
    });
}
