import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { ClientSession, Connection } from 'mongoose';
import type { AccessComponent, Actor } from '../access/index.ts';
import { listRoster, type EngagementsComponent, type RoleLevel } from '../engagements/index.ts';
import type { Logger } from '../platform/logger.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import type { PageKit } from '../web/index.ts';
import { deleteAuditOfEngagement } from './data-access/audit-repository.ts';
import { deleteIntakesOfEngagement, listIntakes } from './data-access/intake-repository.ts';
import { deleteTasksOfEngagement, listTasksOfEngagement, type TaskRecord } from './data-access/task-repository.ts';
import type { QuestionBankCatalogue } from './domain/question-bank-catalogue.ts';
import type { ReviewInput } from './domain/review-rules.ts';
import { interviewRoutes } from './entry-points/interview-routes.ts';
import { intakePages } from './entry-points/intake-pages.ts';
import { intakeSubmitPages } from './entry-points/intake-submit-pages.ts';
import { meRoutes } from './entry-points/me-routes.ts';
import { landingPathFor } from './entry-points/person-pages.ts';
import { reviewPages } from './entry-points/review-pages.ts';
import { NO_INTAKE_HOOKS, type Author, type IntakeContext, type IntakeHooks, type Subject, type TasksWritten } from './use-cases/context.ts';
import { getIntake, type IntakeView } from './use-cases/get-intake.ts';
import { getMe, type MeView } from './use-cases/get-me.ts';
import { listMyReports, reviewReport, type ReportView } from './use-cases/review-reports.ts';
import { saveDraft, type SaveInput } from './use-cases/save-draft.ts';
import { submitIntake } from './use-cases/submit-intake.ts';

export type { IntakeHooks, IntakeSubmitted, Subject, Author, TasksWritten } from './use-cases/context.ts';
export type { IntakeView } from './use-cases/get-intake.ts';
export type { MeView } from './use-cases/get-me.ts';
export type { ReportView, ReportStatus } from './use-cases/review-reports.ts';
export type { SaveInput } from './use-cases/save-draft.ts';
export type { ReviewInput } from './domain/review-rules.ts';
export type { TaskRecord } from './data-access/task-repository.ts';
export type { ComposedBank, Question, Page, Answers, Condition } from './domain/question-bank.ts';
export type { QuestionBankCatalogue } from './domain/question-bank-catalogue.ts';
/** Loads and checks `question-banks/` at start-up; a bad file stops the start naming file and JSON pointer. */
export { loadQuestionBanks } from './data-access/question-bank-files.ts';
/** Intake's implementation of the engagements `IntakeRecordsPort` (status, export, erasure). */
export { createIntakeRecords } from './use-cases/intake-records.ts';
/** Every task record (id, person, words, hours, status, priority; or only id, person and words) or every intake's answers to given questions, in one lean query each. */
export { listTaskSummaries, listTaskTexts, listAnswerSummaries } from './data-access/engagement-listings.ts';
/** What those listings return. */
export type { TaskSummary, AnswerSummary } from './data-access/engagement-listings.ts';
/** Evaluates a `visibleIf` condition against answers (the pages use it to show and hide questions). */
export { isConditionMet, isVisible } from './domain/visibility.ts';
/** OpenAPI descriptions of the intake routes. */
export { intakeApiOperations } from './entry-points/api-description.ts';
/** Intake's page templates (`intake/...`), for the web shell's view engine. */
export const intakeViewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

export interface IntakeDeps {
  connection: Connection;
  schemas: SchemaRegistry;
  logger: Logger;
  now: () => Date;
  banks: QuestionBankCatalogue;
  access: AccessComponent;
  engagements: EngagementsComponent;
  hooks?: Partial<IntakeHooks>;
  /** Told about task words once they are committed; nothing when absent. */
  onTasksWritten?: (written: TasksWritten) => Promise<void>;
}

