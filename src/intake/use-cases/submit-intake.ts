import { questionsOf } from '../domain/question-bank.ts';
import { reportedTasks } from '../domain/task-rows.ts';
import { dropHiddenAnswers } from '../domain/visibility.ts';
import { diffAnswers } from '../domain/diff-answers.ts';
import { appendAudit } from '../data-access/audit-repository.ts';
import { findIntake, insertIntake, staleOnDuplicate, updateIntake } from '../data-access/intake-repository.ts';
import { replaceParticipantTasks } from '../data-access/task-repository.ts';
import { announceTasksWritten, type Author, type IntakeContext, type Subject } from './context.ts';
import { getIntake, loadSubject, type IntakeView } from './get-intake.ts';
import { assertComplete, assertVersion } from './save-draft.ts';

/**
 * Submits the saved answers: they must be complete against an ajv schema compiled from the bank
 * (422 `intake-incomplete`, one problem per question). The person's tasks become task records for
 * their manager, in the same transaction. Submitting an already submitted intake changes nothing.
 */
export async function submitIntake(ctx: IntakeContext, subject: Subject, by: Author, input: { version?: number }): Promise<IntakeView> {
  const { person, audience, bank } = await loadSubject(ctx, subject);
  const submitted = await ctx.connection.transaction(async (session) => {
    const current = await findIntake(ctx.connection, person.id, session);
    // Submitting moves version v to v + 1 and leaves the draft state, so an intake found past the draft
    // state at exactly v + 1 was submitted by this very request's first try (a retry, a double click).
    const isRetry = input.version !== undefined && current !== undefined && current.status !== 'draft' && current.version === input.version + 1;
    if (input.version !== undefined && !isRetry) assertVersion(current?.version ?? 0, input.version);
    if (current && current.status !== 'draft') return undefined;
    // Re-read against today's bank: questions that left it, or that are now hidden, do not count.
    const known = new Set(questionsOf(bank).map((q) => q.id));
    const stored = Object.fromEntries(Object.entries(current?.answers ?? {}).filter(([id]) => known.has(id)));
    const answers = dropHiddenAnswers(bank.pages, stored);
    assertComplete(ctx, audience, answers);
    const changes = {
      status: 'submitted' as const,
      answers,
      submittedAt: ctx.now(),
      bank: { id: bank.id, version: bank.version, parts: bank.parts },
      ...(by.kind === 'consultant' ? { conductedBy: by.id } : {}),
    };
    if (current) await updateIntake(ctx.connection, current.id, current.version, changes, session);
    else await insertIntake(ctx.connection, { ...subject, ...changes }, session);
    const tasks = reportedTasks(answers);
    await replaceParticipantTasks(ctx.connection, subject, tasks, session);
    const version = (current?.version ?? 0) + 1;
    await appendAudit(ctx.connection, { ...subject, at: ctx.now(), actor: by, action: 'submitted', changes: diffAnswers(current?.answers ?? {}, answers), version }, session);
    await ctx.hooks.onIntakeSubmitted(session, {
      ...subject, ...(person.managerEmail ? { managerEmail: person.managerEmail } : {}), amended: false, submittedAt: changes.submittedAt, taskCount: tasks.length,
    });
    return tasks;
  }).catch(staleOnDuplicate);
  if (submitted) {
    ctx.logger.info({ ...subject, byConsultant: by.kind === 'consultant' }, 'intake submitted');
    await announceTasksWritten(ctx, person, submitted.map((task) => task.text));
  }
  return getIntake(ctx, subject);
}
