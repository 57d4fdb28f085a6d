import type { ApiOperation } from '../../web/openapi.ts';

const PATH = '/api/v1/engagements/:engagementId/shortlist';
const tag = 'shortlist';
const problem = (description: string) => ({ description, schema: 'problem', contentType: 'application/problem+json' });

/** OpenAPI descriptions of the shortlist routes. */
export const shortlistApiOperations: ApiOperation[] = [
  {
    method: 'post', path: PATH, summary: 'Compute a new shortlist version from the task records (earlier versions are kept; decisions carried over)', auth: 'consultant', tag,
    responses: {
      201: { description: 'The new version, with what could not be carried over in `carryOver.notCarried`', schema: 'shortlist' },
      409: problem('The shortlist changed while it was computed (`shortlist-changed`); compute again'),
    },
  },
  {
    method: 'get', path: PATH, summary: 'The latest shortlist version, or an earlier one', auth: 'consultant', tag,
    query: [{ name: 'version', description: 'An earlier version number (default: the latest)', schema: { type: 'integer', minimum: 1 } }],
    responses: { 200: { description: 'The version', schema: 'shortlist' } },
  },
  {
    method: 'patch', path: PATH, summary: 'Review the latest version: approve, reject or pin training modules per cohort, reorder, notes; approve the shortlist', auth: 'consultant', tag,
    body: { schema: 'shortlist-review' },
    responses: {
      200: { description: 'The version after the review', schema: 'shortlist' },
      409: problem('Approval while cohorts have no approved or pinned module (`cohorts-without-modules`, with `cohorts`), a version without cohorts (`shortlist-empty`), a concurrent change (`shortlist-changed`), or a stated `version` that is not the latest (`shortlist-version-stale`, with `latestVersion`)'),
      422: problem('Unknown cohort or module ids, or a module that cannot be taught (`shortlist-review-invalid`, with `errors[].pointer`)'),
    },
  },
];
