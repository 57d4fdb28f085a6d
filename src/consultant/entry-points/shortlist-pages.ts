import { Router, type Request, type Response } from 'express';
import type { Engagement } from '../../engagements/index.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../platform/errors.ts';
import type { ModuleDecisionInput, ShortlistReviewInput, ShortlistView } from '../../shortlist/index.ts';
import { coverageMatrix } from '../domain/coverage-matrix.ts';
import { presentProblems, textOf, type FormProblem } from '../domain/form-body.ts';
import { cohortHeading } from '../domain/labels.ts';
import { shortlistPageModel } from '../domain/shortlist-page-model.ts';
import { consultantIdOf, engagementPath, noticeFor, ownEngagement, renderEngagementPage, versionQuery, type ConsultantPagesDeps } from './page-context.ts';

const PAGE = '/consultant/engagements/:engagementId/shortlist';
const DECISIONS: Readonly<Record<string, ModuleDecisionInput['decision']>> = { approve: 'approve', reject: 'reject', pin: 'pin', approved: 'approve', pinned: 'pin' };

const NOTICES = {
  computed: 'A new version of the shortlist was computed from today\'s tasks. Decisions of the previous version were carried over where they still apply.',
  decided: 'Saved.',
  approved: 'The shortlist is approved. You can now generate the curriculum.',
};

const COMPUTED_MEANWHILE = 'Another computation of this shortlist finished at the same time (a second click, or another tab), so this one was not stored. Here is the latest version.';

/** What a review form may re-render with: its problems, cohorts that still need a module, or a notice. */
interface ShortlistExtras {
  problems?: FormProblem[];
  cohortsNeedingModule?: Set<string>;
  /** A note sent back to its form as typed (the module's anchor), e.g. when it was too long to save. */
  typedNote?: { anchor: string; note: string };
  notice?: { kind: 'success' | 'info' | 'warning'; message: string };
  status?: number;
}

/** The shortlist page and its forms: compute, decide per module (approve, reject, pin, move, note), pin one in, approve. */
export function shortlistPages(deps: ConsultantPagesDeps): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.get(PAGE, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    await renderShortlist(deps, req, res, engagement, { notice: noticeFor(req, NOTICES) }, versionQuery(req));
  });

  router.post(`${PAGE}/compute`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    try {
      await deps.shortlist.computeShortlist(consultantIdOf(res), engagement.id);
    } catch (error) {
      // Another computation (a second click, another tab) stored its version first: that one is the latest
      // now, and computing again would only repeat it, so show it rather than an error page.
      if (!(error instanceof ConflictError && error.code === 'shortlist-changed')) throw error;
      return renderShortlist(deps, req, res, engagement, { notice: { kind: 'warning', message: COMPUTED_MEANWHILE }, status: 409 });
    }
    res.redirect(303, `${engagementPath(engagement.id, '/shortlist')}?done=computed`);
  });

  router.post(`${PAGE}/decisions`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const body = req.body ?? {};
    const cohortId = textOf(body, 'cohortId');
    const moduleId = textOf(body, 'moduleId');
    const position = /^[1-9]\d{0,2}$/.test(textOf(body, 'position')) ? Number(textOf(body, 'position')) : undefined;
    // A move keeps the module's decision; a decision button says which one.
    const decision = DECISIONS[position !== undefined ? textOf(body, 'current') : textOf(body, 'decision')];
    if (!decision) return renderShortlist(deps, req, res, engagement, { problems: [{ field: `module-${cohortId}-${moduleId}`, message: 'Choose approve, pin or reject.' }], status: 422 });
    // Browsers send a textarea's line breaks as CRLF; the note keeps the ones the consultant typed. The limit
    // counts characters as the schema does (code points), so an emoji is one, not two.
    const note = textOf(body, 'note').replace(/\r\n?/g, '\n');
    const anchor = `module-${cohortId}-${moduleId}`;
    if ([...note].length > 2000) {
      return renderShortlist(deps, req, res, engagement, { problems: [{ field: `note-${anchor}`, message: 'Keep the note to 2,000 characters.' }], typedNote: { anchor, note }, status: 422 });
    }
    await review(deps, req, res, engagement, { cohorts: [{ id: cohortId, modules: [{ moduleId, decision, ...(position ? { position } : {}), note }] }] }, { anchor: `#${anchor}`, typedNote: { anchor, note } });
  });

  router.post(`${PAGE}/pin`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const cohortId = textOf(req.body ?? {}, 'cohortId');
    const moduleId = textOf(req.body ?? {}, 'moduleId');
    if (!moduleId) return renderShortlist(deps, req, res, engagement, { problems: [{ field: `pin-${cohortId}`, message: 'Choose a training module to pin.' }], status: 422 });
    await review(deps, req, res, engagement, { cohorts: [{ id: cohortId, modules: [{ moduleId, decision: 'pin' }] }] }, { anchor: `#module-${cohortId}-${moduleId}` });
  });

  router.post(`${PAGE}/approve`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    await review(deps, req, res, engagement, { status: 'approved' }, { anchor: '', done: 'approved' });
  });
  return router;
}

