import { Router } from 'express';
import type { Connection } from 'mongoose';
import { UpstreamError } from '../platform/errors.ts';

/** `/healthz`: the process is up. `/readyz`: the database answers a ping. */
export function healthRoutes(connection: Connection): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      if (!connection.db) throw new Error('not connected');
      await connection.db.admin().ping();
    } catch (error) {
      throw new UpstreamError('The database does not answer.', 'database-unavailable', { cause: error });
    }
    res.json({ status: 'ready' });
  });
  return router;
}
