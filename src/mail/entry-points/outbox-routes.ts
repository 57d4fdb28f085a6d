import { Router, type RequestHandler } from 'express';
import type { OutboxEntry } from '../domain/list-outbox.ts';
import type { ApiOperation } from '../../web/openapi.ts';

/**
 * `GET /api/v1/engagements/:engagementId/outbox`: each mail's state and last error, for the consultant.
 * `guards` are required on purpose: the route only exists behind the checks that the caller is a
 * consultant (access) of that very engagement (engagements; 404 otherwise), run in the given order.
 */
export function outboxRoutes(listOutbox: (engagementId: string) => Promise<OutboxEntry[]>, guards: [RequestHandler, ...RequestHandler[]]): Router {
  const router = Router();
  router.get('/api/v1/engagements/:engagementId/outbox', ...guards, async (req, res) => {
    const mails = await listOutbox(String(req.params.engagementId));
    res.json({ mails });
  });
  return router;
}

/** OpenAPI description of the outbox route (response shape in `schemas/outbox.schema.json`). */
export const outboxApiOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/v1/engagements/:engagementId/outbox', summary: "The engagement's mails with their delivery state and last error", auth: 'consultant', tag: 'mail',
    responses: { 200: { description: 'The outbox, newest first, without bodies', schema: 'outbox' } },
  },
];