/** The intake component: routes, and the use cases the web pages call with plain data. */
export interface IntakeComponent {
  /** The Express routers (`/api/v1/me…`, the consultant's live-interview routes). */
  routers(): Router[];
  /** Who the person is, their engagement and banks. */
  getMe(person: Subject): Promise<MeView>;
  /** A person's intake with its bank. */
  getIntake(person: Subject): Promise<IntakeView>;
  /** Saves a draft (or amends a submitted intake); `by` is the person or an interviewing consultant. */
  saveDraft(person: Subject, by: Author, input: SaveInput): Promise<IntakeView>;
  /** Submits; harmless when already submitted. */
  submitIntake(person: Subject, by: Author, input?: { version?: number }): Promise<IntakeView>;
  /** A manager's direct reports with their submitted tasks. */
  listMyReports(manager: Subject): Promise<ReportView[]>;
  /** A manager's review of one report. */
  reviewReport(manager: Subject, reportId: string, input: ReviewInput): Promise<ReportView>;
  /** The pages: `/me`, the intake page by page (`/me/intake…`), and a manager's review of their team (`/me/reports…`). */
  pageRouters(pages: PageKit): Router[];
  /** Where a person lands after signing in: `/me/reports` for a manager, `/me/intake` for anyone else. */
  landingPathFor(person: Subject): Promise<string>;
  /** Deletes every intake, task record and audit entry of an engagement inside the caller's transaction (the demo's removal). */
  deleteEngagementRecords(session: ClientSession, engagementId: string): Promise<void>;
}

export function createIntake(deps: IntakeDeps): IntakeComponent {
  const ctx: IntakeContext = {
    connection: deps.connection,
    banks: deps.banks,
    engagements: deps.engagements,
    now: deps.now,
    hooks: { ...NO_INTAKE_HOOKS, ...deps.hooks },
    onTasksWritten: deps.onTasksWritten ?? (async () => {}),
    logger: deps.logger.child({ component: 'intake' }),
  };
  const routeDeps = { schemas: deps.schemas, auth: deps.access.auth };
  return {
    routers: () => [meRoutes(ctx, routeDeps), interviewRoutes(ctx, { ...routeDeps, engagements: deps.engagements })],
    getMe: (person) => getMe(ctx, person),
    getIntake: (person) => getIntake(ctx, person),
    saveDraft: (person, by, input) => saveDraft(ctx, person, by, input),
    submitIntake: (person, by, input = {}) => submitIntake(ctx, person, by, input),
    listMyReports: (manager) => listMyReports(ctx, manager),
    reviewReport: (manager, reportId, input) => reviewReport(ctx, manager, reportId, input),
    pageRouters: (pages) => {
      const pageDeps = { pages, auth: deps.access.auth, schemas: deps.schemas };
      return [intakePages(ctx, pageDeps), intakeSubmitPages(ctx, pageDeps), reviewPages(ctx, pageDeps)];
    },
    landingPathFor: (person) => landingPathFor(ctx, person),
    deleteEngagementRecords: async (session, engagementId) => {
      await deleteIntakesOfEngagement(deps.connection, engagementId, session);
      await deleteTasksOfEngagement(deps.connection, engagementId, session);
      await deleteAuditOfEngagement(deps.connection, engagementId, session);
    },
  };
}

/** The person an actor stands for, when it is a person (pages turn `res.locals.actor` into a Subject). */
export function subjectOf(actor: Actor): Subject | undefined {
  return actor.kind === 'person' ? { engagementId: actor.engagementId, personId: actor.personId } : undefined;
}

/** Where a person sits, for grouping into cohorts (department × role level). */
export interface PersonPlacement {
  department: string;
  roleLevel: RoleLevel;
}

/**
 * Every task record of an engagement with its person's department and role level (the shortlist reads
 * these: status, priority, hours, source). Erased people have no tasks left.
 */
export async function listTaskRecords(connection: Connection, engagementId: string): Promise<Array<TaskRecord & PersonPlacement>> {
  const [tasks, placement] = await Promise.all([listTasksOfEngagement(connection, engagementId), placementsOf(connection, engagementId)]);
  return tasks.flatMap((task) => (placement.has(task.personId) ? [{ ...task, ...placement.get(task.personId)! }] : []));
}

/** Every intake's answers and status with the person's placement (the curriculum reads concern scales and manager guardrails). */
export async function listIntakeAnswers(
  connection: Connection,
  engagementId: string,
): Promise<Array<{ personId: string; status: string; answers: Record<string, unknown> } & PersonPlacement>> {
  const [intakes, placement] = await Promise.all([listIntakes(connection, engagementId), placementsOf(connection, engagementId)]);
  return intakes.flatMap((i) => (placement.has(i.personId) ? [{ personId: i.personId, status: i.status, answers: i.answers, ...placement.get(i.personId)! }] : []));
}

async function placementsOf(connection: Connection, engagementId: string): Promise<Map<string, PersonPlacement>> {
  return new Map((await listRoster(connection, engagementId)).map((p) => [p.id, { department: p.department, roleLevel: p.roleLevel }]));
}
