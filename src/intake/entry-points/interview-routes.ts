import { Router, type Request } from 'express';
import { actorOf, type Authenticator } from '../../access/index.ts';
import type { EngagementsComponent } from '../../engagements/index.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import { listAudit } from '../data-access/audit-repository.ts';
import type { Author, IntakeContext, Subject } from '../use-cases/context.ts';
import { getIntake } from '../use-cases/get-intake.ts';
import { saveDraft, type SaveInput } from '../use-cases/save-draft.ts';
import { submitIntake } from '../use-cases/submit-intake.ts';
import { optionalBody } from './me-routes.ts';

const BASE = '/api/v1/engagements/:engagementId/people/:personId';

/**
 * A consultant conducting the interview live: the same intake, saved and submitted on the person's
 * behalf and recorded as such (`conductedBy`, and the consultant as author in the audit trail).
 */
export function interviewRoutes(
  ctx: IntakeContext,
  deps: { schemas: SchemaRegistry; auth: Authenticator; engagements: Pick<EngagementsComponent, 'getOwnPerson'> },
): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  /** The person, if they are on one of this consultant's engagements (404 otherwise). */
  const subjectOf = async (req: Request, res: Parameters<typeof actorOf>[0]): Promise<{ subject: Subject; author: Author }> => {
    const actor = actorOf(res);
    if (actor.kind !== 'consultant') throw new Error('subjectOf: route is missing requireConsultant');
    const person = await deps.engagements.getOwnPerson(actor.consultantId, String(req.params.engagementId), String(req.params.personId));
    return { subject: { engagementId: person.engagementId, personId: person.id }, author: { kind: 'consultant', id: actor.consultantId } };
  };

  router.get(`${BASE}/intake`, consultant, async (req, res) => {
    const { subject } = await subjectOf(req, res);
    res.json(await getIntake(ctx, subject));
  });
  router.put(`${BASE}/intake`, consultant, deps.schemas.validateBody('intake-draft'), async (req, res) => {
    const { subject, author } = await subjectOf(req, res);
    res.json(await saveDraft(ctx, subject, author, req.body as SaveInput));
  });
  router.post(`${BASE}/intake/submit`, consultant, async (req, res) => {
    const input = deps.schemas.assert<{ version?: number }>('intake-submit', optionalBody(req));
    const { subject, author } = await subjectOf(req, res);
    res.json(await submitIntake(ctx, subject, author, input));
  });
  router.get(`${BASE}/audit`, consultant, async (req, res) => {
    const { subject } = await subjectOf(req, res);
    res.json({ entries: await listAudit(ctx.connection, subject.personId) });
  });
  return router;
}
