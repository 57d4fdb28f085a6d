import type { BriefMail, Recipient } from '../../mail/index.ts';
import type { PersonalBrief } from './build-brief.ts';

/** Where a participant reads their brief in the browser (the link in the mail). */
export const BRIEF_PAGE_PATH = '/brief';

/** The brief as the mail component takes it: the same three answers, as plain lines. */
export function briefMailOf(brief: PersonalBrief, recipient: Recipient): BriefMail {
  return {
    engagement: brief.engagement,
    personId: brief.person.id,
    recipient,
    curriculumVersion: brief.curriculumVersion,
    roleLevel: brief.person.roleLevel,
    servedTasks: brief.tasks.served.map((task) => ({ text: task.text, modules: task.modules.map((m) => ({ id: m.moduleId, title: m.title })) })),
    uncoveredTasks: brief.tasks.notYetCovered.map((task) => task.text),
    goodUse: {
      responsibilities: brief.goodAiUse.responsibilities.map((r) => `${r.title}: ${r.detail}`),
      guardrails: brief.goodAiUse.guardrails.map((g) => g.rule),
      measures: brief.goodAiUse.measures.map((m) => (m.direction ? `${m.name} (should ${m.direction === 'increase' ? 'go up' : 'go down'})` : m.name)),
    },
    sessions: brief.sessions.map((s) => ({ kind: s.kind, title: s.title, start: new Date(s.start), end: new Date(s.end), ...(s.isProvisional ? { isProvisional: true } : {}) })),
    briefPath: BRIEF_PAGE_PATH,
  };
}
