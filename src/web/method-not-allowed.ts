import type { RequestHandler } from 'express';
import { MethodNotAllowedError } from '../platform/errors.ts';
import type { ApiOperation } from './openapi.ts';

/**
 * For a request no route took: when the API has its path but not its method, a 405 naming the
 * methods it does have (`Allow`), instead of a 404 saying the resource does not exist. The paths and
 * methods are read from the API's own description, the same one `/api/v1/openapi.json` serves.
 */
export function methodNotAllowed(operations: readonly ApiOperation[]): RequestHandler {
  const methodsByPath = new Map<string, Set<string>>();
  for (const op of operations) {
    const methods = methodsByPath.get(op.path) ?? new Set<string>();
    methods.add(op.method.toUpperCase());
    methodsByPath.set(op.path, methods);
  }
  const routes = [...methodsByPath].map(([path, methods]) => ({ pattern: pathPattern(path), methods }));
  return (req, _res, next) => {
    const allowed = new Set<string>();
    for (const route of routes) if (route.pattern.test(req.path)) for (const method of route.methods) allowed.add(method);
    if (allowed.size === 0 || allowed.has(req.method)) return next();
    // Express answers HEAD with a GET route.
    if (allowed.has('GET')) allowed.add('HEAD');
    const listed = [...allowed].sort();
    next(new MethodNotAllowedError(listed, `${req.method} is not allowed on ${req.path}; it allows ${listed.join(', ')}.`));
  };
}

/** An Express path such as `/api/v1/engagements/:engagementId` as a whole-path pattern: a parameter is one segment. */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  // As Express routes: case-insensitive, a trailing slash allowed.
  return new RegExp(`^${source}/?$`, 'i');
}
