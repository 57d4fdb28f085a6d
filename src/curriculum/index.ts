/** The curriculum component's public surface: the pure schedule, versions, documents and personal briefs. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { ClientSession, Connection } from 'mongoose';
import type { AccessComponent } from '../access/index.ts';
import type { EngagementsComponent } from '../engagements/index.ts';
import type { ModuleCatalogue } from '../library/index.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import type { ShortlistComponent } from '../shortlist/index.ts';
import type { PageKit } from '../web/index.ts';
import type { PersonalBrief } from './domain/build-brief.ts';
import type { CurriculumVersionSummary, CurriculumView } from './domain/curriculum-version.ts';
import { findTaggedQuestions, type BankFileFacts } from './domain/tagged-questions.ts';
import { briefPages, briefRoutes } from './entry-points/brief-routes.ts';
import { CurriculumDocumentRenderer } from './entry-points/curriculum-document.ts';
import { curriculumRoutes } from './entry-points/curriculum-routes.ts';
import { NO_CURRICULUM_HOOKS, type CurriculumContext, type CurriculumHooks } from './use-cases/context.ts';
import { generateCurriculum } from './use-cases/generate-curriculum.ts';
import { getCurriculum, getCurriculumOfEngagement, listVersions } from './use-cases/get-curriculum.ts';
import { briefLandingFor, getMyBrief, type BriefSubject } from './use-cases/get-my-brief.ts';
import { publishCurriculum, type PublishInput, type PublishOutcome } from './use-cases/publish-curriculum.ts';
import { deleteCurriculaOf } from './data-access/curriculum-repository.ts';

/** Plans every cohort's sessions from the approved shortlist and the milestones; same input, same bytes. */
export { generateSchedule } from './domain/schedule/generate-schedule.ts';
/** Renders a curriculum (or some of its cohorts) as an iCalendar file, one VEVENT per session. */
export { renderCurriculumIcs, sessionUid, type IcsOptions } from './domain/render-curriculum-ics.ts';
/** The defaults of every schedule option, and the check that merges a caller's options into them. */
export { DEFAULT_SCHEDULE_OPTIONS, resolveScheduleOptions, type ScheduleOptions } from './domain/schedule/schedule-options.ts';
/** The values the brief page shows (`curriculum/brief` template), for pages that embed the brief. */
export { briefPageModel } from './entry-points/brief-page-model.ts';
/** OpenAPI descriptions of the curriculum and brief routes. */
export { curriculumApiOperations } from './entry-points/api-description.ts';
/** What good AI use looks like per role level, as the brief shows it. */
export { ROLE_RESPONSIBILITIES, type Responsibility } from './domain/role-guidance.ts';
/** The generator's input: engagement, milestones, cohorts with approved modules, concerns, manager guidance. */
export type {
  ApprovedModuleInput, CohortInput, ConcernKey, ConcernScores, ExerciseInput, GuardrailInput, GuardrailTopic,
  ManagerGuidanceInput, MetricInput, MilestoneInput, RoleLevel, ScheduleInput, ServedTaskInput,
} from './domain/schedule/schedule-input.ts';
/** The generator's document. */
export type {
  CohortMilestone, ConcernAssessment, Curriculum, CurriculumCohort, Flag, FlagSeverity, Guardrail, Session, SessionExercise, SessionKind,
} from './domain/schedule/curriculum-document.ts';
/** A stored version as `GET …/curriculum` returns it, and its parts. */
export type { CurriculumView, CurriculumCohortView, CohortModule, CurriculumStatus, CurriculumVersionSummary, RosterChanges } from './domain/curriculum-version.ts';
/** A participant's brief (the three answers). */
export type { PersonalBrief, BriefSessionView, UncoveredReason } from './domain/build-brief.ts';
export type { CurriculumHooks } from './use-cases/context.ts';
export type { BriefSubject } from './use-cases/get-my-brief.ts';
export type { PublishInput, PublishOutcome } from './use-cases/publish-curriculum.ts';

/** The brief page templates (`curriculum/brief`, `curriculum/brief-not-published`), for the web shell's view engine. */
export const curriculumViewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

