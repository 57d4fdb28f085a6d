import type { ApiOperation } from '../../web/openapi.ts';
import { CURRICULUM_PATH } from './curriculum-routes.ts';

const tag = 'curriculum';
const problem = (description: string) => ({ description, schema: 'problem', contentType: 'application/problem+json' });
const versionQuery = [{ name: 'version', description: 'An earlier version number (default: the latest)', schema: { type: 'integer', minimum: 1 } }];

/** OpenAPI descriptions of the curriculum and brief routes. */
export const curriculumApiOperations: ApiOperation[] = [
  {
    method: 'post', path: CURRICULUM_PATH, summary: 'Generate a new draft curriculum version from the approved shortlist (earlier versions are kept)', auth: 'consultant', tag,
    responses: {
      201: { description: 'The new version, with flags for the consultant (past or missing go-lives, cohorts of one, modules gone from the library, roster changes)', schema: 'curriculum' },
      409: problem('The shortlist is missing (`shortlist-not-computed`) or not approved (`shortlist-not-approved`)'),
      422: problem('The engagement cannot be planned (`invalid-schedule-input`: e.g. an unknown time zone)'),
    },
  },
  {
    method: 'get', path: CURRICULUM_PATH, summary: 'The latest curriculum version as JSON, or an earlier one', auth: 'consultant', tag,
    query: versionQuery,
    responses: { 200: { description: 'The version', schema: 'curriculum' } },
  },
  {
    method: 'get', path: `${CURRICULUM_PATH}/versions`, summary: 'Every curriculum version, newest first', auth: 'consultant', tag,
    responses: { 200: { description: 'The versions', schema: 'curriculum-versions' } },
  },
  {
    method: 'post', path: `${CURRICULUM_PATH}/publish`, summary: "Publish the latest version and queue every participant's brief in the same transaction", auth: 'consultant', tag,
    body: { schema: 'curriculum-publish', description: 'May be left out. `version`, when given, must be the latest.', isOptional: true },
    responses: {
      200: {
        description: 'Published; `briefsQueued` is 0 when it was published before (nothing is sent twice)',
        schema: {
          type: 'object',
          required: ['version', 'status', 'publishedAt', 'briefsQueued', 'participantCount'],
          properties: {
            version: { type: 'integer' }, status: { const: 'published' }, publishedAt: { type: 'string', format: 'date-time' },
            briefsQueued: { type: 'integer', minimum: 0 }, participantCount: { type: 'integer', minimum: 0 },
          },
        },
      },
      409: problem('`version` is not the latest (`curriculum-version-stale`, with `latestVersion`)'),
    },
  },
  {
    method: 'get', path: `${CURRICULUM_PATH}.html`, summary: 'The curriculum as a printable HTML document (one section per cohort)', auth: 'consultant', tag,
    query: versionQuery,
    responses: { 200: { description: 'A standalone HTML document', schema: { type: 'string' }, contentType: 'text/html' } },
  },
  {
    method: 'get', path: `${CURRICULUM_PATH}.ics`, summary: 'The curriculum as an iCalendar file, one event per session', auth: 'consultant', tag,
    query: versionQuery,
    responses: { 200: { description: 'iCalendar (RFC 5545); UIDs are stable across versions, SEQUENCE is the version', schema: { type: 'string' }, contentType: 'text/calendar' } },
  },
  {
    method: 'get', path: '/api/v1/me/brief', summary: 'My personal brief from the latest published curriculum', auth: 'person', tag,
    responses: { 200: { description: 'The brief', schema: 'brief' }, 404: problem('No curriculum is published yet (`curriculum-not-published`)') },
  },
  {
    method: 'get', path: '/api/v1/me/brief.ics', summary: "My cohort's sessions as an iCalendar file", auth: 'person', tag,
    responses: { 200: { description: 'iCalendar (RFC 5545)', schema: { type: 'string' }, contentType: 'text/calendar' }, 404: problem('No curriculum is published yet (`curriculum-not-published`)') },
  },
];
