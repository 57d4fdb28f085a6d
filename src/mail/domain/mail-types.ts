/**
 * The data each mail needs, as plain typed values. Callers (engagements, intake, curriculum)
 * hand these over; mail renders them at queue time and never reads those components' collections.
 */

/** Who a mail goes to. The name is what the person (or a consultant) typed. */
export interface Recipient {
  name: string;
  email: string;
}

/** The outbox kinds; each has its own templates and dedupe key. */
export type MailKind = 'invitation' | 'reminder' | 'manager-request' | 'department-complete' | 'brief';

/** What the engagement is, as a person reading a mail should see it. */
export interface EngagementSummary {
  id: string;
  name: string;
  client: string;
  /** IANA zone; every date in a mail is shown in it. */
  timeZone: string;
  /** A demo engagement's mail is kept in the outbox as `withheld` and never sent. */
  isDemo?: boolean;
}

/** A person's first (or re-issued) personal link to their interview. */
export interface InvitationMail {
  engagement: EngagementSummary;
  personId: string;
  recipient: Recipient;
  /** participant: answers the interview; manager: reviews reports' tasks; both: does both. */
  role: 'participant' | 'manager' | 'both';
  /** The raw invite token, only ever seen here and by the person: the link is `${publicUrl}/i/<token>`. */
  token: string;
  /** When this token was issued: a re-issued token is a new invitation, a retried request is not. */
  tokenIssuedAt: Date;
  expiresAt: Date;
  /** Who runs the engagement, so the person knows whom to ask. */
  consultantName?: string;
  /** False for someone who names no manager: nobody will confirm their tasks (absent counts as true). */
  hasManager?: boolean;
}

/** A nudge to someone invited who has not submitted yet. */
export interface ReminderMail {
  engagement: EngagementSummary;
  personId: string;
  recipient: Recipient;
  /** When the invitation this reminder follows was issued (part of the dedupe key). */
  invitedAt: Date;
  /** Which reminder of the cadence this is: days after the invitation (3, 7, ...). */
  day: number;
  expiresAt?: Date;
  /** A fresh raw token when the access component issued one for this reminder; without it the mail points to the invitation. */
  token?: string;
  /** True when the person has saved a draft: the mail says "finish" instead of "start". */
  hasDraft?: boolean;
}

/** Asks a manager to review a report's tasks, sent when the report submits. */
export interface ManagerRequestMail {
  engagement: EngagementSummary;
  managerId: string;
  recipient: Recipient;
  report: { personId: string; name: string };
  /** When the report submitted (part of the dedupe key: a re-submission after an amendment asks again). */
  submittedAt: Date;
  taskCount: number;
  /** Path of the review page under the public URL, e.g. `/reviews/<personId>` or `/i/<token>`. */
  reviewPath: string;
}

/** Tells the consultant that every intake of a department is in. */
export interface DepartmentCompleteMail {
  engagement: EngagementSummary;
  recipient: Recipient;
  department: string;
  /** Intakes submitted in the department; part of the dedupe key, so a grown roster that completes again is told again. */
  submittedCount: number;
  completedAt: Date;
  /** Path of the consultant's status page under the public URL. */
  statusPath: string;
}

/** One session of a participant's curriculum. */
export interface BriefSession {
  kind: 'opening' | 'training' | 'office-hours' | 'reinforcement';
  title: string;
  start: Date;
  end: Date;
  /** A date planned without a go-live to count from, for the consultant to confirm: the mail says so. */
  isProvisional?: boolean;
}

/** A participant's personal brief when a curriculum version is published. */
export interface BriefMail {
  engagement: EngagementSummary;
  personId: string;
  recipient: Recipient;
  curriculumVersion: number;
  roleLevel: 'contributor' | 'manager' | 'leader';
  /** My tasks the programme serves, each with the training modules that serve it. */
  servedTasks: { text: string; modules: { id: string; title: string }[] }[];
  /** My tasks no training module covers yet, said plainly. */
  uncoveredTasks: string[];
  /** What good AI use looks like in my role. */
  goodUse: { responsibilities: string[]; guardrails: string[]; measures: string[] };
  sessions: BriefSession[];
  /** Path under the public URL that opens the brief: a personal link (`/i/<token>`) that lands there signed in. */
  briefPath: string;
}

/** A mail ready to be stored and sent: what the person will read. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}
