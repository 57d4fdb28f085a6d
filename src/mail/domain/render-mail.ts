import { DateTime } from 'luxon';
import type { MailTemplates } from './mail-templates.ts';
import type {
  BriefMail, BriefSession, DepartmentCompleteMail, EngagementSummary, InvitationMail, ManagerRequestMail, RenderedMail, ReminderMail,
} from './mail-types.ts';

/** What rendering needs besides the mail's own data. */
export interface RenderContext {
  /** Base of every link, without a trailing slash (config.http.publicUrl). */
  publicUrl: string;
}

const LOCALE = 'en-GB';
const ROLE_LABELS = { contributor: 'individual contributor', manager: 'manager', leader: 'leader' } as const;
const SESSION_KIND_LABELS: Record<BriefSession['kind'], string> = {
  opening: 'Opening session',
  training: 'Training session',
  'office-hours': 'Office hours',
  reinforcement: 'Reinforcement session',
};
// Rough, honest estimates; the invitation says "about".
const INTERVIEW_DURATION = {
  participant: '25 minutes',
  manager: '5 to 10 minutes for each person who reports to you',
  both: '25 minutes for your own interview, and 5 to 10 minutes for each person who reports to you',
} as const;

/** The invitation with the personal link, the purpose of the interview, its length and the link's expiry. */
export function renderInvitation(templates: MailTemplates, mail: InvitationMail, context: RenderContext): RenderedMail {
  const { engagement } = mail;
  const subject = `${engagement.client}: your interview for the AI training plan`;
  const view = {
    name: mail.recipient.name,
    client: engagement.client,
    isParticipant: mail.role !== 'manager',
    isManager: mail.role !== 'participant',
    hasManager: mail.hasManager !== false,
    duration: INTERVIEW_DURATION[mail.role],
    link: personalLink(context, mail.token),
    buttonLabel: mail.role === 'manager' ? 'Open your review' : 'Start the interview',
    expiresOn: formatDay(mail.expiresAt, engagement.timeZone),
    consultantName: mail.consultantName ?? null,
  };
  return finish(templates, 'invitation', view, {
    subject,
    heading: engagement.name,
    preheader: `About ${INTERVIEW_DURATION[mail.role]}; your personal link works until ${view.expiresOn}.`,
    footer: participantFooter(engagement),
  });
}

/** A reminder to someone who has not submitted; links a fresh token when there is one. */
export function renderReminder(templates: MailTemplates, mail: ReminderMail, context: RenderContext): RenderedMail {
  const { engagement } = mail;
  const hasDraft = mail.hasDraft === true;
  const subject = hasDraft
    ? `${engagement.client}: a few minutes to finish your interview`
    : `${engagement.client}: your interview is still waiting for you`;
  const view = {
    name: mail.recipient.name,
    client: engagement.client,
    hasDraft,
    link: mail.token ? personalLink(context, mail.token) : null,
    buttonLabel: hasDraft ? 'Finish the interview' : 'Start the interview',
    invitedOn: formatDay(mail.invitedAt, engagement.timeZone),
    expiresOn: mail.expiresAt ? formatDay(mail.expiresAt, engagement.timeZone) : null,
  };
  return finish(templates, 'reminder', view, {
    subject,
    heading: engagement.name,
    preheader: hasDraft ? 'Your answers are saved; pick up where you left off.' : 'It takes about 25 minutes.',
    footer: participantFooter(engagement),
  });
}

/** Asks a manager to review the tasks of a report who just submitted. */
export function renderManagerRequest(templates: MailTemplates, mail: ManagerRequestMail, context: RenderContext): RenderedMail {
  const { engagement } = mail;
  const view = {
    name: mail.recipient.name,
    reportName: mail.report.name,
    taskCountText: plural(mail.taskCount, 'task', 'tasks'),
    link: pageLink(context, mail.reviewPath),
  };
  return finish(templates, 'manager-request', view, {
    subject: `${mail.report.name}'s tasks are ready for your review`,
    heading: engagement.name,
    preheader: `${view.taskCountText} to confirm, correct or reject.`,
    footer: participantFooter(engagement),
  });
}

