import { Router, type Request, type Response } from 'express';
import type { Authenticator } from '../../access/index.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import type { PageKit } from '../../web/index.ts';
import type { IntakeContext, Subject } from '../use-cases/context.ts';
import { listMyReports, reviewReport, type ReportStatus, type ReportView } from '../use-cases/review-reports.ts';
import { taskListQuestion } from './answer-views.ts';
import type { Notice } from './intake-page-model.ts';
import { isManagerOf, personNav, signedInPerson } from './person-pages.ts';
import { carryOverReview, checkReviewForm, readReviewForm, reviewFormView, savedReviewValues, type FormProblem, type ReviewFormValues } from './review-form.ts';

const STATUS_LABELS: Record<ReportStatus, string> = { 'awaiting-intake': 'Awaiting their answers', 'awaiting-manager': 'Awaiting your review', confirmed: 'Confirmed' };

/** The manager's pages: `/me/reports` (each report and their status), `/me/reports/:personId` (review form). */
export function reviewPages(ctx: IntakeContext, deps: { pages: PageKit; auth: Authenticator; schemas: SchemaRegistry }): Router {
  const router = Router();
  const person = deps.auth.requirePerson;
  const taskList = taskListQuestion(ctx.banks);

  router.get('/me/reports', person, async (req, res) => {
    const subject = signedInPerson(res);
    const [reports, isManager] = await Promise.all([listMyReports(ctx, subject), isManagerOf(ctx, subject)]);
    const reviewed = reports.find((r) => r.personId === req.query.reviewed);
    const count = (status: ReportStatus) => reports.filter((r) => r.status === status).length;
    deps.pages.render(req, res, 'intake/reports', {
      title: 'Your team',
      nav: personNav(isManager, 'reports'),
      notice: reviewed ? { kind: 'success', message: `Saved your review of ${reviewed.name}'s tasks.` } : undefined,
      reports: reports.map((r) => ({
        ...r,
        statusLabel: STATUS_LABELS[r.status],
        canReview: r.status !== 'awaiting-intake',
        taskCount: r.tasks.filter((t) => t.source === 'participant').length,
      })),
      confirmedCount: count('confirmed'),
      awaitingCount: count('awaiting-manager'),
      total: reports.length,
    });
  });

  router.get('/me/reports/:personId', person, async (req, res) => {
    const subject = signedInPerson(res);
    const report = await findReport(subject, String(req.params.personId));
    if (report.status === 'awaiting-intake') return res.redirect(303, '/me/reports');
    await renderReview(req, res, subject, report, savedReviewValues(report), []);
  });

  router.post('/me/reports/:personId', person, async (req, res) => {
    const subject = signedInPerson(res);
    const report = await findReport(subject, String(req.params.personId));
    const taskCount = report.tasks.filter((t) => t.source === 'participant').length;
    const { values, action } = readReviewForm((req.body ?? {}) as Record<string, unknown>, taskCount);
    if (action.kind !== 'save') {
      const focus = action.kind === 'add-task' ? `n-${values.added.length - 1}-text` : 'added-tasks';
      return renderReview(req, res, subject, report, values, [], undefined, 200, focus);
    }
    const { input, problems } = checkReviewForm(values);
    if (problems.length > 0) return renderReview(req, res, subject, report, values, problems, undefined, 422);
    deps.schemas.assert('manager-review', input);
    try {
      await reviewReport(ctx, subject, report.personId, input);
    } catch (error) {
      // Translated into the form: the report changed their tasks while the manager was reviewing.
      if (!(error instanceof UnprocessableError || error instanceof ConflictError)) throw error;
      const fresh = await findReport(subject, report.personId);
      if (fresh.status === 'awaiting-intake') return res.redirect(303, '/me/reports');
      const notice: Notice = { kind: 'warning', message: `${fresh.name} changed their tasks while you were reviewing, so nothing was saved. Here are their tasks as they are now, with your decisions kept for the tasks whose wording did not change and the tasks you added: check them, decide the others and save again.` };
      return renderReview(req, res, subject, fresh, carryOverReview(values, fresh), [], notice, 409);
    }
    res.redirect(303, `/me/reports?reviewed=${encodeURIComponent(report.personId)}`);
  });

  async function findReport(subject: Subject, personId: string): Promise<ReportView> {
    const report = (await listMyReports(ctx, subject)).find((r) => r.personId === personId);
    if (!report) throw new NotFoundError('This person is not one of your direct reports.', 'report-not-found');
    return report;
  }

  async function renderReview(req: Request, res: Response, subject: Subject, report: ReportView, values: ReviewFormValues, problems: FormProblem[], notice?: Notice, status = 200, focus?: string): Promise<void> {
    const isManager = await isManagerOf(ctx, subject);
    const form = reviewFormView(report, values, problems, taskList);
    // Without JavaScript, adding a row reloads the page: focus goes to the new row (or the list, after a removal).
    const added = /^n-(\d+)-text$/.exec(focus ?? '');
    if (added && form.added[Number(added[1])]) form.added[Number(added[1])].autofocus = true;
    deps.pages.render(req, res, 'intake/report-review', {
      title: `${problems.length ? 'Error: ' : ''}Review ${report.name}'s tasks`,
      nav: personNav(isManager, 'reports'),
      scripts: ['forms.js'],
      report: { ...report, statusLabel: STATUS_LABELS[report.status] },
      formAction: `/me/reports/${encodeURIComponent(report.personId)}`,
      ...form,
      addedTemplate: reviewFormView(report, { tasks: [], added: [{ text: '', hoursPerWeek: '', goLive: '' }] }, [], taskList).added.map((a) => ({ ...a, index: '__i__', number: '__n__' }))[0],
      addedCount: form.added.length,
      focusAddedList: focus === 'added-tasks',
      errors: problems.map((p) => ({ href: `#${p.target}`, target: p.target, message: p.message })),
      notice,
    }, status);
  }
  return router;
}
