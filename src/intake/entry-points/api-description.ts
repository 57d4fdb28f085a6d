import type { ApiOperation } from '../../web/openapi.ts';

const tag = 'intake';
const PERSON = '/api/v1/engagements/:engagementId/people/:personId';
const problem = (description: string) => ({ description, schema: 'problem', contentType: 'application/problem+json' });

/** OpenAPI descriptions of the intake routes. */
export const intakeApiOperations: ApiOperation[] = [
  { method: 'get', path: '/api/v1/me', summary: 'Who I am, my engagement, my question banks', auth: 'person', tag, responses: { 200: { description: 'Me', schema: 'me' } } },
  { method: 'get', path: '/api/v1/me/intake', summary: 'My intake with its question bank', auth: 'person', tag, responses: { 200: { description: 'The intake', schema: 'intake' } } },
  {
    method: 'put', path: '/api/v1/me/intake', summary: 'Save my answers as a draft (or amend a submitted intake until my manager has reviewed it)', auth: 'person', tag,
    body: { schema: 'intake-draft' },
    responses: { 200: { description: 'The saved intake', schema: 'intake' }, 409: problem('Stale version (`intake-version-conflict`) or already reviewed (`intake-reviewed`)'), 422: problem('Answers that do not fit their questions (`answers-invalid`), or an incomplete amendment (`intake-incomplete`)') },
  },
  {
    method: 'post', path: '/api/v1/me/intake/submit', summary: 'Submit my intake (submitting again changes nothing)', auth: 'person', tag,
    body: { schema: 'intake-submit', description: 'May be left out; when sent, it must be application/json.', isOptional: true },
    responses: { 200: { description: 'The submitted intake', schema: 'intake' }, 415: problem('A body that is not JSON (`unsupported-media-type`): its version would go unread'), 422: problem('Incomplete: `intake-incomplete` with `errors: [{questionId, message}]`') },
  },
  { method: 'get', path: '/api/v1/me/reports', summary: 'My direct reports and their submitted tasks', auth: 'person', tag, responses: { 200: { description: 'Reports', schema: 'reports' } } },
  {
    method: 'put', path: '/api/v1/me/reports/:personId/review', summary: "Confirm, reword or reject a report's tasks, set priorities and go-live dates, add missed tasks", auth: 'person', tag,
    body: { schema: 'manager-review' },
    responses: { 200: { description: 'The report after review', schema: 'reports#/$defs/report' }, 409: problem('The report has not submitted yet (`intake-not-submitted`)'), 422: problem('Decisions that do not match the tasks (`review-invalid`)') },
  },
  { method: 'get', path: `${PERSON}/intake`, summary: "A person's intake (consultant conducting the interview)", auth: 'consultant', tag, responses: { 200: { description: 'The intake', schema: 'intake' } } },
  {
    method: 'put', path: `${PERSON}/intake`, summary: "Save a person's answers on their behalf during a live interview", auth: 'consultant', tag,
    body: { schema: 'intake-draft' },
    responses: { 200: { description: 'The saved intake', schema: 'intake' } },
  },
  {
    method: 'post', path: `${PERSON}/intake/submit`, summary: "Submit a person's intake on their behalf", auth: 'consultant', tag,
    body: { schema: 'intake-submit', description: 'May be left out; when sent, it must be application/json.', isOptional: true },
    responses: { 200: { description: 'The submitted intake', schema: 'intake' }, 415: problem('A body that is not JSON (`unsupported-media-type`): its version would go unread') },
  },
  {
    method: 'get', path: `${PERSON}/audit`, summary: "The audit trail of a person's answers (who, when, which fields; never the answers themselves)", auth: 'consultant', tag,
    responses: { 200: { description: 'Entries, oldest first', schema: { type: 'object', properties: { entries: { type: 'array', items: { type: 'object' } } } } } },
  },
];
