import { IANAZone } from 'luxon';
import type { ClientSession } from 'mongoose';
import { ConflictError, NotFoundError, UnprocessableError, type FieldProblem } from '../../platform/errors.ts';
import { fenceRoster, findOwnEngagement, insertEngagement, listEngagementsOf, updateEngagement, type NewEngagement } from '../data-access/engagement-repository.ts';
import { listDepartmentsInUse, renameDepartments } from '../data-access/person-repository.ts';
import type { EngagementsContext } from './context.ts';
import type { Engagement, Milestone } from './engagement.ts';
import { canonicalDepartment } from './roster-rules.ts';

/** The body of `POST /api/v1/engagements` (shape checked by `engagement-create`). */
export interface EngagementInput {
  name: string;
  client: string;
  departments: string[];
  timeZone?: string;
  moduleIds?: string[];
  milestones?: Milestone[];
}

/**
 * Opens an engagement; `isDemo` marks the consultant home's sample (never set through the API). Sent again
 * with the same `creationKey` and fields, it gives back the engagement it opened the first time.
 */
export async function createEngagement(ctx: EngagementsContext, consultantId: string, input: EngagementInput, options: { isDemo?: boolean; creationKey?: string } = {}): Promise<Engagement> {
  const fields = checkEngagementFields(input, ctx.isTrainingModule);
  const engagement = await insertEngagement(ctx.connection, {
    consultantId,
    name: input.name.trim(),
    client: input.client.trim(),
    departments: fields.departments!,
    timeZone: fields.timeZone ?? 'UTC',
    moduleIds: input.moduleIds ?? [],
    milestones: fields.milestones ?? [],
    ...(options.isDemo ? { isDemo: true } : {}),
    ...(options.creationKey ? { creationKey: options.creationKey } : {}),
  });
  ctx.logger.info({ engagementId: engagement.id, departmentCount: engagement.departments.length, isDemo: engagement.isDemo }, 'engagement opened');
  return engagement;
}

export function listEngagements(ctx: EngagementsContext, consultantId: string): Promise<Engagement[]> {
  return listEngagementsOf(ctx.connection, consultantId);
}

/**
 * The engagement if this consultant runs it; anyone else's (or a made-up id) is 404 `engagement-not-found`.
 * With `session`, as the caller's transaction sees it.
 */
export async function getOwnEngagement(ctx: EngagementsContext, consultantId: string, engagementId: string, session?: ClientSession): Promise<Engagement> {
  const engagement = await findOwnEngagement(ctx.connection, consultantId, engagementId, session);
  if (!engagement) throw new NotFoundError('No such engagement.', 'engagement-not-found');
  return engagement;
}

export async function changeEngagement(
  ctx: EngagementsContext,
  consultantId: string,
  engagementId: string,
  input: Partial<EngagementInput>,
): Promise<Engagement> {
  // Read and checked inside the transaction. It writes the engagement, so another change meanwhile makes
  // one of the two retry on what the other committed (the modules are compared with those this change
  // replaces), and, for new departments, the roster fence, which serialises it with uploads (no department
  // is removed under people just added).
  const { current, isRespelled, updated } = await ctx.connection.transaction(async (session) => {
    const current = await getOwnEngagement(ctx, consultantId, engagementId, session);
    const departments = input.departments ?? current.departments;
    if (input.departments) {
      await fenceRoster(ctx.connection, engagementId, session);
      const used = await listDepartmentsInUse(ctx.connection, engagementId, session);
      const dropped = used.filter((d) => !canonicalDepartment(departments, d));
      if (dropped.length) throw new ConflictError(`People are on ${dropped.join(', ')}; move them before removing the department.`, 'department-in-use');
    }
    // Milestones are re-checked against changed departments, so none is left on a department that went.
    const fields = checkEngagementFields({ ...input, departments, milestones: input.milestones ?? (input.departments ? current.milestones : undefined) }, ctx.isTrainingModule);
    const changes: Partial<Omit<NewEngagement, 'consultantId'>> = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.client !== undefined ? { client: input.client.trim() } : {}),
      ...(input.departments ? { departments: fields.departments } : {}),
      ...(fields.timeZone ? { timeZone: fields.timeZone } : {}),
      ...(input.moduleIds ? { moduleIds: input.moduleIds } : {}),
      ...(fields.milestones ? { milestones: fields.milestones } : {}),
    };
    // People carry their department's spelling: a department respelled (case, spacing) takes its people
    // along, or the roster and the counts would split it in two.
    const moved = await renameDepartments(ctx.connection, engagementId, fields.departments ? respelled(current.departments, fields.departments) : [], session);
    return { current, isRespelled: moved > 0, updated: await updateEngagement(ctx.connection, engagementId, changes, session) };
  });
  if (!updated) throw new NotFoundError('No such engagement.', 'engagement-not-found');
  // A department is part of each task's match key: respelled with people on it, their tasks' stored results no longer apply.
  if (isRespelled || !sameModules(current.moduleIds, updated.moduleIds)) ctx.onMatchingChanged(updated);
  return updated;
}

/** Whether two module lists name the same modules (their order does not matter to matching). */
function sameModules(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

/** The departments whose spelling changed: same department by `canonicalDepartment`, different text. */
function respelled(before: readonly string[], after: readonly string[]): Array<{ from: string; to: string }> {
  return before.flatMap((from) => {
    const to = canonicalDepartment(after, from);
    return to !== undefined && to !== from ? [{ from, to }] : [];
  });
}

/**
 * Rules beyond the schema: a real IANA time zone, departments named once, milestones on known
 * departments, training modules the library has (a module retired later is reported by the shortlist).
 */
function checkEngagementFields(input: Partial<EngagementInput>, isTrainingModule: (moduleId: string) => boolean): Partial<Pick<NewEngagement, 'departments' | 'timeZone' | 'milestones'>> {
  const problems: FieldProblem[] = [];
  const departments = input.departments?.map((d) => d.trim().replace(/\s+/g, ' '));
  departments?.forEach((department, i) => {
    if (canonicalDepartment(departments.slice(0, i), department)) problems.push({ pointer: `/departments/${i}`, message: `"${department}" is listed twice.` });
  });
  if (input.timeZone !== undefined && !IANAZone.isValidZone(input.timeZone)) {
    problems.push({ pointer: '/timeZone', message: `"${input.timeZone}" is not an IANA time zone name (for example Europe/Berlin).` });
  }
  input.moduleIds?.forEach((moduleId, i) => {
    if (!isTrainingModule(moduleId)) problems.push({ pointer: `/moduleIds/${i}`, message: `"${moduleId}" is not a training module of the library (GET /api/v1/modules lists them).` });
  });
  const milestones = input.milestones?.map((milestone, i) => {
    const department = canonicalDepartment(departments ?? [], milestone.department);
    if (!department) problems.push({ pointer: `/milestones/${i}/department`, message: `"${milestone.department}" is not a department of this engagement.` });
    return { department: department ?? milestone.department, workflow: milestone.workflow.trim(), goLive: milestone.goLive };
  });
  if (problems.length) throw new UnprocessableError('The engagement breaks a rule.', problems, 'engagement-invalid');
  return { departments, ...(input.timeZone !== undefined ? { timeZone: ianaSpelling(input.timeZone) } : {}), milestones };
}

/** A valid zone as the IANA database writes it: zone names are matched in any case, but "europe/berlin" reads badly on every page. */
function ianaSpelling(timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
}
