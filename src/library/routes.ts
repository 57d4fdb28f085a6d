import { Router } from 'express';
import type { Authenticator } from '../access/index.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import { matchTasks, type MatchRequest } from './match-tasks.ts';
import type { ModuleCatalogue } from './module-catalogue.ts';

/**
 * `GET /api/v1/modules`, `GET /api/v1/modules/:moduleId` and `POST /api/v1/match`, for consultants only.
 * Persons are refused (403): a participant's brief already carries what they need of the training
 * modules that serve them, while the library is the consultancy's material and holds modules for
 * other clients and departments; a personal link should open one person's own data and nothing else.
 */
export function libraryRoutes(catalogue: ModuleCatalogue, deps: { schemas: SchemaRegistry; auth: Authenticator }): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.get('/api/v1/modules', consultant, (_req, res) => {
    res.json({ modules: catalogue.modules });
  });
  router.get('/api/v1/modules/:moduleId', consultant, (req, res) => {
    const module = catalogue.find(String(req.params.moduleId));
    if (!module) throw new NotFoundError('No training module with this id in the library.', 'module-not-found');
    res.json(module);
  });
  router.post('/api/v1/match', consultant, deps.schemas.validateBody('match-request'), (req, res) => {
    res.json(matchTasks(catalogue, req.body as MatchRequest));
  });
  return router;
}