/** Tells the consultant that every intake of a department is in. */
export function renderDepartmentComplete(templates: MailTemplates, mail: DepartmentCompleteMail, context: RenderContext): RenderedMail {
  const { engagement } = mail;
  const view = {
    name: mail.recipient.name,
    department: mail.department,
    engagementName: engagement.name,
    client: engagement.client,
    submittedText: plural(mail.submittedCount, 'intake submitted', 'intakes submitted'),
    completedOn: formatDay(mail.completedAt, engagement.timeZone),
    link: pageLink(context, mail.statusPath),
  };
  return finish(templates, 'department-complete', view, {
    subject: `${engagement.name}: all intakes of ${mail.department} are in`,
    heading: engagement.name,
    preheader: `${view.submittedText} in ${mail.department}.`,
    footer: `You run the engagement ${engagement.name} in Tailor.`,
  });
}

/** The personal brief: tasks served (and not), good AI use in the role, sessions in the engagement's time zone. */
export function renderBrief(templates: MailTemplates, mail: BriefMail, context: RenderContext): RenderedMail {
  const { engagement } = mail;
  const zone = engagement.timeZone;
  const sessions = [...mail.sessions].sort((a, b) => a.start.getTime() - b.start.getTime());
  const view = {
    name: mail.recipient.name,
    client: engagement.client,
    roleLabel: ROLE_LABELS[mail.roleLevel],
    servedTasks: mail.servedTasks.map((task) => ({ text: task.text, modulesText: task.modules.map((m) => m.title).join('; ') })),
    uncoveredTasks: mail.uncoveredTasks,
    responsibilities: mail.goodUse.responsibilities,
    guardrails: mail.goodUse.guardrails,
    measures: mail.goodUse.measures,
    timeZone: zone,
    sessions: sessions.map((s) => ({
      date: formatDay(s.start, zone), time: formatTimes(s, zone), title: s.title, kindLabel: SESSION_KIND_LABELS[s.kind], isProvisional: s.isProvisional === true,
    })),
    link: pageLink(context, mail.briefPath),
  };
  const first = sessions[0];
  return finish(templates, 'brief', view, {
    subject: `Your AI training plan for ${engagement.client}`,
    heading: engagement.name,
    preheader: first ? `Your first session is on ${formatDay(first.start, zone)}.` : 'Where AI fits in your work, and what comes next.',
    footer: participantFooter(engagement),
  });
}

function finish(
  templates: MailTemplates,
  kind: Parameters<MailTemplates['render']>[0],
  view: object,
  layout: { subject: string; heading: string; preheader: string; footer: string },
): RenderedMail {
  // A subject is a header: a line break typed into a name must not start a new header line.
  const subject = oneLine(layout.subject);
  const { html, text } = templates.render(kind, view, { ...layout, subject });
  return { subject, html, text };
}

function personalLink(context: RenderContext, token: string): string {
  return `${context.publicUrl}/i/${encodeURIComponent(token)}`;
}

function pageLink(context: RenderContext, pagePath: string): string {
  if (!pagePath.startsWith('/') || pagePath.startsWith('//')) throw new Error(`A mail link path must start with one "/" (got "${pagePath}")`);
  return `${context.publicUrl}${pagePath}`;
}

function participantFooter(engagement: EngagementSummary): string {
  return `You receive this because ${engagement.client} added you to the needs assessment "${engagement.name}", run with Tailor.`;
}

/** "Tuesday 14 October 2025" in the engagement's zone: the date the reader lives in, not the server's. */
export function formatDay(date: Date, zone: string): string {
  return inZone(date, zone).toFormat('cccc d LLLL yyyy');
}

function formatTimes(session: BriefSession, zone: string): string {
  const start = inZone(session.start, zone);
  const end = inZone(session.end, zone);
  const endText = start.hasSame(end, 'day') ? end.toFormat('HH:mm') : end.toFormat('cccc d LLLL HH:mm');
  return `${start.toFormat('HH:mm')}–${endText}`;
}

function inZone(date: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(date, { zone }).setLocale(LOCALE);
  // Engagements validate their zone; an invalid one here is a bug, not something to print as "Invalid DateTime".
  if (!local.isValid) throw new Error(`Cannot show ${date.toISOString()} in time zone "${zone}": ${local.invalidExplanation}`);
  return local;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}
