import type { RequestHandler, Router } from 'express';
import type { ClientSession, Connection } from 'mongoose';
import type { AccessComponent } from '../access/index.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import { deleteEngagementWithRoster, findEngagement, findOwnEngagement, noteIntakeSubmitted } from './data-access/engagement-repository.ts';
import { fencePeople, findPeopleByEmails, findPerson, hasReports, listPeople, listReportsOf, noteIntakeStarted } from './data-access/person-repository.ts';
import { listAwaitingIntake, type AwaitingIntake } from './domain/awaiting-intake.ts';
import { addPeople, type AddPeopleResult } from './domain/add-people.ts';
import { NO_ENGAGEMENT_HOOKS, type EngagementHooks, type EngagementsContext } from './domain/context.ts';
import type { Engagement, Person } from './domain/engagement.ts';
import { getEngagementStatus, getRosterAndStatus, type EngagementStatus } from './domain/engagement-status.ts';
import { getDepartmentProgress, type DepartmentProgress } from './domain/department-progress.ts';
import { listRosterWithStages, type RosterPerson } from './domain/list-roster.ts';
import { erasePerson } from './domain/erase-person.ts';
import { exportEngagement, type EngagementExport } from './domain/export-engagement.ts';
import type { IntakeRecordsPort } from './domain/intake-port.ts';
import { getOwnPerson, reissueInvite } from './domain/invite-links.ts';
import { createEngagement, getOwnEngagement, listEngagements, type EngagementInput } from './domain/manage-engagements.ts';
import type { RosterEntry } from './domain/roster-rules.ts';
import { readRosterCsv } from './domain/read-roster-csv.ts';
import { decodeRosterCsv } from './domain/decode-roster-csv.ts';
import { consultantIdOf } from '../access/index.ts';
import { engagementRoutes, param } from './entry-points/engagement-routes.ts';
import { peopleRoutes } from './entry-points/people-routes.ts';

export type { Engagement, Milestone, Person, RoleLevel, Stage } from './domain/engagement.ts';
export { ROLE_LEVELS } from './domain/engagement.ts';
export type { EngagementHooks, ErasedPerson, Invitation } from './domain/context.ts';
export type { IntakeRecordsPort, IntakeStage, ExportedIntake, ExportedTask } from './domain/intake-port.ts';
export type { EngagementStatus } from './domain/engagement-status.ts';
export type { DepartmentProgress } from './domain/department-progress.ts';
export type { RosterPerson } from './domain/list-roster.ts';
export type { AwaitingIntake } from './domain/awaiting-intake.ts';
export type { EngagementExport } from './domain/export-engagement.ts';
export type { AddPeopleResult } from './domain/add-people.ts';
export type { EngagementInput } from './domain/manage-engagements.ts';
export type { RosterEntry } from './domain/roster-rules.ts';
/** OpenAPI descriptions of the engagement routes. */
export { engagementApiOperations } from './entry-points/api-description.ts';
/** Where a consultant lands (`/consultant`) and their navigation bar, which the consultant pages extend. */
export { CONSULTANT_HOME_PATH, consultantNav } from './entry-points/consultant-home-page.ts';

export interface EngagementsDeps {
  connection: Connection;
  config: Config;
  schemas: SchemaRegistry;
  logger: Logger;
  now: () => Date;
  access: AccessComponent;
  /** Implemented by intake; see `intake-port.ts` for why it is handed in. */
  intakeRecords: IntakeRecordsPort;
  /** Whether the training-module library has this id (an engagement may name only modules that exist). */
  isTrainingModule: (moduleId: string) => boolean;
  hooks?: Partial<EngagementHooks>;
  /**
   * Told, once it has committed, that what an engagement's tasks are matched under changed: its set of
   * training modules, or a department's spelling (the engagement as updated); nothing when absent.
   */
  onMatchingChanged?: (engagement: Engagement) => void;
}

