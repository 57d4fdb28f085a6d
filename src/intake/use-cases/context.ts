import type { ClientSession, Connection } from 'mongoose';
import type { EngagementsComponent, Person, RoleLevel } from '../../engagements/index.ts';
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

/** Task words a submission, an amendment or a manager's review has just committed (rejected tasks aside). */
export interface TasksWritten {
  engagementId: string;
  department: string;
  roleLevel: RoleLevel;
  texts: readonly string[];
}

export const NO_INTAKE_HOOKS: IntakeHooks = { onIntakeSubmitted: async () => {}, onReportReviewed: async () => {} };

/** What the intake use cases work with. */
export interface IntakeContext {
  connection: Connection;
  banks: QuestionBankCatalogue;
  engagements: Pick<EngagementsComponent, 'findPerson' | 'findEngagement' | 'isManager' | 'listReports' | 'noteIntakeStarted'>;
  now: () => Date;
  hooks: IntakeHooks;
  /** Told after the change committed (the shortlist matches the words ahead of its next computation). */
  onTasksWritten: (written: TasksWritten) => Promise<void>;
  logger: Logger;
}

/**
 * Tells `onTasksWritten` about task words just committed. What it does is an optimisation for others:
 * its failure is logged, never the caller's, whose change is already saved.
 */
export async function announceTasksWritten(ctx: IntakeContext, person: Person, texts: readonly string[]): Promise<void> {
  if (texts.length === 0) return;
  try {
    await ctx.onTasksWritten({ engagementId: person.engagementId, department: person.department, roleLevel: person.roleLevel, texts });
  } catch (err) {
    ctx.logger.warn({ err, engagementId: person.engagementId, personId: person.id }, 'tasks saved, but telling the shortlist about them failed');
  }
}