/** Where a review form's answer lands (`#module-…`), its `done` flag, and the note it sent, shown again if nothing is saved. */
interface ReviewForm {
  anchor: string;
  done?: string;
  typedNote?: ShortlistExtras['typedNote'];
}

/**
 * Applies one review to the latest version. The form names the version it was shown: when a newer one
 * was computed since, nothing is applied and the latest is shown instead, so no decision lands on a
 * list the consultant has not seen. Whenever nothing is saved, the note comes back as typed.
 */
async function review(deps: ConsultantPagesDeps, req: Request, res: Response, engagement: Engagement, input: ShortlistReviewInput, form: ReviewForm): Promise<void> {
  const { anchor, done = 'decided', typedNote } = form;
  const consultantId = consultantIdOf(res);
  const shown = Number(textOf(req.body ?? {}, 'version'));
  const latest = await deps.shortlist.getShortlist(consultantId, engagement.id);
  if (shown !== latest.version) {
    return renderShortlist(deps, req, res, engagement, { notice: { kind: 'warning', message: `A newer version (${latest.version}) was computed since that page was loaded, so nothing was changed. Here is the latest; decide again.` }, typedNote, status: 409 });
  }
  try {
    // The same check as the API's PATCH: the use case trusts the shape it is given. The shown version goes
    // with it, so a version computed after the check above is refused there too instead of being decided.
    await deps.shortlist.reviewShortlist(consultantId, engagement.id, deps.schemas.assert<ShortlistReviewInput>('shortlist-review', { ...input, version: shown }));
    res.redirect(303, `${engagementPath(engagement.id, '/shortlist')}?done=${done}${anchor}`);
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'cohorts-without-modules') {
      const cohorts = (error.extra.cohorts ?? []) as Array<{ id: string; department: string; roleLevel: Parameters<typeof cohortHeading>[0]['roleLevel'] }>;
      const problems = cohorts.map((c) => ({ field: `cohort-${c.id}`, message: `${cohortHeading(c)} has no approved or pinned training module yet: approve or pin one before approving the shortlist.` }));
      return renderShortlist(deps, req, res, engagement, { problems, cohortsNeedingModule: new Set(cohorts.map((c) => c.id)), status: 409 });
    }
    if (error instanceof ConflictError) return renderShortlist(deps, req, res, engagement, { notice: { kind: 'warning', message: error.message }, typedNote, status: 409 });
    if (error instanceof UnprocessableError || error instanceof ValidationError) {
      const problems = error.errors.map((p) => ({ field: anchor.slice(1) || 'shortlist-actions', message: p.message }));
      return renderShortlist(deps, req, res, engagement, { problems, typedNote, status: 422 });
    }
    throw error;
  }
}

async function renderShortlist(deps: ConsultantPagesDeps, req: Request, res: Response, engagement: Engagement, extras: ShortlistExtras, version?: number): Promise<void> {
  const consultantId = consultantIdOf(res);
  const [shortlist, people] = await Promise.all([findShortlist(deps, consultantId, engagement.id, version), deps.engagements.listPeople(engagement.id)]);
  const { errors, fieldErrors } = presentProblems(extras.problems ?? []);
  const pinnable = (engagement.moduleIds.length > 0 ? engagement.moduleIds : deps.library.modules.map((m) => m.id))
    .flatMap((id) => { const module = deps.library.find(id); return module ? [{ id, title: module.title }] : []; });
  renderEngagementPage(deps, req, res, { view: 'consultant/shortlist', tab: 'shortlist', heading: 'Shortlist', engagement, status: extras.status }, {
    notice: extras.notice,
    errors,
    fieldErrors,
    basePath: engagementPath(engagement.id, '/shortlist'),
    shortlist: shortlist && { ...withTypedNote(shortlistPageModel(shortlist, { people, pinnable, cohortsNeedingModule: extras.cohortsNeedingModule, consultantId }), extras.typedNote, fieldErrors), matrix: coverageMatrix(shortlist) },
  });
}

/** The module whose note came back shows it as typed, with its problem beside the field, instead of the stored note. */
function withTypedNote(model: ReturnType<typeof shortlistPageModel>, typed: ShortlistExtras['typedNote'], fieldErrors: Record<string, string>) {
  if (!typed) return model;
  const cohorts = model.cohorts.map((cohort) => ({
    ...cohort,
    modules: cohort.modules.map((m) => (m.anchor === typed.anchor ? { ...m, note: typed.note, noteError: fieldErrors[`note-${m.anchor}`] } : m)),
  }));
  return { ...model, cohorts };
}

async function findShortlist(deps: ConsultantPagesDeps, consultantId: string, engagementId: string, version?: number): Promise<ShortlistView | undefined> {
  try {
    return await deps.shortlist.getShortlist(consultantId, engagementId, version);
  } catch (error) {
    // No shortlist yet: the page offers to compute one. An unknown version is a plain 404.
    if (error instanceof NotFoundError && error.code === 'shortlist-not-found') return undefined;
    throw error;
  }
}