export interface CurriculumDeps {
  connection: Connection;
  schemas: SchemaRegistry;
  logger: Logger;
  now: () => Date;
  config: Config['curriculum'];
  access: AccessComponent;
  engagements: EngagementsComponent;
  shortlist: ShortlistComponent;
  catalogue: ModuleCatalogue;
  /** The loaded question banks (intake's `QuestionBankCatalogue`): concern scales and manager guidance are found by tag. */
  questionBanks: { readonly files: readonly BankFileFacts[] };
  /** The outbox hook for the brief mails; a no-op when absent. */
  hooks?: Partial<CurriculumHooks>;
}

/** The curriculum component: routes, pages and the use cases other components and pages call. */
export interface CurriculumComponent {
  /** `…/engagements/:id/curriculum` (POST, GET, versions, publish, .html, .ics) and `/api/v1/me/brief` (+ .ics). */
  routers(): Router[];
  /** `GET /brief`: the brief page for a person signed in with their link. */
  pageRouters(pages: PageKit): Router[];
  /** Generates a new draft version from the approved shortlist. */
  generateCurriculum(consultantId: string, engagementId: string): Promise<CurriculumView>;
  /** The latest version, or `version`. */
  getCurriculum(consultantId: string, engagementId: string, version?: number): Promise<CurriculumView>;
  /** Every version, newest first. */
  listVersions(consultantId: string, engagementId: string): Promise<CurriculumVersionSummary[]>;
  /** Publishes the latest version and queues the briefs. */
  publishCurriculum(consultantId: string, engagementId: string, input?: PublishInput): Promise<PublishOutcome>;
  /** A person's brief from the latest published version; 404 `curriculum-not-published` before. */
  getMyBrief(person: BriefSubject): Promise<PersonalBrief>;
  /** `/brief` when a published version plans this person (not a manager), else undefined: where their personal link lands. */
  briefLandingFor(person: BriefSubject): Promise<string | undefined>;
  /** The printable HTML document of a version. */
  renderCurriculumHtml(consultantId: string, engagementId: string, version?: number): Promise<{ html: string; contentSecurityPolicy: string }>;
  /** Deletes every version of an engagement's curriculum inside the caller's transaction (the demo's removal). */
  deleteCurricula(session: ClientSession, engagementId: string): Promise<void>;
}

/** Builds the curriculum component; its document template is compiled here, once. */
export function createCurriculum(deps: CurriculumDeps): CurriculumComponent {
  const ctx: CurriculumContext = {
    connection: deps.connection,
    engagements: deps.engagements,
    shortlist: deps.shortlist,
    catalogue: deps.catalogue,
    questions: findTaggedQuestions(deps.questionBanks.files),
    options: deps.config,
    now: deps.now,
    hooks: { ...NO_CURRICULUM_HOOKS, ...deps.hooks },
    logger: deps.logger.child({ component: 'curriculum' }),
  };
  const documents = new CurriculumDocumentRenderer();
  return {
    routers: () => [curriculumRoutes(ctx, { schemas: deps.schemas, auth: deps.access.auth, documents }), briefRoutes(ctx, { auth: deps.access.auth })],
    pageRouters: (pages) => [briefPages(ctx, { auth: deps.access.auth, pages })],
    generateCurriculum: (consultantId, engagementId) => generateCurriculum(ctx, consultantId, engagementId),
    getCurriculum: (consultantId, engagementId, version) => getCurriculum(ctx, consultantId, engagementId, version),
    listVersions: (consultantId, engagementId) => listVersions(ctx, consultantId, engagementId),
    publishCurriculum: (consultantId, engagementId, input = {}) => publishCurriculum(ctx, consultantId, engagementId, input),
    getMyBrief: (person) => getMyBrief(ctx, person),
    briefLandingFor: (person) => briefLandingFor(ctx, person),
    renderCurriculumHtml: async (consultantId, engagementId, version) => {
      const { view, engagement } = await getCurriculumOfEngagement(ctx, consultantId, engagementId, version);
      return documents.render(view, engagement);
    },
    deleteCurricula: (session, engagementId) => deleteCurriculaOf(deps.connection, engagementId, session),
  };
}
