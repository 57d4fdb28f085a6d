import { createEvents, type EventAttributes } from 'ics';
import type { Curriculum, CurriculumCohort, Session, SessionKind } from './schedule/curriculum-document.ts';

const KIND_LABELS: Record<SessionKind, string> = {
  opening: 'Opening session',
  training: 'Training session',
  'office-hours': 'Office hours',
  reinforcement: 'Reinforcement session',
};

export interface IcsOptions {
  /** Only these cohorts (a participant's own calendar); all cohorts when absent. */
  cohortIds?: string[];
}

/**
 * The curriculum as an iCalendar file: one VEVENT per session.
 * Times are written in UTC (`…Z`): the `ics` package emits no VTIMEZONE, and a TZID without one
 * is not valid; UTC instants are exact and every client shows them in the reader's own zone.
 * UIDs leave the version out on purpose: a re-generated curriculum then updates the events
 * people already imported (SEQUENCE carries the version) instead of duplicating them.
 * DTSTAMP is the generation date, so the same curriculum gives the same bytes.
 */
export function renderCurriculumIcs(curriculum: Curriculum, options: IcsOptions = {}): string {
  const cohorts = curriculum.cohorts.filter((cohort) => !options.cohortIds || options.cohortIds.includes(cohort.id));
  const showCohort = cohorts.length > 1;
  const timestamp = Date.parse(`${curriculum.generatedOn}T00:00:00Z`);
  const events = cohorts.flatMap((cohort) =>
    cohort.sessions.map((session): EventAttributes & { timestamp: number } => ({
      uid: sessionUid(curriculum.engagementId, cohort.id, session.id),
      sequence: curriculum.version,
      timestamp,
      title: showCohort ? `${session.title} (${cohort.department}, ${cohort.roleLevel})` : session.title,
      description: describeSession(session, cohort),
      start: Date.parse(session.start),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: Date.parse(session.end),
      endInputType: 'utc',
      endOutputType: 'utc',
      categories: [session.kind],
      status: session.isProvisional ? 'TENTATIVE' : 'CONFIRMED',
      busyStatus: 'BUSY',
    })),
  );
  const { error, value } = createEvents(events, {
    productId: '-//Tailor//Curriculum//EN',
    method: 'PUBLISH',
    calName: `Tailor curriculum, version ${curriculum.version}`,
  });
  // Our own documents are schema-checked, so a refusal here is a bug, not bad input.
  if (error || value === null) throw new Error('The curriculum could not be rendered as iCalendar.', { cause: error });
  return value;
}

/** Stable across versions; each part is URI-encoded so ids containing "/" cannot collide. */
export function sessionUid(engagementId: string, cohortId: string, sessionId: string): string {
  return `${[engagementId, cohortId, sessionId].map(encodeURIComponent).join('/')}@tailor`;
}

function describeSession(session: Session, cohort: CurriculumCohort): string {
  const lines = [`${KIND_LABELS[session.kind]} for ${cohort.department} (${cohort.roleLevel}).`];
  if (session.isProvisional) lines.push('Provisional date: no go-live milestone is linked yet.');
  if (session.instructorMinutes !== undefined && session.practiceMinutes !== undefined) {
    lines.push(`${session.instructorMinutes} min instructor-led, ${session.practiceMinutes} min practice on your own work.`);
  }
  if (session.deliverable) lines.push(`Practice assignment: ${session.deliverable}`);
  if (session.reflection) lines.push(`Reflection: ${session.reflection}`);
  if (session.kind === 'reinforcement') {
    for (const exercise of session.exercises ?? []) lines.push(`Exercise: ${exercise.title}${exercise.advanced ? ` (harder: ${exercise.advanced})` : ''}`);
  }
  if (session.goLive) lines.push(`Go-live: ${session.goLive}.`);
  return lines.join('\n');
}
