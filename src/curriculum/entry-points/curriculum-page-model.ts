import type { Engagement } from '../../engagements/index.ts';
import type { CurriculumCohortView, CurriculumView } from '../domain/curriculum-version.ts';
import { ROLE_LABELS } from '../domain/role-guidance.ts';
import type { Flag, Session } from '../domain/schedule/curriculum-document.ts';
import type { GuardrailTopic } from '../domain/schedule/schedule-input.ts';
import { groupByWeek, longDate, SESSION_KIND_LABELS, sessionWhen } from './session-times.ts';

/** A printed page stays readable: a module serving thousands of tasks lists this many, then says how many more. */
const TASKS_SHOWN_PER_MODULE = 25;

const TOPIC_LABELS: Readonly<Record<GuardrailTopic, string>> = {
  'data-privacy': 'Data privacy',
  'approval-chain': 'Approval chain',
  bias: 'Bias and fairness',
  accuracy: 'Accuracy',
  transparency: 'Transparency',
  security: 'Security',
};

const CONCERN_LABELS: Readonly<Record<string, string>> = {
  jobDisplacement: 'worry about their jobs',
  comfortWithTechnology: 'discomfort with new technology',
  trustInOutput: 'doubt about AI output',
  compliance: 'worry about breaking rules',
};

/**
 * What the printable curriculum shows, as plain values: the template only lays them out. Every
 * string a person typed (task words, notes, manager answers inside guardrails) stays a plain string
 * here and is escaped by the template's double braces.
 */
export function curriculumPageModel(view: CurriculumView, engagement: Pick<Engagement, 'name' | 'client'>): Record<string, unknown> {
  return {
    title: `Curriculum v${view.version}: ${engagement.client}, ${engagement.name}`,
    engagement: { name: engagement.name, client: engagement.client },
    version: view.version,
    isDraft: view.status === 'draft',
    statusLabel: view.status === 'draft' ? 'Draft: not yet published to participants' : `Published ${view.publishedAt ? longDate(view.publishedAt.slice(0, 10)) : ''}`.trim(),
    generatedOn: longDate(view.generatedOn),
    shortlistVersion: view.shortlistVersion,
    timeZone: view.timeZone,
    flags: flagsOf(view.flags),
    cohorts: view.cohorts.map((cohort) => cohortModel(cohort, view.timeZone)),
  };
}

function cohortModel(cohort: CurriculumCohortView, zone: string): Record<string, unknown> {
  const sessions = cohort.sessions.map((session) => ({ ...sessionModel(session), when: sessionWhen(session.start, session.end, zone) }));
  return {
    id: cohort.id,
    heading: `${cohort.department}: ${ROLE_LABELS[cohort.roleLevel]}s`,
    memberCount: cohort.memberCount,
    peopleLabel: cohort.memberCount === 1 ? '1 person' : `${cohort.memberCount} people`,
    opening: openingReason(cohort),
    modules: cohort.modules.map((module) => ({
      position: module.position,
      title: module.title,
      moduleId: module.moduleId,
      isPinned: module.decision === 'pinned',
      isInLibrary: module.isInLibrary,
      note: module.note,
      demand: module.demand.toFixed(1),
      coverage: `${Math.round(module.coverage * 100)} %`,
      taskCount: module.servesTasks.length,
      ...listedTasks(module.servesTasks.map((task) => task.text)),
      metrics: module.metrics.map((m) => (m.direction ? `${m.name} (${m.direction === 'increase' ? 'up' : 'down'})` : m.name)),
    })),
    weeks: groupByWeek(sessions).map((week) => ({ label: week.label, sessions: week.items })),
    sessionCount: sessions.length,
    guardrails: cohort.guardrails.map((g) => ({
      topic: TOPIC_LABELS[g.topic],
      rule: g.rule,
      source: [g.moduleIds.length > 0 ? `training modules: ${g.moduleIds.join(', ')}` : '', g.managerCount > 0 ? `${g.managerCount} manager${g.managerCount === 1 ? '' : 's'}` : ''].filter(Boolean).join('; '),
    })),
    flags: flagsOf(cohort.flags),
  };
}

/** Tasks worded the same (colleagues doing the same work) are listed once, with how often they were reported. */
function listedTasks(texts: readonly string[]): { tasks: Array<{ text: string; count: number }>; moreTasks: number } {
  const byWords = new Map<string, { text: string; count: number }>();
  for (const text of texts) {
    const key = text.trim().replace(/\s+/g, ' ').toLowerCase();
    const entry = byWords.get(key) ?? { text, count: 0 };
    entry.count += 1;
    byWords.set(key, entry);
  }
  const all = [...byWords.values()];
  return { tasks: all.slice(0, TASKS_SHOWN_PER_MODULE), moreTasks: Math.max(0, all.length - TASKS_SHOWN_PER_MODULE) };
}

function sessionModel(session: Session): Record<string, unknown> {
  const split = session.instructorMinutes !== undefined && session.practiceMinutes !== undefined
    ? `${session.instructorMinutes} min instructor-led, ${session.practiceMinutes} min practice on own work`
    : `${session.durationMinutes} min`;
  return {
    kind: session.kind,
    kindLabel: SESSION_KIND_LABELS[session.kind],
    title: session.title,
    split,
    deliverable: session.deliverable,
    goLive: session.goLive ? longDate(session.goLive) : undefined,
    leadDays: session.leadDays,
    isProvisional: session.isProvisional === true,
  };
}

/** The concern means are one person's answers in a cohort of one: they are never printed then. */
function openingReason(cohort: CurriculumCohortView): string | undefined {
  if (!cohort.concerns.needsOpening) return undefined;
  if (cohort.memberCount === 1) return 'An opening session on concerns and psychological safety is planned.';
  const reasons = cohort.concerns.triggeredBy.map((key) => CONCERN_LABELS[key] ?? key).join(', ');
  return `An opening session on concerns and psychological safety is planned: the group reported ${reasons} at or above ${cohort.concerns.threshold} on a 1–5 scale.`;
}

function flagsOf(flags: readonly Flag[]): Array<{ isWarning: boolean; severity: string; code: string; message: string }> {
  return flags.map((flag) => ({ isWarning: flag.severity === 'warning', severity: flag.severity === 'warning' ? 'Warning' : 'Note', code: flag.code, message: flag.message }));
}
