import type { ClientSession, Connection } from 'mongoose';
import type { EngagementsComponent } from '../../engagements/index.ts';
import type { ModuleCatalogue } from '../../library/index.ts';
import type { BriefMail } from '../../mail/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ShortlistComponent } from '../../shortlist/index.ts';
import type { TaggedQuestions } from '../domain/tagged-questions.ts';

/**
 * Hooks run inside the transaction of the change that causes them, so what they write (the brief
 * mail in the outbox) commits or rolls back with the publication. Defaults are no-ops.
 */
export interface CurriculumHooks {
  /** A curriculum version was published: called once per participant with their brief. */
  onBriefPublished(session: ClientSession, brief: BriefMail): Promise<void>;
}

export const NO_CURRICULUM_HOOKS: CurriculumHooks = { onBriefPublished: async () => {} };

/** What the curriculum use cases work with. */
export interface CurriculumContext {
  connection: Connection;
  engagements: Pick<EngagementsComponent, 'getOwnEngagement' | 'findEngagement' | 'findPerson' | 'listPeople' | 'isManager' | 'fencePeople'>;
  shortlist: Pick<ShortlistComponent, 'getApprovedShortlist' | 'getShortlist'>;
  catalogue: Pick<ModuleCatalogue, 'find'>;
  /** The intake questions the curriculum reads (concern scales, managers' approvals and forbidden data). */
  questions: TaggedQuestions;
  options: Config['curriculum'];
  now: () => Date;
  hooks: CurriculumHooks;
  logger: Logger;
}
