import type { ApiOperation } from '../web/openapi.ts';

const tag = 'library';

/** OpenAPI descriptions of the library and matching routes. */
export const libraryApiOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/v1/modules', summary: 'The training-module library, by id', auth: 'consultant', tag,
    responses: { 200: { description: 'Every training module', schema: { type: 'object', required: ['modules'], properties: { modules: { type: 'array', items: { $ref: '#/components/schemas/module' } } } } } },
  },
  {
    method: 'get', path: '/api/v1/modules/:moduleId', summary: 'One training module', auth: 'consultant', tag,
    responses: { 200: { description: 'The training module', schema: 'module' } },
  },
  {
    method: 'post', path: '/api/v1/match', summary: 'Rank training modules for work tasks, with evidence and the gap flag', auth: 'consultant', tag,
    body: { schema: 'match-request' },
    responses: {
      200: { description: 'One result per task, in request order', schema: 'match-results' },
      422: { description: 'A task id is repeated (`task-id-repeated`)', schema: 'problem', contentType: 'application/problem+json' },
    },
  },
];
