import type { PersonalBrief } from '../domain/build-brief.ts';
import { ROLE_LABELS } from '../domain/role-guidance.ts';
import { groupByWeek, longDate, SESSION_KIND_LABELS, sessionWhen } from './session-times.ts';

/**
 * The brief page's values (the web shell lays them out with `curriculum/brief`). The participant's
 * task words and the guardrails stay plain strings, escaped by the template's double braces.
 */
export function briefPageModel(brief: PersonalBrief): { title: string; [key: string]: unknown } {
  const zone = brief.engagement.timeZone;
  const sessions = brief.sessions.map((session) => ({
    ...session,
    kindLabel: SESSION_KIND_LABELS[session.kind],
    when: sessionWhen(session.start, session.end, zone),
    goLiveLabel: session.goLive ? longDate(session.goLive) : undefined,
  }));
  const first = sessions[0];
  return {
    title: 'Your AI training brief',
    name: brief.person.name,
    client: brief.engagement.client,
    roleLabel: ROLE_LABELS[brief.person.roleLevel],
    department: brief.person.department,
    version: brief.curriculumVersion,
    summary: brief.tasks.summary,
    served: brief.tasks.served.map((task) => ({ text: task.text, modules: task.modules.map((m) => m.title) })),
    uncovered: brief.tasks.notYetCovered.map((task) => ({ text: task.text, explanation: task.explanation })),
    responsibilities: brief.goodAiUse.responsibilities,
    guardrails: brief.goodAiUse.guardrails.map((g) => g.rule),
    measures: brief.goodAiUse.measures.map((m) => (m.direction ? `${m.name} (should ${m.direction === 'increase' ? 'go up' : 'go down'})` : m.name)),
    firstSession: first ? `${first.when.day}, ${first.when.time}: ${first.title}` : undefined,
    weeks: groupByWeek(sessions).map((week) => ({ label: week.label, sessions: week.items })),
    timeZone: zone,
  };
}
