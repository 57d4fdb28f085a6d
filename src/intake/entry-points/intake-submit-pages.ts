import { Router, type Request, type Response } from 'express';
import type { Authenticator } from '../../access/index.ts';
import { ConflictError, UnprocessableError } from '../../platform/errors.ts';
import type { PageKit } from '../../web/index.ts';
import { reportedTasks } from '../domain/task-rows.ts';
import { dropHiddenAnswers } from '../domain/visibility.ts';
import { findAnswerProblems } from '../use-cases/check-intake.ts';
import type { IntakeContext, Subject } from '../use-cases/context.ts';
import { getIntake } from '../use-cases/get-intake.ts';
import { submitIntake } from '../use-cases/submit-intake.ts';
import { answerSections, taskCard, taskListQuestion } from './answer-views.ts';
import { summaryEntry, type Notice } from './intake-page-model.ts';
import { personNav, rosterPlaceOf, signedInPerson } from './person-pages.ts';

/** `/me/intake/review` (what the manager will see, then submit), `/me/intake/submit`, `/me/intake/thanks`. */
export function intakeSubmitPages(ctx: IntakeContext, deps: { pages: PageKit; auth: Authenticator }): Router {
  const router = Router();
  const person = deps.auth.requirePerson;
  const taskList = taskListQuestion(ctx.banks);

  async function renderReview(req: Request, res: Response, subject: Subject, notice?: Notice, status = 200): Promise<void> {
    const [view, { isManager, hasManager }] = await Promise.all([getIntake(ctx, subject), rosterPlaceOf(ctx, subject)]);
    const problems = await findAnswerProblems(ctx, subject, view.answers, 'complete');
    const tasks = reportedTasks(dropHiddenAnswers(view.bank.pages, view.answers)).map((t) => taskCard(t, taskList));
    const errors = problems.map((p) => summaryEntry(view.bank, -1, p));
    deps.pages.render(req, res, 'intake/review', {
      title: `${errors.length ? 'Error: ' : ''}Review your answers`,
      nav: personNav(isManager, 'intake'),
      scripts: ['forms.js'],
      tasks,
      sections: answerSections(view.bank, view.answers),
      errors,
      notice,
      version: view.version,
      canSubmit: view.status === 'draft' && problems.length === 0,
      isDraft: view.status === 'draft' || view.status === 'not-started',
      isSubmitted: view.status === 'submitted',
      isConfirmed: view.status === 'confirmed',
      hasManager,
    }, status);
  }

  router.get('/me/intake/review', person, async (req, res) => {
    await renderReview(req, res, signedInPerson(res));
  });

  router.post('/me/intake/submit', person, async (req, res) => {
    const { author, ...subject } = signedInPerson(res);
    const version = Number((req.body as Record<string, unknown> | undefined)?.version);
    try {
      await submitIntake(ctx, subject, author, Number.isInteger(version) ? { version } : {});
    } catch (error) {
      // Translated into the review page, which lists what is missing or shows the latest answers.
      if (error instanceof UnprocessableError) return renderReview(req, res, subject, undefined, 422);
      if (error instanceof ConflictError) {
        // Submitted meanwhile (another tab or device, perhaps reviewed since): there is nothing to submit again.
        const { status } = await getIntake(ctx, subject);
        if (status === 'submitted' || status === 'confirmed') return res.redirect(303, '/me/intake/thanks');
        return renderReview(req, res, subject, { kind: 'warning', message: 'Your answers changed on another device or in another tab. Below is what is saved now: check it, then submit again.' }, 409);
      }
      throw error;
    }
    res.redirect(303, '/me/intake/thanks');
  });

  router.get('/me/intake/thanks', person, async (req, res) => {
    const subject = signedInPerson(res);
    const [view, { isManager, hasManager }] = await Promise.all([getIntake(ctx, subject), rosterPlaceOf(ctx, subject)]);
    if (view.status === 'draft' || view.status === 'not-started') return res.redirect(303, '/me/intake/review');
    deps.pages.render(req, res, 'intake/thanks', { title: 'Thank you', nav: personNav(isManager, 'intake'), isConfirmed: view.status === 'confirmed', isManager, hasManager });
  });
  return router;
}
