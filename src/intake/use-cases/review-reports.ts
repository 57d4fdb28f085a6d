import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import type { Person } from '../../engagements/index.ts';
import { checkReview, type ReviewInput } from '../domain/review-rules.ts';
import { appendAudit } from '../data-access/audit-repository.ts';
import { findIntake, findIntakesOf, updateIntake, type StoredIntake } from '../data-access/intake-repository.ts';
import { listTasksOfPeople, listTasksOfPerson, recordReview, type TaskRecord } from '../data-access/task-repository.ts';
import { announceTasksWritten, type IntakeContext, type Subject } from './context.ts';
import { personNotFound } from './get-intake.ts';

export type ReportStatus = 'awaiting-intake' | 'awaiting-manager' | 'confirmed';

/** A direct report as their manager sees them: their submitted tasks, never their other answers. */
export interface ReportView {
  personId: string;
  name: string;
  department: string;
  roleLevel: string;
  status: ReportStatus;
  submittedAt?: string;
  reviewedAt?: string;
  tasks: Array<Omit<TaskRecord, 'engagementId' | 'personId'>>;
}

/** The manager's direct reports, with the tasks of those who have submitted. */
export async function listMyReports(ctx: IntakeContext, manager: Subject): Promise<ReportView[]> {
  const me = await findManager(ctx, manager);
  const reports = await ctx.engagements.listReports(manager.engagementId, me.email);
  const ids = reports.map((r) => r.id);
  const [intakes, tasks] = await Promise.all([findIntakesOf(ctx.connection, ids), listTasksOfPeople(ctx.connection, ids)]);
  const intakeOf = new Map(intakes.map((i) => [i.personId, i]));
  return reports.map((report) => reportView(report, intakeOf.get(report.id), tasks.filter((t) => t.personId === report.id)));
}

/**
 * Records the manager's review of one report: each task confirmed, reworded or rejected with a priority
 * and go-live date, plus tasks the report missed. Only the person's direct manager may; anyone else gets 404.
 */
export async function reviewReport(ctx: IntakeContext, manager: Subject, reportId: string, input: ReviewInput): Promise<ReportView> {
  const me = await findManager(ctx, manager);
  const report = await ctx.engagements.findPerson(manager.engagementId, reportId);
  if (!report || report.managerEmail !== me.email) throw new NotFoundError('No such report.', 'report-not-found');
  const newTexts = await ctx.connection.transaction(async (session) => {
    const intake = await findIntake(ctx.connection, report.id, session);
    if (!intake || intake.status === 'draft') throw new ConflictError('This person has not submitted their intake yet.', 'intake-not-submitted');
    const reported = (await listTasksOfPerson(ctx.connection, report.id, session)).filter((t) => t.source === 'participant');
    const problems = checkReview(reported.map((t) => t.id), input);
    if (problems.length) throw new UnprocessableError('The review does not fit this person\'s tasks; nothing was saved.', problems, 'review-invalid');
    const textOf = new Map(reported.map((t) => [t.id, t.originalText ?? t.text]));
    const at = ctx.now();
    const decisions = input.tasks.map((t) => ({
      taskId: t.taskId,
      status: t.decision === 'reject' ? ('rejected' as const) : ('confirmed' as const),
      ...(t.decision === 'edit' ? { text: t.text!.trim(), originalText: textOf.get(t.taskId) } : {}),
      ...(t.priority !== undefined ? { priority: t.priority } : {}),
      ...(t.goLive !== undefined ? { goLive: t.goLive } : {}),
    }));
    const added = (input.addedTasks ?? []).map((t) => ({ ...t, text: t.text.trim() }));
    await recordReview(ctx.connection, { engagementId: manager.engagementId, personId: report.id, reviewerId: me.id, at }, decisions, added, session);
    await updateIntake(ctx.connection, intake.id, intake.version, { status: 'confirmed', reviewedAt: at, reviewedBy: me.id }, session);
    const changes = [
      ...input.tasks.map((t) => ({ path: `task:${t.taskId}`, change: t.decision })),
      ...added.map((_t, i) => ({ path: `addedTasks[${i}]`, change: 'added' })),
    ];
    await appendAudit(ctx.connection, { engagementId: manager.engagementId, personId: report.id, at, actor: { kind: 'person', id: me.id }, action: 'reviewed', changes, version: intake.version + 1 }, session);
    await ctx.hooks.onReportReviewed(session, { engagementId: manager.engagementId, personId: report.id, managerId: me.id });
    // Reworded and added tasks: the others kept the words already announced at submission.
    return [...decisions.flatMap((d) => (d.text !== undefined ? [d.text] : [])), ...added.map((t) => t.text)];
  });
  ctx.logger.info({ engagementId: manager.engagementId, personId: report.id, taskCount: input.tasks.length, addedCount: input.addedTasks?.length ?? 0 }, 'report reviewed');
  await announceTasksWritten(ctx, report, newTexts);
  const [intake, tasks] = await Promise.all([findIntake(ctx.connection, report.id), listTasksOfPerson(ctx.connection, report.id)]);
  return reportView(report, intake, tasks);
}

async function findManager(ctx: IntakeContext, manager: Subject): Promise<Person> {
  const me = await ctx.engagements.findPerson(manager.engagementId, manager.personId);
  if (!me) throw personNotFound();
  return me;
}

function reportView(report: Person, intake: StoredIntake | undefined, tasks: TaskRecord[]): ReportView {
  const status: ReportStatus = !intake || intake.status === 'draft' ? 'awaiting-intake' : intake.status === 'submitted' ? 'awaiting-manager' : 'confirmed';
  return {
    personId: report.id,
    name: report.name,
    department: report.department,
    roleLevel: report.roleLevel,
    status,
    ...(intake?.submittedAt ? { submittedAt: intake.submittedAt } : {}),
    ...(intake?.reviewedAt ? { reviewedAt: intake.reviewedAt } : {}),
    tasks: status === 'awaiting-intake' ? [] : tasks.map(({ engagementId: _e, personId: _p, ...task }) => task),
  };
}
