import { isDeepStrictEqual } from 'node:util';
import { ConflictError, UnprocessableError } from '../../platform/errors.ts';
import type { AnswerCheck } from '../domain/answers-schema.ts';
import type { BankAudience } from '../domain/compose-bank.ts';
import { diffAnswers } from '../domain/diff-answers.ts';
import { normaliseAnswers } from '../domain/normalise-answers.ts';
import type { Answers, ComposedBank } from '../domain/question-bank.ts';
import { reportedTasks } from '../domain/task-rows.ts';
import { dropHiddenAnswers } from '../domain/visibility.ts';
import { appendAudit } from '../data-access/audit-repository.ts';
import { findIntake, insertIntake, staleOnDuplicate, updateIntake, type StoredIntake } from '../data-access/intake-repository.ts';
import { replaceParticipantTasks } from '../data-access/task-repository.ts';
import { announceTasksWritten, type Author, type IntakeContext, type Subject } from './context.ts';
import { loadSubject, personNotFound, viewOf, type IntakeView } from './get-intake.ts';

/** A save: the complete answers (replacing the stored ones) and the version they were based on. */
export interface SaveInput {
  answers: Answers;
  version: number;
}

/**
 * Saves answers. A draft is type-checked only (unanswered required questions are fine); answers that
 * `visibleIf` hides are dropped. A submitted intake can be amended until the manager has reviewed it;
 * then the answers must be complete and the task records follow. A stale `version` is 409, never an overwrite.
 */
export async function saveDraft(ctx: IntakeContext, subject: Subject, by: Author, input: SaveInput): Promise<IntakeView> {
  const { person, audience, bank } = await loadSubject(ctx, subject);
  const answers = checkedAnswers(ctx, audience, bank, input.answers, 'draft');
  const outcome = await ctx.connection.transaction(async (session) => {
    const current = await findIntake(ctx.connection, person.id, session);
    if (current?.status === 'confirmed') throw reviewedConflict();
    const changes = diffAnswers(current?.answers ?? {}, answers);
    // Answers equal to the stored ones overwrite nothing, whatever version they name: a save retried
    // after its reply was lost lands here and is told the version it already made.
    if (current && changes.length === 0) return { changes: 0, saved: current, taskTexts: [] };
    assertVersion(current?.version ?? 0, input.version);
    const amending = current?.status === 'submitted';
    if (amending) assertComplete(ctx, audience, answers);
    const bankRef = { id: bank.id, version: bank.version, parts: bank.parts };
    const conducted = by.kind === 'consultant' ? { conductedBy: by.id } : {};
    if (current) await updateIntake(ctx.connection, current.id, current.version, { answers, bank: bankRef, ...conducted }, session);
    else {
      // An erasure deletes the intake it finds; one created while it runs must conflict with it instead.
      if (!(await ctx.engagements.noteIntakeStarted(session, subject.engagementId, subject.personId))) throw personNotFound();
      await insertIntake(ctx.connection, { ...subject, status: 'draft', answers, bank: bankRef, ...conducted }, session);
    }
    const version = (current?.version ?? 0) + 1;
    // Only a changed task list rewrites the task records (with new ids): a manager's review under way
    // names the present ones, and a new job title must not void it.
    const tasks = amending ? reportedTasks(answers) : [];
    const isTaskListChanged = amending && !isDeepStrictEqual(reportedTasks(current.answers), tasks);
    if (amending) {
      if (isTaskListChanged) await replaceParticipantTasks(ctx.connection, subject, tasks, session);
      await ctx.hooks.onIntakeSubmitted(session, {
        ...subject, ...(person.managerEmail ? { managerEmail: person.managerEmail } : {}), amended: true,
        submittedAt: current.submittedAt ? new Date(current.submittedAt) : ctx.now(), taskCount: tasks.length,
      });
    }
    await appendAudit(ctx.connection, { ...subject, at: ctx.now(), actor: by, action: amending ? 'amended' : 'draft-saved', changes, version }, session);
    const saved: StoredIntake = {
      id: current?.id ?? '', ...subject, status: current?.status ?? 'draft', answers, version, bank: bankRef,
      ...(current?.submittedAt ? { submittedAt: current.submittedAt } : {}),
      ...(current?.conductedBy ? { conductedBy: current.conductedBy } : {}), ...conducted,
      updatedAt: ctx.now().toISOString(),
    };
    return { changes: changes.length, saved, taskTexts: isTaskListChanged ? tasks.map((task) => task.text) : [] };
  }).catch(staleOnDuplicate);
  ctx.logger.info({ ...subject, changeCount: outcome.changes, version: outcome.saved.version, byConsultant: by.kind === 'consultant' }, 'intake saved');
  await announceTasksWritten(ctx, person, outcome.taskTexts);
  // Built from what was just written rather than read back: autosaves come often.
  return viewOf(bank, outcome.saved);
}

/**
 * Normalises answers, drops those `visibleIf` hides, then checks the rest against the bank (422 `answers-invalid`).
 * Hidden ones go first: a stale value the person can no longer see (an option retired since) must not block the save.
 */
export function checkedAnswers(ctx: IntakeContext, audience: BankAudience, bank: ComposedBank, raw: Answers, check: AnswerCheck): Answers {
  const answers = dropHiddenAnswers(bank.pages, normaliseAnswers(bank.pages, raw));
  const problems = ctx.banks.checkAnswers(audience, answers, check);
  if (problems.length) throw new UnprocessableError('Some answers do not fit their questions; nothing was saved.', problems, 'answers-invalid');
  return answers;
}

/** 422 `intake-incomplete` with one problem per unanswered or out-of-bounds question. */
export function assertComplete(ctx: IntakeContext, audience: BankAudience, answers: Answers): void {
  const problems = ctx.banks.checkAnswers(audience, answers, 'complete');
  if (problems.length) throw new UnprocessableError('The intake is not complete yet.', problems, 'intake-incomplete');
}

export function assertVersion(current: number, given: number): void {
  if (current !== given) {
    throw new ConflictError(
      `The intake is at version ${current}, not ${given}: it was changed in the meantime. Load it again and reapply your changes.`,
      'intake-version-conflict',
      { currentVersion: current },
    );
  }
}

export function reviewedConflict(): ConflictError {
  return new ConflictError('The manager has already reviewed this intake; it can no longer be changed.', 'intake-reviewed');
}
