import { Router, type Request, type Response } from 'express';
import type { Authenticator } from '../../access/index.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import type { PageKit } from '../../web/index.ts';
import type { AnswerProblem } from '../domain/check-answers.ts';
import type { Answers, Page } from '../domain/question-bank.ts';
import { dropHiddenAnswers, isVisible } from '../domain/visibility.ts';
import { findAnswerProblems } from '../use-cases/check-intake.ts';
import type { IntakeContext, Subject } from '../use-cases/context.ts';
import { getIntake, type IntakeView } from '../use-cases/get-intake.ts';
import { saveDraft } from '../use-cases/save-draft.ts';
import { mergePageAnswers, readPageForm, type PageForm } from './intake-form.ts';
import { intakePageData, pagePath, sectionList, type Notice } from './intake-page-model.ts';
import { landingPathFor, personNav, rosterPlaceOf, signedInPerson } from './person-pages.ts';

const NOTICES = {
  conflict: { kind: 'warning', message: 'Your answers were changed on another device or in another tab since you opened this page, so this page was not saved. What you typed is below: save again to keep it, in place of what was saved there for this section, or choose this section in the list at the bottom to see the answers saved there instead.' },
  followUps: { kind: 'info', message: 'Your answers opened follow-up questions on this page. Please answer them too, then continue.' },
  incomplete: { kind: 'info', message: 'Your answers are saved. Some questions on this page still need an answer before you continue; or pick another section from the list at the bottom and come back later.' },
} satisfies Record<string, Notice>;

