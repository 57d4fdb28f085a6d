import type { Person } from '../../engagements/index.ts';
import type { CohortView, ModuleView, ShortlistView } from '../../shortlist/index.ts';
import { formatDemand, formatHours, hoursAWeek } from './coverage-matrix.ts';
import { cohortHeading, count, DECISION_LABELS } from './labels.ts';

/** A page stays readable for a big cohort: this many tasks per module or theme, then how many more. */
const TASKS_SHOWN = 25;
const LOG_SHOWN = 10;

/** A training module the consultant may pin into a cohort's list. */
export interface PinnableModule {
  id: string;
  title: string;
}

/**
 * The shortlist page as plain values: per cohort its ranked modules with evidence and the people and
 * tasks each covers, its gaps by theme, and what the consultant can do next. Every string a person
 * typed (task words, notes) stays a plain string for the template to escape.
 */
export function shortlistPageModel(
  shortlist: ShortlistView,
  context: { people: readonly Person[]; pinnable: readonly PinnableModule[]; cohortsNeedingModule?: ReadonlySet<string>; consultantId: string },
) {
  const names = new Map(context.people.map((p) => [p.id, p.name]));
  const nameOf = (personId: string) => names.get(personId) ?? 'Someone no longer on the roster';
  const isLatest = shortlist.version === shortlist.latestVersion;
  return {
    version: shortlist.version,
    latestVersion: shortlist.latestVersion,
    isLatest,
    isApproved: shortlist.status === 'approved',
    statusLabel: shortlist.status === 'approved' ? 'Approved' : 'Draft: being reviewed',
    computedOn: shortlist.computedAt.slice(0, 10),
    notices: shortlist.notices.map((n) => n.message),
    notCarried: (shortlist.carryOver?.notCarried ?? []).map((n) => n.message),
    cohorts: shortlist.cohorts.map((cohort) => cohortModel(cohort, nameOf, context, isLatest)),
    log: [...shortlist.decisionLog].reverse().slice(0, LOG_SHOWN).map((entry) => ({
      at: entry.at.slice(0, 16).replace('T', ' '),
      by: entry.by === context.consultantId ? 'You' : 'Another consultant',
      what: describeLogEntry(entry),
    })),
  };
}

function cohortModel(cohort: CohortView, nameOf: (personId: string) => string, context: Parameters<typeof shortlistPageModel>[1], isLatest: boolean) {
  const listed = new Set(cohort.modules.map((m) => m.moduleId));
  const coveredShare = cohort.taskHours > 0 ? Math.round((cohort.coveredHours / cohort.taskHours) * 100) : 0;
  return {
    id: cohort.id,
    anchor: `cohort-${cohort.id}`,
    heading: cohortHeading(cohort),
    facts: [
      count(cohort.peopleCount, 'person', 'people'),
      count(cohort.taskCount, 'task', 'tasks') + (cohort.unconfirmedTaskCount > 0 ? ` (${cohort.unconfirmedTaskCount} not yet confirmed by a manager)` : ''),
      `${hoursAWeek(cohort.taskHours)} reported`,
      `${coveredShare} % of those hours covered by a training module`,
    ],
    needsModule: context.cohortsNeedingModule?.has(cohort.id) ?? false,
    hasApprovedModule: cohort.modules.some((m) => m.decision === 'approved' || m.decision === 'pinned'),
    canReview: isLatest,
    modules: cohort.modules.map((module, i) => moduleModel(cohort, module, i, nameOf)),
    gaps: cohort.gaps.map((gap, i) => ({
      anchor: `gap-${cohort.id}-${i + 1}`,
      theme: gap.theme,
      hours: hoursAWeek(gap.taskHours),
      tasks: gap.tasks.slice(0, TASKS_SHOWN).map((task) => ({ text: task.text, person: nameOf(task.personId), isUnconfirmed: task.status === 'unconfirmed' })),
      more: Math.max(0, gap.tasks.length - TASKS_SHOWN),
    })),
    pinOptions: context.pinnable.filter((m) => !listed.has(m.id)),
  };
}

function moduleModel(cohort: CohortView, module: ModuleView, index: number, nameOf: (personId: string) => string) {
  const isDecided = module.decision === 'approved' || module.decision === 'pinned';
  return {
    moduleId: module.moduleId,
    anchor: `module-${cohort.id}-${module.moduleId}`,
    title: module.title,
    position: module.position,
    rankLabel: module.rank === null ? 'Added by a consultant' : `Ranked ${module.rank} by demand`,
    decision: module.decision,
    decisionLabel: DECISION_LABELS[module.decision],
    isDecided,
    isInLibrary: module.isInLibrary,
    isInEngagement: module.isInEngagement,
    note: module.note ?? '',
    demand: formatDemand(module.demand),
    coveragePercent: Math.round(module.coverage * 100),
    coveredHours: formatHours(module.coveredHours),
    canMoveUp: isDecided && index > 0,
    canMoveDown: isDecided && index < cohort.modules.length - 1,
    positionUp: module.position - 1,
    positionDown: module.position + 1,
    people: count(new Set(module.tasks.map((t) => t.personId)).size, 'person', 'people'),
    tasks: module.tasks.slice(0, TASKS_SHOWN).map((task) => ({
      text: task.text,
      person: nameOf(task.personId),
      score: Math.round(task.score * 100),
      phrase: task.evidence.phrase,
      sharedTerms: task.evidence.sharedTerms.join(', '),
      relatedTerms: task.evidence.relatedTerms.map((r) => `${r.taskWord} ≈ ${r.moduleWord}`).join(', '),
      isUnconfirmed: task.status === 'unconfirmed',
    })),
    more: Math.max(0, module.tasks.length - TASKS_SHOWN),
  };
}

function describeLogEntry(entry: ShortlistView['decisionLog'][number]): string {
  const on = entry.moduleId ? ` ${entry.moduleId}${entry.cohortId ? ` for ${entry.cohortId}` : ''}` : '';
  switch (entry.action) {
    case 'compute': return entry.fromVersion ? `computed this version (decisions carried over from version ${entry.fromVersion})` : 'computed this version';
    case 'approve': return `approved${on}`;
    case 'reject': return `rejected${on}`;
    case 'pin': return `pinned${on}`;
    case 'approve-shortlist': return 'approved the shortlist';
    case 'reopen': return 'reopened the shortlist for review';
    default: return entry.action;
  }
}
