import { Router } from 'express';

/** Who may call an operation; becomes its `security` requirement. */
export type ApiAuth = 'none' | 'consultant' | 'admin' | 'person';

/** A response: a schema id from `schemas/`, or an inline schema; `contentType` defaults to JSON. */
export interface ApiResponse {
  description: string;
  schema?: string | Record<string, unknown>;
  contentType?: string;
}

/**
 * One route as a component describes it, in Express path syntax. Request bodies name schemas of
 * `schemas/`, the same ones `validateBody` uses, so the document and the validation cannot disagree.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  auth: ApiAuth;
  tag: string;
  /** `isOptional`: the route also takes a request with no body at all (OpenAPI `required: false`). */
  body?: { schema: string; description?: string; csv?: boolean; isOptional?: boolean };
  query?: Array<{ name: string; description: string; schema: Record<string, unknown>; required?: boolean }>;
  headers?: Array<{ name: string; description: string; schema: Record<string, unknown> }>;
  responses: Record<number, ApiResponse>;
}

const PROBLEM_STATUSES: Record<number, string> = {
  400: 'The request is malformed or does not fit its schema (problem+json with `errors`).',
  401: 'No valid token (missing, unknown, expired or revoked).',
  403: 'The token is of the wrong kind for this route.',
  404: 'Not found, or not visible to this caller.',
  409: 'Conflicts with the current state (stale version, already reviewed, duplicate).',
  413: 'The body is larger than 1 MB.',
  422: 'Well formed but breaks a business rule (problem+json with `errors`).',
  429: 'Too many failed token checks from this client; see Retry-After.',
};

/** Builds the OpenAPI 3.1 document from the operations and the schemas registered from `schemas/`. */
export function buildOpenApiDocument(
  schemas: ReadonlyMap<string, Record<string, unknown>>,
  operations: readonly ApiOperation[],
  info: { title: string; version: string; description: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][op.method] = describeOperation(op);
  }
  const components: Record<string, unknown> = {};
  for (const [id, schema] of schemas) components[id] = toComponent(id, schema);
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A consultant token or a personal (participant/manager) token.' },
      },
    },
  };
}

function describeOperation(op: ApiOperation): Record<string, unknown> {
  const parameters = [
    ...[...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
    ...(op.query ?? []).map((q) => ({ name: q.name, in: 'query', required: q.required ?? false, description: q.description, schema: q.schema })),
    ...(op.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: false, description: h.description, schema: h.schema })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    const contentType = response.contentType ?? 'application/json';
    responses[status] = {
      description: response.description,
      ...(response.schema ? { content: { [contentType]: { schema: schemaRef(response.schema) } } } : {}),
    };
  }
  for (const status of problemStatuses(op)) {
    responses[status] ??= { description: PROBLEM_STATUSES[status], content: { 'application/problem+json': { schema: schemaRef('problem') } } };
  }
  const body = op.body
    ? {
        required: !op.body.isOptional,
        ...(op.body.description ? { description: op.body.description } : {}),
        content: {
          'application/json': { schema: schemaRef(op.body.schema) },
          ...(op.body.csv ? { 'text/csv': { schema: { type: 'string', description: 'CSV with a header row' } } } : {}),
        },
      }
    : undefined;
  return {
    summary: op.summary,
    tags: [op.tag],
    operationId: `${op.method}${op.path.replace(/\/:?([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    ...(op.auth === 'none' ? { security: [] } : { security: [{ bearer: [] }], 'x-tailor-auth': op.auth }),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

function problemStatuses(op: ApiOperation): number[] {
  const statuses: number[] = [];
  if (op.body || op.query || op.headers) statuses.push(400);
  if (op.auth !== 'none') statuses.push(401, 403, 429);
  if (op.path.includes(':')) statuses.push(404);
  if (op.body) statuses.push(413, 422);
  return statuses;
}

/** A schema id (optionally with a fragment, `reports#/$defs/report`) as a component reference. */
function schemaRef(schema: string | Record<string, unknown>): Record<string, unknown> {
  return typeof schema === 'string' ? { $ref: rewriteRef('', schema) } : schema;
}

/**
 * A schema of `schemas/` as an OpenAPI component: `$id`/`$schema` dropped, and references rewritten to
 * point into `#/components/schemas/...` (`#/$defs/x` inside schema `s` becomes `#/components/schemas/s/$defs/x`;
 * `other#/...` becomes `#/components/schemas/other/...`).
 */
export function toComponent(id: string, schema: Record<string, unknown>): Record<string, unknown> {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') result[key] = rewriteRef(id, inner);
      else result[key] = rewrite(inner);
    }
    return result;
  };
  const { $id: _id, $schema: _schema, ...rest } = schema;
  return rewrite(rest) as Record<string, unknown>;
}

function rewriteRef(ownId: string, ref: string): string {
  const [target, fragment = ''] = ref.split('#');
  return `#/components/schemas/${target || ownId}${fragment}`;
}

/** `GET /api/v1/openapi.json`: the document, built once. */
export function openApiRoutes(document: Record<string, unknown>): Router {
  const router = Router();
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}

/** The operations of the shell itself (health and this document). */
export const shellApiOperations: ApiOperation[] = [
  { method: 'get', path: '/healthz', summary: 'The process is up', auth: 'none', tag: 'service', responses: { 200: { description: 'Up' } } },
  { method: 'get', path: '/readyz', summary: 'The database answers a ping', auth: 'none', tag: 'service', responses: { 200: { description: 'Ready' }, 503: { description: 'The database does not answer' } } },
  { method: 'get', path: '/api/v1/openapi.json', summary: 'This OpenAPI 3.1 document', auth: 'none', tag: 'service', responses: { 200: { description: 'The document' } } },
];
