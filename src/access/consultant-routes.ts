import { Router } from 'express';
import type { Connection } from 'mongoose';
import type { SchemaRegistry } from '../platform/validation.ts';
import type { ApiOperation } from '../web/openapi.ts';
import type { Authenticator } from './authenticate.ts';
import { actorOf } from './authenticate.ts';
import { createConsultant } from './consultants.ts';
import { findConsultant } from './credential-repository.ts';
import { NotFoundError } from '../platform/errors.ts';

/** `POST /api/v1/consultants` (administrators) and `GET /api/v1/consultants/me`. */
export function consultantRoutes(deps: { connection: Connection; schemas: SchemaRegistry; auth: Authenticator }): Router {
  const router = Router();
  router.post('/api/v1/consultants', deps.auth.requireAdmin, deps.schemas.validateBody('consultant-create'), async (req, res) => {
    const created = await createConsultant(deps.connection, req.body as { name: string; email: string });
    req.log?.info({ consultantId: created.id }, 'consultant created');
    res.status(201).location(`/api/v1/consultants/${created.id}`).json(created);
  });
  router.get('/api/v1/consultants/me', deps.auth.requireConsultant, async (_req, res) => {
    const actor = actorOf(res);
    const consultant = actor.kind === 'consultant' ? await findConsultant(deps.connection, actor.consultantId) : undefined;
    if (!consultant) throw new NotFoundError('No such consultant.', 'consultant-not-found');
    res.json(consultant);
  });
  return router;
}

export const consultantApiOperations: ApiOperation[] = [
  {
    method: 'post', path: '/api/v1/consultants', summary: 'Add a consultant and issue their token (shown once)', auth: 'admin', tag: 'access',
    body: { schema: 'consultant-create' },
    responses: { 201: { description: 'Created, with its token', schema: 'consultant' }, 409: { description: 'A consultant with this email exists', schema: 'problem', contentType: 'application/problem+json' } },
  },
  {
    method: 'get', path: '/api/v1/consultants/me', summary: 'The calling consultant', auth: 'consultant', tag: 'access',
    responses: { 200: { description: 'The consultant', schema: 'consultant' } },
  },
];