/** The engagements component: its routes, the use cases pages need, and the look-ups intake needs. */
export interface EngagementsComponent {
  /** The Express routers (engagements, roster). */
  routers(): Router[];
  /** Opens an engagement for a consultant; `isDemo` marks the consultant home's sample engagement (one per consultant: another is 409 `demo-exists` with its `engagementId`). */
  createEngagement(consultantId: string, input: EngagementInput, options?: { isDemo?: boolean; creationKey?: string }): Promise<Engagement>;
  /**
   * Deletes an engagement and its roster inside the caller's transaction. The caller removes what other
   * components hold first (intakes, shortlists, curricula, mail, links); today only the demo's removal does.
   */
  deleteEngagement(session: ClientSession, engagementId: string): Promise<void>;
  /** Inside a submission's transaction: serialises it with the engagement's other submissions (see the repository). */
  noteIntakeSubmitted(session: ClientSession, engagementId: string): Promise<void>;
  /** Inside an intake's first save: false when the person is no longer on the roster; serialises the save with their erasure. */
  noteIntakeStarted(session: ClientSession, engagementId: string, personId: string): Promise<boolean>;
  /**
   * Inside a transaction that writes mail or other data for or about people: those still on the roster.
   * Their erasure running at the same time then conflicts with the transaction instead of missing what it writes.
   */
  fencePeople(session: ClientSession, engagementId: string, personIds: readonly string[]): Promise<Set<string>>;
  /** A consultant's engagements, newest first. */
  listEngagements(consultantId: string): Promise<Engagement[]>;
  /** One of the consultant's engagements; 404 `engagement-not-found` otherwise. */
  getOwnEngagement(consultantId: string, engagementId: string): Promise<Engagement>;
  /** A person on one of the consultant's engagements; 404 otherwise. */
  getOwnPerson(consultantId: string, engagementId: string, personId: string): Promise<Person>;
  /** Adds or updates people (entries already shape-checked against `people-add`). */
  addPeople(consultantId: string, engagementId: string, people: RosterEntry[]): Promise<AddPeopleResult>;
  /** The roster with each person's stage and whether they are a manager (as `GET …/people`). */
  listRosterWithStages(consultantId: string, engagementId: string): Promise<RosterPerson[]>;
  /**
   * Adds or updates people from an uploaded roster CSV file (`name,email,department,roleLevel,managerEmail`), read as UTF-8:
   * 400 `csv-not-utf8` when it is not UTF-8 (its message says how to save it), 400 `csv-invalid` lists bad lines.
   */
  addPeopleFromCsv(consultantId: string, engagementId: string, csv: Uint8Array): Promise<AddPeopleResult>;
  /** Completion per department, as running totals. */
  getStatus(consultantId: string, engagementId: string): Promise<EngagementStatus>;
  /** Both of the above from one read (the consultant's overview shows both). */
  getRosterAndStatus(consultantId: string, engagementId: string): Promise<{ roster: RosterPerson[]; status: EngagementStatus }>;
  /** One department's people on the roster and how many have submitted, as committed (no ownership check). */
  departmentProgress(engagementId: string, department: string): Promise<DepartmentProgress>;
  /** Answers and task records of everyone on the engagement. */
  exportEngagement(consultantId: string, engagementId: string): Promise<EngagementExport>;
  /** Erases one person, keeping anonymous counts. */
  erasePerson(consultantId: string, engagementId: string, personId: string): Promise<void>;
  /** A new personal link for someone (older ones revoked). */
  reissueInvite(consultantId: string, engagementId: string, personId: string): Promise<{ personId: string; token: string; inviteUrl: string; expiresAt: string }>;
  /** Any engagement by id (no ownership check: for callers that already authorised). */
  findEngagement(engagementId: string): Promise<Engagement | undefined>;
  /** A live person of an engagement, or undefined; read in `session` when given (inside a transaction). */
  findPerson(engagementId: string, personId: string, session?: ClientSession): Promise<Person | undefined>;
  /** Everyone on the roster (erased people excluded). */
  listPeople(engagementId: string): Promise<Person[]>;
  /** The people who name `managerEmail` as their manager. */
  listReports(engagementId: string, managerEmail: string): Promise<Person[]>;
  /** True when someone names this email as their manager. */
  isManager(engagementId: string, email: string): Promise<boolean>;
  /** A live person of an engagement by email (lowercased), or undefined. */
  findPersonByEmail(engagementId: string, email: string): Promise<Person | undefined>;
  /** Everyone invited who has not submitted, across all engagements (the reminder pass). */
  listAwaitingIntake(): Promise<AwaitingIntake[]>;
  /** Middleware after `requireConsultant`: `:engagementId` must be this consultant's, else 404 `engagement-not-found`. */
  requireOwnEngagement: RequestHandler;
}

