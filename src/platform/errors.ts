/**
 * Operational errors: expected, understood, safe to show. Anything that is not an AppError is a bug.
 * `code` is a stable kebab-case string clients can rely on; `status` is the HTTP status it maps to.
 */
export interface FieldProblem {
  /** JSON pointer into the request body, e.g. `/answers/tasks/0/description`. */
  pointer?: string;
  /** Question id, for answer validation. */
  questionId?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, readonly errors: FieldProblem[] = [], code = 'invalid-request') {
    super(400, code, message, { errors });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid token is required.', code = 'unauthorized') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this.', code = 'forbidden') {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.', code = 'not-found') {
    super(404, code, message);
  }
}

/** The path exists, but not for this method; `allowed` becomes the `Allow` header (RFC 9110, 15.5.6). */
export class MethodNotAllowedError extends AppError {
  constructor(readonly allowed: readonly string[], message: string) {
    super(405, 'method-not-allowed', message, { allowed });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict', extra: Record<string, unknown> = {}) {
    super(409, code, message, extra);
  }
}

export class UnprocessableError extends AppError {
  constructor(message: string, readonly errors: FieldProblem[] = [], code = 'unprocessable') {
    super(422, code, message, { errors });
  }
}

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number, message = 'Too many attempts; try again later.') {
    super(429, 'too-many-requests', message);
  }
}

export class UpstreamError extends AppError {
  constructor(message: string, code = 'upstream-unavailable', options?: { cause?: unknown }) {
    super(503, code, message, {}, options);
  }
}

/** Start-up problems (bad config, bad catalogue file): printed and the process exits 1. */
export class StartupError extends Error {
  constructor(message: string, readonly problems: string[] = []) {
    super(problems.length ? `${message}\n  - ${problems.join('\n  - ')}` : message);
    this.name = 'StartupError';
  }
}
