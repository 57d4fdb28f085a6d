import type { Router } from 'express';
import type { ClientSession, Connection } from 'mongoose';
import type { AccessComponent } from '../access/index.ts';
import type { Engagement, EngagementsComponent } from '../engagements/index.ts';
import type { TasksWritten } from '../intake/index.ts';
import type { ModuleCatalogue } from '../library/index.ts';
import type { Logger } from '../platform/logger.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import type { ShortlistReviewInput } from './domain/apply-review.ts';
import { getApprovedShortlist, type ApprovedShortlist } from './use-cases/approved-shortlist.ts';
import { computeShortlist } from './use-cases/compute-shortlist.ts';
import { matchIncomingTasks } from './use-cases/match-incoming-tasks.ts';
import { storeHeldMatches } from './use-cases/store-held-matches.ts';
import { IncomingMatches, INCOMING_MATCH_LIMIT } from './domain/incoming-matches.ts';
import { DelayedWrites } from './domain/delayed-writes.ts';
import { HELD_MATCH_WRITE_DELAY_MS, writeHeldMatches } from './use-cases/write-held-matches.ts';
import { BackgroundRuns } from './domain/background-runs.ts';
import { rematchTasks } from './use-cases/rematch-tasks.ts';
import type { ShortlistContext } from './use-cases/context.ts';
import { getShortlist } from './use-cases/get-shortlist.ts';
import type { ShortlistView } from './domain/present-shortlist.ts';
import { reviewShortlist } from './use-cases/review-shortlist.ts';
import { shortlistRoutes } from './entry-points/shortlist-routes.ts';
import { deleteMatchCacheOf } from './data-access/match-cache-repository.ts';
import { deleteShortlistsOf } from './data-access/shortlist-repository.ts';

/** The shortlist as the API shows it, and its parts. */
export type { ShortlistView, CohortView, ModuleView, TaskView } from './domain/present-shortlist.ts';
/** The approved shortlist the curriculum is built from. */
export type { ApprovedShortlist, ApprovedCohort, ApprovedModule, ApprovedTask } from './use-cases/approved-shortlist.ts';
/** The PATCH body. */
export type { ShortlistReviewInput, CohortDecisionsInput, ModuleDecisionInput } from './domain/apply-review.ts';
/** Concern means per cohort, in the curriculum's vocabulary. */
export type { ConcernScores } from './domain/shortlist.ts';
/** The weights of demand: an unconfirmed task's weight, and the priority of a task without one. */
export { UNCONFIRMED_TASK_WEIGHT, DEFAULT_PRIORITY } from './domain/weigh-tasks.ts';
/** OpenAPI descriptions of the shortlist routes. */
export { shortlistApiOperations } from './entry-points/api-description.ts';

export interface ShortlistDeps {
  connection: Connection;
  schemas: SchemaRegistry;
  logger: Logger;
  now: () => Date;
  access: AccessComponent;
  engagements: EngagementsComponent;
  /** The library and its index, built once at start-up. */
  catalogue: ModuleCatalogue;
  /** How long after a task's result is held it is written to the database; `HELD_MATCH_WRITE_DELAY_MS` when absent. */
  heldMatchWriteDelayMs?: number;
}

