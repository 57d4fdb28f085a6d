import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, MethodNotAllowedError, NotFoundError, TooManyRequestsError, ValidationError } from '../platform/errors.ts';
import { isApiPath } from './api-path.ts';

const PROBLEM_TYPE_BASE = 'https://tailor.example/problems/';

/** RFC 9457 body for an operational error. */
export function toProblem(error: AppError, req: Request): Record<string, unknown> {
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: titleFor(error.status),
    status: error.status,
    detail: error.message,
    instance: req.originalUrl,
    code: error.code,
    ...error.extra,
  };
}

/** Unknown routes are operational: a 404 like any other. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.path}.`, 'route-not-found'));
};

/**
 * The one error middleware, registered last. Translates body-parser failures,
 * answers problem+json for API requests and hands page requests to `renderPage`
 * (the web pages give a readable message instead of JSON).
 */
export function errorHandler(
  renderPage?: (req: Request, status: number, error: AppError | undefined) => string | undefined,
): ErrorRequestHandler {
  return (rawError, req, res, _next) => {
    const error = translate(rawError);
    if (!error) {
      req.log?.error({ err: rawError }, 'unhandled error');
    } else if (error.status >= 500) {
      req.log?.error({ err: rawError, code: error.code }, 'request failed upstream');
    } else {
      req.log?.debug({ code: error.code, status: error.status }, 'request rejected');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = error?.status ?? 500;
    if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allowed.join(', '));
    const page = !isApiPath(req.path) && renderPage ? renderPage(req, status, error) : undefined;
    if (page !== undefined) {
      res.status(status).type('html').send(page);
      return;
    }
    const body = error
      ? toProblem(error, req)
      : { type: 'about:blank', title: titleFor(500), status: 500, detail: 'An unexpected error occurred.', instance: req.originalUrl, code: 'internal-error' };
    res.status(status).type('application/problem+json').send(JSON.stringify(body));
  };
}

/** Maps errors raised below us (body parsing, JSON syntax) to AppErrors; undefined means a bug. */
function translate(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const e = error as { type?: string; status?: number; message?: string };
  switch (e?.type) {
    case 'entity.parse.failed':
      return new ValidationError('The request body is not valid JSON.', [], 'malformed-json');
    case 'entity.too.large':
      return new AppError(413, 'body-too-large', 'The request body is larger than the 1 MB limit.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported-encoding', e.message ?? 'Unsupported body encoding.');
    default:
      if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
        return new AppError(e.status, 'bad-request', e.message ?? 'Bad request.');
      }
      return undefined;
  }
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
    413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
    429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
