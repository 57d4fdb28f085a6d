import { Router, type Request, type Response } from 'express';
import { actorOf, type Authenticator } from '../../access/index.ts';
import { assertJsonIfBody, type SchemaRegistry } from '../../platform/validation.ts';
import type { ReviewInput } from '../domain/review-rules.ts';
import type { Author, IntakeContext, Subject } from '../use-cases/context.ts';
import { getIntake } from '../use-cases/get-intake.ts';
import { getMe } from '../use-cases/get-me.ts';
import { listMyReports, reviewReport } from '../use-cases/review-reports.ts';
import { saveDraft, type SaveInput } from '../use-cases/save-draft.ts';
import { submitIntake } from '../use-cases/submit-intake.ts';

/** The signed-in person, from their personal token. */
function me(res: Response): Subject & { author: Author } {
  const actor = actorOf(res);
  if (actor.kind !== 'person') throw new Error('me(): route is missing requirePerson');
  return { engagementId: actor.engagementId, personId: actor.personId, author: { kind: 'person', id: actor.personId } };
}

/** A body that may be absent altogether counts as `{}`; one that is there must be JSON. */
export function optionalBody(req: Request): unknown {
  assertJsonIfBody(req);
  return req.body === undefined ? {} : req.body;
}

/** `/api/v1/me…`: a participant's own intake, and a manager's reports. */
export function meRoutes(ctx: IntakeContext, deps: { schemas: SchemaRegistry; auth: Authenticator }): Router {
  const router = Router();
  const person = deps.auth.requirePerson;

  router.get('/api/v1/me', person, async (_req, res) => {
    res.json(await getMe(ctx, me(res)));
  });
  router.get('/api/v1/me/intake', person, async (_req, res) => {
    res.json(await getIntake(ctx, me(res)));
  });
  router.put('/api/v1/me/intake', person, deps.schemas.validateBody('intake-draft'), async (req, res) => {
    const { author, ...subject } = me(res);
    res.json(await saveDraft(ctx, subject, author, req.body as SaveInput));
  });
  router.post('/api/v1/me/intake/submit', person, async (req, res) => {
    const input = deps.schemas.assert<{ version?: number }>('intake-submit', optionalBody(req));
    const { author, ...subject } = me(res);
    res.json(await submitIntake(ctx, subject, author, input));
  });
  router.get('/api/v1/me/reports', person, async (_req, res) => {
    res.json({ reports: await listMyReports(ctx, me(res)) });
  });
  router.put('/api/v1/me/reports/:personId/review', person, deps.schemas.validateBody('manager-review'), async (req, res) => {
    res.json(await reviewReport(ctx, me(res), String(req.params.personId), req.body as ReviewInput));
  });
  return router;
}
