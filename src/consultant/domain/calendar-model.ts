import { DateTime } from 'luxon';
import type { CurriculumVersionSummary, CurriculumView, Flag, Session, SessionKind } from '../../curriculum/index.ts';
import { cohortHeading, count } from './labels.ts';

/** Each kind of session: a short word on the session itself, a sentence in the legend. */
export const SESSION_KINDS: ReadonlyArray<{ kind: SessionKind; word: string; label: string }> = [
  { kind: 'opening', word: 'Opening', label: 'Opening: concerns and psychological safety' },
  { kind: 'training', word: 'Training', label: 'Training session' },
  { kind: 'office-hours', word: 'Office hours', label: 'Office hours after go-live' },
  { kind: 'reinforcement', word: 'Reinforcement', label: 'Reinforcement, with harder exercises' },
];
const KIND_WORDS = new Map(SESSION_KINDS.map((k) => [k.kind, k.word]));

/**
 * The curriculum as a calendar: one row per week that has a session or a go-live (in the engagement's
 * zone), one column per cohort, each session with its time, kind (a word and a colour) and flag. The
 * flags come first, warnings before information: they are what the consultant must act on.
 */
export function calendarModel(view: CurriculumView) {
  const zone = view.timeZone;
  const weeks = new Map<string, Map<string, { sessions: ReturnType<typeof sessionModel>[]; goLives: string[] }>>();
  const cellOf = (date: string, cohortId: string) => {
    const monday = DateTime.fromISO(date, { zone }).startOf('week').toISODate()!;
    const week = weeks.get(monday) ?? weeks.set(monday, new Map()).get(monday)!;
    return week.get(cohortId) ?? week.set(cohortId, { sessions: [], goLives: [] }).get(cohortId)!;
  };
  for (const cohort of view.cohorts) {
    const flagged = new Map(cohort.flags.filter((f) => f.sessionId).map((f) => [f.sessionId!, f]));
    for (const session of cohort.sessions) cellOf(session.date, cohort.id).sessions.push(sessionModel(session, zone, flagged.get(session.id)));
    for (const milestone of cohort.milestones) if (milestone.goLive) cellOf(milestone.goLive, cohort.id).goLives.push(milestone.workflow);
  }
  const flags = [
    ...view.flags.map((flag) => flagModel(flag, 'Whole engagement')),
    ...view.cohorts.flatMap((cohort) => cohort.flags.map((flag) => flagModel(flag, cohortHeading(cohort)))),
  ];
  return {
    version: view.version,
    isDraft: view.status === 'draft',
    statusLabel: view.status === 'draft' ? 'Draft: not yet published' : publishedLabel(view.publishedAt, zone),
    generatedOn: view.generatedOn,
    shortlistVersion: view.shortlistVersion,
    timeZone: zone,
    cohorts: view.cohorts.map((c) => ({
      id: c.id,
      heading: cohortHeading(c),
      facts: `${count(c.memberCount, 'person', 'people')}, ${count(c.sessions.length, 'session', 'sessions')}${c.concerns.needsOpening ? ', opens with a session on concerns' : ''}`,
    })),
    weeks: [...weeks.keys()].sort().map((monday) => ({
      label: `Week of ${DateTime.fromISO(monday, { zone }).toFormat('d LLL yyyy')}`,
      cells: view.cohorts.map((c) => weeks.get(monday)!.get(c.id) ?? { sessions: [], goLives: [] }),
    })),
    warnings: flags.filter((f) => f.severity === 'warning'),
    information: flags.filter((f) => f.severity === 'info'),
    kinds: SESSION_KINDS,
  };
}

/** The versions list, newest first, with what a consultant compares them by. */
export function versionRows(versions: readonly CurriculumVersionSummary[], shown: number, zone: string) {
  return versions.map((v) => ({
    version: v.version,
    isShown: v.version === shown,
    status: v.status === 'published' ? publishedLabel(v.publishedAt, zone) : 'Draft',
    generatedOn: v.generatedOn,
    shortlistVersion: v.shortlistVersion,
    sessions: v.sessionCount,
    warnings: v.warningCount,
  }));
}

function sessionModel(session: Session, zone: string, flag: Flag | undefined) {
  const start = DateTime.fromISO(session.start, { zone });
  const end = DateTime.fromISO(session.end, { zone });
  return {
    kind: session.kind,
    kindLabel: KIND_WORDS.get(session.kind) ?? session.kind,
    title: session.title,
    when: `${start.toFormat('ccc d LLL')}, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`,
    datetime: session.start,
    isProvisional: session.isProvisional === true,
    flag: flag?.message,
  };
}

function flagModel(flag: Flag, where: string) {
  return { severity: flag.severity, where, message: flag.message, code: flag.code };
}

/** "Published 2026-11-26", the day in the engagement's time zone, as every other date on the page is. */
function publishedLabel(publishedAt: string | undefined, zone: string): string {
  return publishedAt ? `Published ${DateTime.fromISO(publishedAt, { zone }).toISODate()}` : 'Published';
}