export function createEngagements(deps: EngagementsDeps): EngagementsComponent {
  const ctx: EngagementsContext = {
    connection: deps.connection,
    access: deps.access,
    intakeRecords: deps.intakeRecords,
    isTrainingModule: deps.isTrainingModule,
    publicUrl: deps.config.http.publicUrl,
    now: deps.now,
    hooks: { ...NO_ENGAGEMENT_HOOKS, ...deps.hooks },
    onMatchingChanged: deps.onMatchingChanged ?? (() => {}),
    logger: deps.logger.child({ component: 'engagements' }),
  };
  const routeDeps = { schemas: deps.schemas, auth: deps.access.auth };
  return {
    routers: () => [engagementRoutes(ctx, routeDeps), peopleRoutes(ctx, { ...routeDeps, bodyLimit: deps.config.http.bodyLimit })],
    createEngagement: (consultantId, input, options) => createEngagement(ctx, consultantId, input, options),
    deleteEngagement: (session, engagementId) => deleteEngagementWithRoster(deps.connection, engagementId, session),
    noteIntakeSubmitted: (session, engagementId) => noteIntakeSubmitted(deps.connection, engagementId, session),
    noteIntakeStarted: (session, engagementId, personId) => noteIntakeStarted(deps.connection, engagementId, personId, session),
    fencePeople: (session, engagementId, personIds) => fencePeople(deps.connection, engagementId, personIds, session),
    listEngagements: (consultantId) => listEngagements(ctx, consultantId),
    getOwnEngagement: (consultantId, engagementId) => getOwnEngagement(ctx, consultantId, engagementId),
    getOwnPerson: (consultantId, engagementId, personId) => getOwnPerson(ctx, consultantId, engagementId, personId),
    addPeople: (consultantId, engagementId, people) => addPeople(ctx, consultantId, engagementId, people, (i) => ({ pointer: `/people/${i}` })),
    addPeopleFromCsv: (consultantId, engagementId, csv) => {
      const { entries, locate, keepManagers } = readRosterCsv(decodeRosterCsv(csv), deps.schemas);
      return addPeople(ctx, consultantId, engagementId, entries, locate, { keepManagers });
    },
    listRosterWithStages: (consultantId, engagementId) => listRosterWithStages(ctx, consultantId, engagementId),
    getStatus: (consultantId, engagementId) => getEngagementStatus(ctx, consultantId, engagementId),
    getRosterAndStatus: (consultantId, engagementId) => getRosterAndStatus(ctx, consultantId, engagementId),
    departmentProgress: (engagementId, department) => getDepartmentProgress(ctx, engagementId, department),
    exportEngagement: (consultantId, engagementId) => exportEngagement(ctx, consultantId, engagementId),
    erasePerson: (consultantId, engagementId, personId) => erasePerson(ctx, consultantId, engagementId, personId),
    reissueInvite: (consultantId, engagementId, personId) => reissueInvite(ctx, consultantId, engagementId, personId),
    findEngagement: (engagementId) => findEngagement(deps.connection, engagementId),
    findPerson: (engagementId, personId, session) => findPerson(deps.connection, engagementId, personId, session),
    listPeople: (engagementId) => listPeople(deps.connection, engagementId),
    listReports: (engagementId, managerEmail) => listReportsOf(deps.connection, engagementId, managerEmail),
    isManager: (engagementId, email) => hasReports(deps.connection, engagementId, email),
    findPersonByEmail: async (engagementId, email) => (await findPeopleByEmails(deps.connection, engagementId, [email.toLowerCase()]))[0],
    listAwaitingIntake: () => listAwaitingIntake(ctx),
    requireOwnEngagement: async (req, res, next) => {
      await getOwnEngagement(ctx, consultantIdOf(res), param(req, 'engagementId'));
      next();
    },
  };
}

/** For callers that only hold a connection (e.g. the shortlist): one engagement if this consultant runs it. */
export { findOwnEngagement };
/** For callers that only hold a connection: everyone on an engagement's roster (erased people excluded). */
export { listPeople as listRoster };
