import type { ApiOperation } from '../../web/openapi.ts';

const ENGAGEMENT = '/api/v1/engagements/:engagementId';
const PERSON = `${ENGAGEMENT}/people/:personId`;
const tag = 'engagements';

/** OpenAPI descriptions of the engagement and roster routes. */
export const engagementApiOperations: ApiOperation[] = [
  {
    method: 'post', path: '/api/v1/engagements', summary: 'Open an engagement', auth: 'consultant', tag,
    body: { schema: 'engagement-create' },
    headers: [{ name: 'Idempotency-Key', description: 'Optional, 8 to 128 letters, digits or - _ . : chosen by the client. Sent again with the same key (a retry after a lost answer), the creation opens nothing new and answers with the engagement the first one opened; sent with other fields, it is refused (422 `idempotency-key-reused`, with that `engagementId`).', schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' } }],
    responses: {
      201: { description: 'The engagement (for a repeated Idempotency-Key, the one opened the first time)', schema: 'engagement' },
      422: { description: 'Breaks a rule (`engagement-invalid`), or reuses an Idempotency-Key with other fields (`idempotency-key-reused`)', schema: 'problem', contentType: 'application/problem+json' },
    },
  },
  {
    method: 'get', path: '/api/v1/engagements', summary: "The calling consultant's engagements, newest first", auth: 'consultant', tag,
    responses: { 200: { description: 'Engagements', schema: { type: 'object', properties: { engagements: { type: 'array', items: { $ref: '#/components/schemas/engagement' } } } } } },
  },
  { method: 'get', path: ENGAGEMENT, summary: 'One engagement', auth: 'consultant', tag, responses: { 200: { description: 'The engagement', schema: 'engagement' } } },
  {
    method: 'patch', path: ENGAGEMENT, summary: 'Change an engagement (name, departments, time zone, modules, milestones)', auth: 'consultant', tag,
    body: { schema: 'engagement-update' },
    responses: {
      200: { description: 'The engagement', schema: 'engagement' },
      409: { description: 'A department left out of `departments` still has people on it (`department-in-use`); move them first', schema: 'problem', contentType: 'application/problem+json' },
    },
  },
  {
    method: 'get', path: `${ENGAGEMENT}/status`, summary: 'Completion per engagement and department (running totals)', auth: 'consultant', tag,
    responses: { 200: { description: 'Counts', schema: 'engagement-status' } },
  },
  {
    method: 'get', path: `${ENGAGEMENT}/export`, summary: "Export the engagement's answers and task records", auth: 'consultant', tag,
    query: [
      { name: 'format', description: 'json (default) or csv', schema: { enum: ['json', 'csv'] } },
      { name: 'part', description: 'CSV only: answers (default, one row per answer) or tasks (one row per task record)', schema: { enum: ['answers', 'tasks'] } },
      { name: 'bom', description: 'CSV only: true starts the file with a UTF-8 byte-order mark, without which Excel reads accented names wrongly (default false)', schema: { enum: ['true', 'false'] } },
    ],
    responses: { 200: { description: 'JSON, or CSV with a header row', schema: { type: 'object' } } },
  },
  {
    method: 'post', path: `${ENGAGEMENT}/people`, summary: 'Add or update people on the roster (JSON or text/csv); new people get their personal link once', auth: 'consultant', tag,
    body: { schema: 'people-add', csv: true, description: 'CSV header: name,email,department,roleLevel,managerEmail. Malformed rows are reported by line. Send UTF-8 (a declared charset= TextDecoder knows is honoured): bytes that are not text are 400 csv-not-utf8 (csv-not-in-charset with a declared charset), never stored garbled.' },
    responses: { 201: { description: 'The people, in the order sent', schema: 'people-added' }, 415: { description: 'Neither JSON nor CSV', schema: 'problem', contentType: 'application/problem+json' } },
  },
  {
    method: 'get', path: `${ENGAGEMENT}/people`, summary: 'The roster with each person\'s stage', auth: 'consultant', tag,
    responses: { 200: { description: 'People', schema: { type: 'object', properties: { people: { type: 'array', items: { $ref: '#/components/schemas/person' } } } } } },
  },
  {
    method: 'delete', path: PERSON, summary: 'Erase a person: answers and tasks removed, links revoked, counts kept anonymously', auth: 'consultant', tag,
    responses: { 204: { description: 'Erased' } },
  },
  {
    method: 'post', path: `${PERSON}/token`, summary: 'Issue a new personal link (older links stop working)', auth: 'consultant', tag,
    responses: { 201: { description: 'The new link, shown once', schema: { type: 'object', required: ['personId', 'token', 'inviteUrl', 'expiresAt'], properties: { personId: { type: 'string' }, token: { type: 'string' }, inviteUrl: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } } } },
  },
  { method: 'delete', path: `${PERSON}/token`, summary: "Revoke a person's links", auth: 'consultant', tag, responses: { 204: { description: 'Revoked' } } },
];
