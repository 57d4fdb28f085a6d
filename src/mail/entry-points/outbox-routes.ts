import { Router, type RequestHandler } from 'express';
import type { OutboxEntry } from '../domain/list-outbox.ts';

/**
 * `GET /api/v1/engagements/:engagementId/outbox`: each mail's state and last error, for the consultant.
 * `guard` is required on purpose: the route only exists behind the access check that the caller
 * is a consultant of that engagement (404 otherwise), supplied by the access component.
 */
export function outboxRoutes(listOutbox: (engagementId: string) => Promise<OutboxEntry[]>, guard: RequestHandler): Router {
  const router = Router();
  router.get('/api/v1/engagements/:engagementId/outbox', guard, async (req, res) => {
    const mails = await listOutbox(String(req.params.engagementId));
    res.json({ mails });
  });
  return router;
}
