import { Router, type Request, type Response } from 'express';
import type { CurriculumView } from '../../curriculum/index.ts';
import type { Engagement } from '../../engagements/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { calendarModel, versionRows } from '../domain/calendar-model.ts';
import { consultantIdOf, engagementPath, noticeFor, ownEngagement, renderEngagementPage, versionQuery, type ConsultantPagesDeps } from './page-context.ts';

const PAGE = '/consultant/engagements/:engagementId/curriculum';

const NOTICES = {
  generated: 'A new draft version was generated from the approved shortlist. Check the flags, then publish it.',
  published: 'The curriculum is published: each participant’s personal brief is in the outbox (a version published before sends nothing twice).',
};

/** The curriculum page: generate a version, the calendar, the flags, the downloads, publish, the versions. */
export function curriculumPages(deps: ConsultantPagesDeps): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.get(PAGE, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    await renderCurriculum(deps, req, res, engagement, { notice: noticeFor(req, NOTICES) }, versionQuery(req));
  });

  router.post(`${PAGE}/generate`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    try {
      await deps.curriculum.generateCurriculum(consultantIdOf(res), engagement.id);
    } catch (error) {
      // No approved shortlist yet: say so where the button is, with the way to the shortlist.
      if (!(error instanceof ConflictError)) throw error;
      return renderCurriculum(deps, req, res, engagement, { problem: error.message, status: 409 });
    }
    res.redirect(303, `${engagementPath(engagement.id, '/curriculum')}?done=generated`);
  });

  router.post(`${PAGE}/publish`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const version = Number(String(req.body?.version ?? ''));
    try {
      await deps.curriculum.publishCurriculum(consultantIdOf(res), engagement.id, Number.isInteger(version) && version > 0 ? { version } : {});
    } catch (error) {
      // A newer version was generated since the page was loaded: publish nothing, show the latest.
      if (!(error instanceof ConflictError)) throw error;
      return renderCurriculum(deps, req, res, engagement, { problem: error.message, status: 409 });
    }
    res.redirect(303, `${engagementPath(engagement.id, '/curriculum')}?done=published`);
  });
  return router;
}

async function renderCurriculum(
  deps: ConsultantPagesDeps,
  req: Request,
  res: Response,
  engagement: Engagement,
  extras: { notice?: { kind: 'success' | 'info' | 'warning'; message: string }; problem?: string; status?: number },
  version?: number,
): Promise<void> {
  const consultantId = consultantIdOf(res);
  const [view, versions] = await Promise.all([findCurriculum(deps, consultantId, engagement.id, version), deps.curriculum.listVersions(consultantId, engagement.id)]);
  const api = `/api/v1/engagements/${engagement.id}/curriculum`;
  const shown = view?.version;
  renderEngagementPage(deps, req, res, { view: 'consultant/curriculum', tab: 'curriculum', heading: 'Curriculum', engagement, status: extras.status }, {
    notice: extras.notice,
    errors: extras.problem ? [{ href: '#curriculum-actions', target: 'curriculum-actions', message: extras.problem }] : [],
    problem: extras.problem,
    basePath: engagementPath(engagement.id, '/curriculum'),
    shortlistPath: engagementPath(engagement.id, '/shortlist'),
    curriculum: view && calendarModel(view),
    isLatest: view !== undefined && view.version === versions[0]?.version,
    downloads: shown ? { html: `${api}.html?version=${shown}`, ics: `${api}.ics?version=${shown}` } : undefined,
    versions: versionRows(versions, shown ?? 0, engagement.timeZone).map((v) => ({ ...v, href: `${engagementPath(engagement.id, '/curriculum')}?version=${v.version}` })),
  });
}

async function findCurriculum(deps: ConsultantPagesDeps, consultantId: string, engagementId: string, version?: number): Promise<CurriculumView | undefined> {
  try {
    return await deps.curriculum.getCurriculum(consultantId, engagementId, version);
  } catch (error) {
    if (error instanceof NotFoundError && error.code === 'curriculum-not-found') return undefined;
    throw error;
  }
}
