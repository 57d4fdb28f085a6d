import type { ClientSession, Connection } from 'mongoose';
import type { EngagementsComponent } from '../../engagements/index.ts';
import type { Logger } from '../../platform/logger.ts';
import type { QuestionBankCatalogue } from '../domain/question-bank-catalogue.ts';

/** Whose intake a use case works on. */
export interface Subject {
  engagementId: string;
  personId: string;
}

/** Who is acting: the person themselves, their manager, or a consultant conducting the interview live. */
export interface Author {
  kind: 'person' | 'consultant';
  id: string;
}

/**
 * Hooks run inside the transaction of the change that causes them, so what they write (an outbox
 * entry for the manager's request or a notice) commits or rolls back with it. Defaults are no-ops.
 */
export interface IntakeHooks {
  /** An intake was submitted, or a submitted one amended. */
  onIntakeSubmitted(session: ClientSession, event: IntakeSubmitted): Promise<void>;
  /** A manager reviewed a report's tasks. */
  onReportReviewed(session: ClientSession, event: { engagementId: string; personId: string; managerId: string }): Promise<void>;
}

/** What a submission (or an amendment of a submitted intake) tells the hooks. */
export interface IntakeSubmitted {
  engagementId: string;
  personId: string;
  managerEmail?: string;
  /** True for an amendment of an intake already submitted (the manager has not reviewed it yet). */
  amended: boolean;
  /** When the intake was first submitted: the same for every amendment of it. */
  submittedAt: Date;
  taskCount: number;
}

export const NO_INTAKE_HOOKS: IntakeHooks = { onIntakeSubmitted: async () => {}, onReportReviewed: async () => {} };

/** What the intake use cases work with. */
export interface IntakeContext {
  connection: Connection;
  banks: QuestionBankCatalogue;
  engagements: Pick<EngagementsComponent, 'findPerson' | 'findEngagement' | 'isManager' | 'listReports' | 'noteIntakeStarted'>;
  now: () => Date;
  hooks: IntakeHooks;
  logger: Logger;
}
