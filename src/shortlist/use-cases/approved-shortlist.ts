import type { TrainingModule } from '../../library/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { findShortlist } from '../data-access/shortlist-repository.ts';
import { currentTaskText, type ShortlistContext } from './context.ts';
import { engagementLibrary } from '../domain/engagement-library.ts';
import { presentShortlist, type CohortView } from '../domain/present-shortlist.ts';
import type { ConcernScores, DecisionLogEntry } from '../domain/shortlist.ts';

/** A reported task in the approved shortlist, in the participant's words. */
export interface ApprovedTask {
  taskId: string;
  personId: string;
  text: string;
  hoursPerWeek: number;
  status: 'confirmed' | 'unconfirmed';
  /** The cohort's approved training modules that cover it, in the consultant's order (empty: not covered). */
  servedBy: string[];
  /** True when no training module of the engagement reached the gap threshold for it. */
  isGap: boolean;
}

/** An approved (or pinned) training module of a cohort, in the consultant's order. */
export interface ApprovedModule {
  moduleId: string;
  title: string;
  /** 1-based, among the cohort's approved modules. */
  position: number;
  decision: 'approved' | 'pinned';
  note?: string;
  /** False when it left the library after approval: it cannot be taught (the curriculum flags it). */
  isInLibrary: boolean;
  /** The library entry (duration, exercises, guardrails, metrics), when it is still in the library. */
  trainingModule?: TrainingModule;
  demand: number;
  coverage: number;
  servesTasks: Array<{ taskId: string; personId: string; text: string }>;
}

export interface ApprovedCohort {
  id: string;
  department: string;
  roleLevel: CohortView['roleLevel'];
  memberCount: number;
  personIds: string[];
  concernScores: ConcernScores;
  modules: ApprovedModule[];
  tasks: ApprovedTask[];
  gaps: Array<{ theme: string; tasks: Array<{ taskId: string; personId: string; text: string }> }>;
}

/** What the curriculum is built from: plain data, erased people and tasks no longer on record left out. */
export interface ApprovedShortlist {
  engagementId: string;
  shortlistId: string;
  version: number;
  approvedAt: string;
  approvedBy: string;
  cohorts: ApprovedCohort[];
}

/**
 * The engagement's latest shortlist version, when it is approved. A recomputed version that is not
 * approved yet does not fall back to an older approved one (that would schedule from tasks the
 * consultant has since replaced): both that and no shortlist at all are a 409 saying so.
 */
export async function getApprovedShortlist(ctx: ShortlistContext, engagementId: string): Promise<ApprovedShortlist> {
  const engagement = await ctx.engagements.findEngagement(engagementId);
  if (!engagement) throw new NotFoundError('No such engagement.', 'engagement-not-found');
  const stored = await findShortlist(ctx.connection, engagementId);
  if (!stored) throw new ConflictError('This engagement has no shortlist yet; compute and approve one first.', 'shortlist-not-computed');
  if (stored.status !== 'approved') {
    throw new ConflictError(`Shortlist version ${stored.version} is not approved yet; approve it first.`, 'shortlist-not-approved');
  }
  const view = presentShortlist(stored, {
    taskText: await currentTaskText(ctx, engagementId),
    availability: engagementLibrary(engagement, ctx.catalogue).availability,
    latestVersion: stored.version,
  });
  const approval = [...stored.decisionLog].reverse().find((entry: DecisionLogEntry) => entry.action === 'approve-shortlist')!;
  return {
    engagementId,
    shortlistId: stored.id,
    version: stored.version,
    approvedAt: approval.at,
    approvedBy: approval.by,
    cohorts: view.cohorts.map((cohort) => approvedCohort(ctx, cohort)),
  };
}

function approvedCohort(ctx: ShortlistContext, cohort: CohortView): ApprovedCohort {
  const included = cohort.modules.filter((m) => m.decision === 'approved' || m.decision === 'pinned');
  const modules: ApprovedModule[] = included.map((m, i) => {
    const trainingModule = m.isInLibrary ? ctx.catalogue.find(m.moduleId) : undefined;
    return {
      moduleId: m.moduleId,
      title: m.title,
      position: i + 1,
      decision: m.decision as ApprovedModule['decision'],
      ...(m.note ? { note: m.note } : {}),
      isInLibrary: m.isInLibrary,
      ...(trainingModule ? { trainingModule } : {}),
      demand: m.demand,
      coverage: m.coverage,
      servesTasks: m.tasks.map((t) => ({ taskId: t.taskId, personId: t.personId, text: t.text })),
    };
  });
  const tasks = new Map<string, ApprovedTask>();
  const record = (t: { taskId: string; personId: string; text: string; hoursPerWeek: number; status: ApprovedTask['status'] }, isGap: boolean) => {
    if (!tasks.has(t.taskId)) tasks.set(t.taskId, { taskId: t.taskId, personId: t.personId, text: t.text, hoursPerWeek: t.hoursPerWeek, status: t.status, servedBy: [], isGap });
  };
  for (const m of cohort.modules) for (const t of m.tasks) record(t, false);
  for (const gap of cohort.gaps) for (const t of gap.tasks) record(t, true);
  for (const m of modules) for (const t of m.servesTasks) tasks.get(t.taskId)!.servedBy.push(m.moduleId);
  const personIds = [...new Set([...tasks.values()].map((t) => t.personId))].sort();
  return {
    id: cohort.id,
    department: cohort.department,
    roleLevel: cohort.roleLevel,
    memberCount: personIds.length,
    personIds,
    concernScores: cohort.concernScores,
    modules,
    tasks: [...tasks.values()].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : a.taskId < b.taskId ? -1 : 1)),
    gaps: cohort.gaps.map((gap) => ({ theme: gap.theme, tasks: gap.tasks.map((t) => ({ taskId: t.taskId, personId: t.personId, text: t.text })) })),
  };
}
