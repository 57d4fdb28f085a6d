import { Router } from 'express';
import { CONSULTANT_HOME_PATH } from '../../engagements/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { consultantIdOf, engagementPath, ownEngagement, renderEngagementPage, type ConsultantPagesDeps } from './page-context.ts';

/** `POST /consultant/demo` creates the demo engagement; `…/remove` (a confirmation, then a POST) removes it. */
export function demoPages(deps: ConsultantPagesDeps): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.post(`${CONSULTANT_HOME_PATH}/demo`, consultant, async (_req, res) => {
    try {
      const engagement = await deps.demo.createDemoEngagement(consultantIdOf(res));
      res.redirect(303, `${engagementPath(engagement.id)}?done=demo-created`);
    } catch (error) {
      // A double click or a resubmit: the consultant already has a demo (perhaps still being made), so show them that one.
      const existingId = error instanceof ConflictError && error.code === 'demo-exists' ? error.extra.engagementId : undefined;
      if (typeof existingId !== 'string') throw error;
      res.redirect(303, `${engagementPath(existingId)}?done=demo-exists`);
    }
  });

  router.get('/consultant/engagements/:engagementId/remove', consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    // Only the demo can be removed; a real engagement's data is erased person by person.
    if (!engagement.isDemo) throw new NotFoundError('Only a demo engagement can be removed.', 'demo-not-found');
    renderEngagementPage(deps, req, res, { view: 'consultant/remove-demo', tab: 'overview', heading: 'Remove the demo engagement?', engagement }, {
      action: engagementPath(engagement.id, '/remove'),
      back: engagementPath(engagement.id),
    });
  });

  router.post('/consultant/engagements/:engagementId/remove', consultant, async (req, res) => {
    await deps.demo.removeDemoEngagement(consultantIdOf(res), String(req.params.engagementId));
    res.redirect(303, `${CONSULTANT_HOME_PATH}?done=demo-removed`);
  });
  return router;
}
