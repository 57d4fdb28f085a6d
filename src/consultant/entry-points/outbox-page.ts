import { Router } from 'express';
import { outboxModel } from '../domain/outbox-model.ts';
import { ownEngagement, renderEngagementPage, type ConsultantPagesDeps } from './page-context.ts';

/** `GET /consultant/engagements/:engagementId/outbox`: each mail's kind, recipient, state, attempts and last error. */
export function outboxPage(deps: ConsultantPagesDeps): Router {
  const router = Router();
  router.get('/consultant/engagements/:engagementId/outbox', deps.auth.requireConsultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const mails = await deps.mail.listOutbox(engagement.id);
    renderEngagementPage(deps, req, res, { view: 'consultant/outbox', tab: 'outbox', heading: 'Outbox', engagement }, { outbox: outboxModel(mails), writesFilesOnly: deps.mail.writesFilesOnly });
  });
  return router;
}
