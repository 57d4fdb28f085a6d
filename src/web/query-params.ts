import type { Request } from 'express';
import { ValidationError } from '../platform/errors.ts';

/** The API's `?version=N` (1, 2, …): absent is undefined, anything else is a 400 naming the parameter. */
export function versionQuery(req: Request): number | undefined {
  const raw = req.query.version;
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && /^[1-9][0-9]{0,8}$/.test(raw)) return Number(raw);
  throw new ValidationError('The query is not valid.', [{ pointer: '/query/version', message: 'must be a version number (1, 2, …)' }]);
}
