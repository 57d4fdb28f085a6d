import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { CONSULTANT_HOME_PATH, consultantNav, type Engagement } from '../../engagements/index.ts';
import { AppError, UnprocessableError, ValidationError } from '../../platform/errors.ts';
import {
  checkEngagementForm, emptyEngagementForm, fieldForPointer, MAX_MILESTONE_ROWS, readEngagementForm, withMilestoneRows, type EngagementFormValues,
} from '../domain/engagement-form.ts';
import { presentProblems, textOf, type FormProblem } from '../domain/form-body.ts';
import { consultantIdOf, engagementPath, noticeFor, type ConsultantPagesDeps } from './page-context.ts';
import { libraryChoices } from './library-choices.ts';

const NEW_ENGAGEMENT_PATH = `${CONSULTANT_HOME_PATH}/engagements/new`;

const HOME_NOTICES = {
  'demo-removed': 'The demo engagement and everything in it (people, answers, tasks, shortlists, curricula, mail and links) have been removed.',
};

/** `GET /consultant` (the engagements, and the demo offer) and the new-engagement form. */
export function homePages(deps: ConsultantPagesDeps): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.get(CONSULTANT_HOME_PATH, consultant, async (req, res) => {
    const consultantId = consultantIdOf(res);
    const engagements = await deps.engagements.listEngagements(consultantId);
    const rows = await Promise.all(engagements.map(async (e) => engagementRow(e, await deps.engagements.getStatus(consultantId, e.id))));
    deps.pages.render(req, res, 'consultant/home', {
      title: 'Your engagements',
      nav: consultantNav(CONSULTANT_HOME_PATH),
      wide: true,
      notice: noticeFor(req, HOME_NOTICES),
      engagements: rows,
      demo: engagements.find((e) => e.isDemo),
    });
  });

  router.get(NEW_ENGAGEMENT_PATH, consultant, (req, res) => {
    renderForm(deps, req, res, emptyEngagementForm(randomUUID()), []);
  });

  router.post(NEW_ENGAGEMENT_PATH, consultant, async (req, res) => {
    const values = readEngagementForm(req.body ?? {});
    const action = textOf(req.body ?? {}, 'action');
    // Without JavaScript, adding or removing a milestone row is a round trip that changes nothing else.
    if (action === 'add-milestone') return renderForm(deps, req, res, withMilestoneRows(values, { add: true }), [], `milestone-${values.milestones.length}-department`);
    const removed = /^remove-milestone-(\d+)$/.exec(action);
    if (removed) return renderForm(deps, req, res, withMilestoneRows(values, { remove: Number(removed[1]) }), []);

    const { input, problems } = checkEngagementForm(values, new Set(deps.library.modules.map((m) => m.id)));
    if (!input) return renderForm(deps, req, res, values, problems, undefined, 422);
    try {
      deps.schemas.assert('engagement-create', input);
      // A form sent twice (a double click without JavaScript, a resubmit) carries one key: one engagement.
      const engagement = await deps.engagements.createEngagement(consultantIdOf(res), input, values.formKey ? { creationKey: `form:${values.formKey}` } : {});
      res.redirect(303, `${engagementPath(engagement.id)}?done=created`);
    } catch (error) {
      // Sent again with other details (back, edit, send): what the form opened stays as it was. The details
      // come back under a new key, so pressing the button again opens a second engagement with them.
      if (error instanceof AppError && error.code === 'idempotency-key-reused') {
        return renderForm(deps, req, res, { ...values, formKey: randomUUID() }, [], undefined, 422, engagementPath(String(error.extra.engagementId)));
      }
      // The engagement rules (a time zone that does not exist, a department named twice) come back
      // located by JSON pointer; the form shows each next to its field.
      if (!(error instanceof UnprocessableError || error instanceof ValidationError)) throw error;
      const located = error.errors.map((p) => ({ field: fieldForPointer(p.pointer ?? '', values), message: p.message }));
      renderForm(deps, req, res, values, located, undefined, 422);
    }
  });
  return router;
}

function engagementRow(engagement: Engagement, status: Awaited<ReturnType<ConsultantPagesDeps['engagements']['getStatus']>>) {
  const { invited, submitted } = status.totals;
  return {
    href: engagementPath(engagement.id),
    name: engagement.name,
    client: engagement.client,
    isDemo: engagement.isDemo,
    departments: engagement.departments.join(', '),
    opened: engagement.createdAt.slice(0, 10),
    progress: invited === 0 ? 'Nobody invited yet' : `${submitted} of ${invited} submitted`,
    percent: invited === 0 ? 0 : Math.round((submitted / invited) * 100),
  };
}

/** `openedBefore`: the engagement this form already opened, when it was sent again with other details. */
function renderForm(deps: ConsultantPagesDeps, req: Request, res: Response, values: EngagementFormValues, problems: FormProblem[], focus?: string, status = 200, openedBefore?: string): void {
  const { errors, fieldErrors } = presentProblems(problems);
  const chosen = new Set(values.moduleIds);
  deps.pages.render(req, res, 'consultant/new-engagement', {
    title: problems.length > 0 ? 'Error: Open a new engagement' : 'Open a new engagement',
    nav: consultantNav(''),
    scripts: ['forms.js', 'consultant.js'],
    values,
    errors,
    fieldErrors,
    focus,
    isChosenLibrary: values.library === 'chosen',
    libraryCount: deps.library.modules.length,
    libraryGroups: libraryChoices(deps.library.modules, chosen),
    milestoneRows: values.milestones.map((row, i) => milestoneRow(row, String(i), String(i + 1), fieldErrors)),
    milestoneTemplate: milestoneRow({ department: '', workflow: '', goLive: '' }, '__i__', '__n__', {}),
    canAddMilestone: values.milestones.length < MAX_MILESTONE_ROWS,
    maxMilestones: MAX_MILESTONE_ROWS,
    timeZones: Intl.supportedValuesOf('timeZone'),
    openedBefore,
  }, status);
}

/** One milestone row with its fields' ids and names (`__i__` in the template JavaScript copies). */
function milestoneRow(row: EngagementFormValues['milestones'][number], index: string, number: string, fieldErrors: Record<string, string>) {
  const field = (key: 'department' | 'workflow' | 'goLive') => ({ id: `milestone-${index}-${key}`, name: `milestones.${index}.${key}`, error: fieldErrors[`milestone-${index}-${key}`] });
  return { ...row, index, number, fields: { department: field('department'), workflow: field('workflow'), goLive: field('goLive') } };
}