/** The shortlist component: its routes, and the use cases other components and pages call. */
export interface ShortlistComponent {
  /** `POST|GET|PATCH /api/v1/engagements/:engagementId/shortlist`. */
  routers(): Router[];
  /** Computes and stores a new version (decisions of the previous one carried over). */
  computeShortlist(consultantId: string, engagementId: string): Promise<ShortlistView>;
  /** The latest version, or `version`; 404 when there is none. */
  getShortlist(consultantId: string, engagementId: string, version?: number): Promise<ShortlistView>;
  /** Applies a consultant's review to the latest version. */
  reviewShortlist(consultantId: string, engagementId: string, input: ShortlistReviewInput): Promise<ShortlistView>;
  /**
   * The latest version when it is approved, as plain data: cohorts with their approved modules in
   * order, the tasks and people they serve, gaps and concern scores. No ownership check (the caller
   * authorised); 409 `shortlist-not-computed` / `shortlist-not-approved` otherwise.
   */
  getApprovedShortlist(engagementId: string): Promise<ApprovedShortlist>;
  /** Matches tasks just submitted or reworded, so the engagement's next computation finds them matched. */
  matchIncomingTasks(written: TasksWritten): Promise<void>;
  /**
   * Matches every task of the engagement again, in the background, against the modules it has now
   * (the engagements component calls it once a change of modules, or of a department's spelling,
   * commits). Resolves when done; never rejects.
   */
  rematchTasks(engagement: Engagement): Promise<void>;
  /** Resolves once no background matching is under way. */
  backgroundIdle(): Promise<void>;
  /** Writes the match results held in memory that are not in the database yet (they are also written a second after they come in). */
  writeHeldMatches(): Promise<boolean>;
  /** Stops background matching, then stores the match results held in memory; the service calls it when it stops. */
  storeHeldMatches(budgetMs?: number): Promise<{ engagementCount: number; resultCount: number }>;
  /**
   * Before an engagement's removal, outside its transaction: stops its background run, lets go of
   * what is held for it, holds nothing more for it, and waits for a write under way, so that no part
   * of its match cache lands after the removal (whose transaction reads a snapshot taken at its start).
   */
  forgetEngagement(engagementId: string): Promise<void>;
  /** Deletes every version of an engagement's shortlist and its match cache inside the caller's transaction (the demo's removal). */
  deleteShortlists(session: ClientSession, engagementId: string): Promise<void>;
}

export function createShortlist(deps: ShortlistDeps): ShortlistComponent {
  const logger = deps.logger.child({ component: 'shortlist' });
  // The stop's last write does not merge: the gathering that follows replaces those parts anyway.
  const write = ({ isLast }: { isLast: boolean }) => writeHeldMatches(ctx, { isMerging: !isLast });
  const heldWrites = new DelayedWrites(write, deps.heldMatchWriteDelayMs ?? HELD_MATCH_WRITE_DELAY_MS, (err) => {
    logger.error({ err }, 'writing held match results failed unexpectedly; trying again shortly');
  });
  const ctx: ShortlistContext = {
    connection: deps.connection,
    engagements: deps.engagements,
    catalogue: deps.catalogue,
    incoming: new IncomingMatches(INCOMING_MATCH_LIMIT, () => heldWrites.request()),
    background: new BackgroundRuns(),
    heldWrites,
    now: deps.now,
    logger,
  };
  return {
    routers: () => [shortlistRoutes(ctx, { schemas: deps.schemas, auth: deps.access.auth })],
    computeShortlist: (consultantId, engagementId) => computeShortlist(ctx, consultantId, engagementId),
    getShortlist: (consultantId, engagementId, version) => getShortlist(ctx, consultantId, engagementId, version),
    reviewShortlist: (consultantId, engagementId, input) => reviewShortlist(ctx, consultantId, engagementId, input),
    getApprovedShortlist: (engagementId) => getApprovedShortlist(ctx, engagementId),
    matchIncomingTasks: (written) => matchIncomingTasks(ctx, written),
    rematchTasks: (engagement) => rematchTasks(ctx, engagement),
    backgroundIdle: () => ctx.background.idle(),
    writeHeldMatches: () => heldWrites.writeNow(),
    storeHeldMatches: (budgetMs) => storeHeldMatches(ctx, budgetMs),
    forgetEngagement: async (engagementId) => {
      ctx.background.cancel(engagementId);
      ctx.incoming.forget(engagementId);
      await heldWrites.settled();
    },
    deleteShortlists: async (session, engagementId) => {
      await deleteShortlistsOf(deps.connection, engagementId, session);
      await deleteMatchCacheOf(deps.connection, engagementId, session);
    },
  };
}