/** The intake, page by page: `/me`, `/me/intake`, `/me/intake/pages/:number` (GET shows, POST saves). */
export function intakePages(ctx: IntakeContext, deps: { pages: PageKit; auth: Authenticator }): Router {
  const router = Router();
  const person = deps.auth.requirePerson;

  router.get('/me', person, async (_req, res) => {
    res.redirect(303, await landingPathFor(ctx, signedInPerson(res)));
  });

  router.get('/me/intake', person, async (req, res) => {
    const subject = signedInPerson(res);
    const [view, { isManager, hasManager }] = await Promise.all([getIntake(ctx, subject), rosterPlaceOf(ctx, subject)]);
    const sections = sectionList(view.bank, view.answers, await findAnswerProblems(ctx, subject, view.answers, 'complete'));
    const next = sections.findIndex((s) => s.state !== 'done');
    deps.pages.render(req, res, 'intake/overview', {
      title: 'Your answers',
      nav: personNav(isManager, 'intake'),
      bankTitle: view.bank.title,
      bankDescription: view.bank.description,
      status: view.status,
      isOpen: view.status !== 'confirmed',
      hasStarted: view.status !== 'not-started',
      isSubmitted: view.status === 'submitted',
      isConfirmed: view.status === 'confirmed',
      sections,
      doneCount: sections.filter((s) => s.state === 'done').length,
      pageCount: sections.length,
      continueHref: next >= 0 ? pagePath(next + 1) : '/me/intake/review',
      submittedAt: dateOf(view.submittedAt),
      reviewedAt: dateOf(view.reviewedAt),
      hasManager,
    });
  });

  router.get('/me/intake/pages/:number', person, async (req, res) => {
    const subject = signedInPerson(res);
    const view = await getIntake(ctx, subject);
    const index = pageIndexOf(req, view);
    if (view.status === 'confirmed') return res.redirect(303, '/me/intake');
    const focus = typeof req.query.focus === 'string' ? req.query.focus : undefined;
    await renderPage(req, res, subject, { view, index, answers: view.answers, rowCounts: rowCountsOf(req.query), focusInputId: focus });
  });

  router.post('/me/intake/pages/:number', person, async (req, res) => {
    const { author, ...subject } = signedInPerson(res);
    const view = await getIntake(ctx, subject);
    const index = pageIndexOf(req, view);
    const page = view.bank.pages[index];
    const form = readPageForm(page, (req.body ?? {}) as Record<string, unknown>);
    const isAutosave = form.action.kind === 'autosave';
    if (view.status === 'confirmed' && !isAutosave) return res.redirect(303, '/me/intake');
    const answers = mergePageAnswers(view.answers, page, form.answers);
    // A submitted intake may be amended, but only into another complete one (as the API does it).
    const refused = await findAnswerProblems(ctx, subject, answers, view.status === 'submitted' ? 'complete' : 'draft');
    if (refused.length > 0) {
      if (isAutosave) throw new UnprocessableError('Some answers cannot be saved yet; they will be checked when you continue.', refused, 'answers-invalid');
      return renderPage(req, res, subject, { view, index, answers, problems: refusalsFor(page, refused), rowCounts: form.rowCounts }, 422);
    }
    let saved: IntakeView;
    try {
      saved = await saveDraft(ctx, subject, author, { answers, version: form.version });
    } catch (error) {
      // Translated into a page: a stale version overwrites nothing, and what was typed here is shown
      // again with the latest version, so the person keeps their words and decides whether to save them.
      if (isAutosave || !(error instanceof ConflictError)) throw error;
      if (error.code === 'intake-reviewed') return res.redirect(303, '/me/intake');
      const latest = await getIntake(ctx, subject);
      const typed = mergePageAnswers(latest.answers, page, form.answers);
      return renderPage(req, res, subject, { view: latest, index, answers: typed, rowCounts: form.rowCounts, notice: NOTICES.conflict }, 409);
    }
    if (isAutosave) return res.json({ version: saved.version, status: saved.status });
    await afterSave(req, res, subject, saved, index, form);
  });

  /** Where a successful save goes next; `next` first makes sure this page is complete. */
  async function afterSave(req: Request, res: Response, subject: Subject, saved: IntakeView, index: number, form: PageForm): Promise<void> {
    const here = pagePath(index + 1);
    const action = form.action;
    if (action.kind === 'add-row') {
      const row = form.rowCounts[action.listId] - 1;
      const first = saved.bank.pages[index].questions.find((q) => q.id === action.listId)?.fields?.[0]?.id ?? '';
      const focus = `q-${action.listId}-${row}-${first}`;
      return res.redirect(303, `${here}?rows.${action.listId}=${row + 1}&focus=${focus}#${focus}`);
    }
    if (action.kind === 'remove-row') return res.redirect(303, `${here}?rows.${action.listId}=${form.rowCounts[action.listId]}#list-${action.listId}`);
    if (action.kind === 'back') return res.redirect(303, index > 0 ? pagePath(index) : '/me/intake');
    if (action.kind === 'review') return res.redirect(303, '/me/intake/review');
    const page = saved.bank.pages[index];
    const visible = dropHiddenAnswers(saved.bank.pages, saved.answers);
    const appeared = page.questions.filter((q) => isVisible(q, visible) && !form.shown.has(q.id));
    if (appeared.length > 0) {
      return renderPage(req, res, subject, { view: saved, index, answers: saved.answers, rowCounts: form.rowCounts, notice: NOTICES.followUps, focusInputId: `q-${appeared[0].id}` });
    }
    const missing = onPage(page, await findAnswerProblems(ctx, subject, saved.answers, 'complete'));
    if (missing.length > 0) {
      return renderPage(req, res, subject, { view: saved, index, answers: saved.answers, problems: missing, rowCounts: form.rowCounts, notice: NOTICES.incomplete }, 422);
    }
    res.redirect(303, index + 1 < saved.bank.pages.length ? pagePath(index + 2) : '/me/intake/review');
  }

  async function renderPage(
    req: Request,
    res: Response,
    subject: Subject,
    input: { view: IntakeView; index: number; answers: Answers; rowCounts: Record<string, number>; problems?: AnswerProblem[]; notice?: Notice; focusInputId?: string },
    status = 200,
  ): Promise<void> {
    const [completeness, { isManager, hasManager }] = await Promise.all([findAnswerProblems(ctx, subject, input.answers, 'complete'), rosterPlaceOf(ctx, subject)]);
    const data = intakePageData({ ...input, problems: input.problems ?? [], completeness, nav: personNav(isManager, 'intake') });
    deps.pages.render(req, res, 'intake/page', { ...data, hasManager }, status);
  }

  return router;
}

/** The 0-based page index from `:number`; anything else is 404. */
function pageIndexOf(req: Request, view: IntakeView): number {
  const n = Number(req.params.number);
  if (!Number.isInteger(n) || n < 1 || n > view.bank.pages.length) throw new NotFoundError('There is no such section in your questions.', 'page-not-found');
  return n - 1;
}

/** The problems with this page's questions. */
function onPage(page: Page, problems: AnswerProblem[]): AnswerProblem[] {
  const ids = new Set(page.questions.map((q) => q.id));
  return problems.filter((p) => ids.has(p.questionId));
}

/** Why a save was refused: this page's problems, or (when an answer here made a later one required) the others. */
function refusalsFor(page: Page, problems: AnswerProblem[]): AnswerProblem[] {
  const here = onPage(page, problems);
  return here.length > 0 ? here : problems;
}

/** `?rows.tasks=4`: how many rows a task list shows after adding or removing one (no-JavaScript path). */
function rowCountsOf(query: Request['query']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(query)) {
    const match = /^rows\.([A-Za-z0-9_-]+)$/.exec(key);
    const n = Number(value);
    if (match && Number.isInteger(n) && n >= 0 && n <= 30) counts[match[1]] = n;
  }
  return counts;
}

function dateOf(iso: string | undefined): string | undefined {
  return iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : undefined;
}
