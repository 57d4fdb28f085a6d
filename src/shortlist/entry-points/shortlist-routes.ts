import { Router, type Request, type Response } from 'express';
import { actorOf, type Authenticator } from '../../access/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import type { ShortlistReviewInput } from '../domain/apply-review.ts';
import { computeShortlist } from '../use-cases/compute-shortlist.ts';
import type { ShortlistContext } from '../use-cases/context.ts';
import { getShortlist } from '../use-cases/get-shortlist.ts';
import { reviewShortlist } from '../use-cases/review-shortlist.ts';

const PATH = '/api/v1/engagements/:engagementId/shortlist';

/** The shortlist of an engagement: compute a version, read one, review the latest (consultants, their own engagements). */
export function shortlistRoutes(ctx: ShortlistContext, deps: { schemas: SchemaRegistry; auth: Authenticator }): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.post(PATH, consultant, async (req, res) => {
    const view = await computeShortlist(ctx, consultantIdOf(res), engagementIdOf(req));
    res.status(201).location(`/api/v1/engagements/${view.engagementId}/shortlist?version=${view.version}`).json(view);
  });
  router.get(PATH, consultant, async (req, res) => {
    res.json(await getShortlist(ctx, consultantIdOf(res), engagementIdOf(req), versionQuery(req)));
  });
  router.patch(PATH, consultant, deps.schemas.validateBody('shortlist-review'), async (req, res) => {
    res.json(await reviewShortlist(ctx, consultantIdOf(res), engagementIdOf(req), req.body as ShortlistReviewInput));
  });
  return router;
}

function consultantIdOf(res: Response): string {
  const actor = actorOf(res);
  if (actor.kind !== 'consultant') throw new Error('shortlist routes: requireConsultant is missing');
  return actor.consultantId;
}

function engagementIdOf(req: Request): string {
  return String(req.params.engagementId);
}

function versionQuery(req: Request): number | undefined {
  const raw = req.query.version;
  if (raw === undefined) return undefined;
  const version = typeof raw === 'string' && /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : undefined;
  if (version === undefined) throw new ValidationError('The query is not valid.', [{ pointer: '/query/version', message: 'must be a version number (1, 2, …)' }]);
  return version;
}
