import { Router, type Request } from 'express';
import { consultantIdOf, type Authenticator } from '../../access/index.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import { versionQuery } from '../../web/index.ts';
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

function engagementIdOf(req: Request): string {
  return String(req.params.engagementId);
}

