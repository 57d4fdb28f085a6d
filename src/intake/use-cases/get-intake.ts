import { NotFoundError } from '../../platform/errors.ts';
import type { Person } from '../../engagements/index.ts';
import type { BankAudience } from '../domain/compose-bank.ts';
import { questionsOf, type Answers, type ComposedBank } from '../domain/question-bank.ts';
import { findIntake, type StoredIntake } from '../data-access/intake-repository.ts';
import type { IntakeContext, Subject } from './context.ts';

export type IntakeViewStatus = 'not-started' | StoredIntake['status'];

/** An intake as its owner (or the consultant interviewing them) sees it. */
export interface IntakeView {
  bank: ComposedBank;
  answers: Answers;
  status: IntakeViewStatus;
  version: number;
  submittedAt?: string;
  reviewedAt?: string;
  /** Set when a consultant saved answers on the person's behalf. */
  conductedBy?: string;
}

/** The person, and the bank they answer (depends on role level, department, and whether they manage anyone). */
export async function loadSubject(ctx: IntakeContext, subject: Subject): Promise<{ person: Person; audience: BankAudience; bank: ComposedBank }> {
  const person = await ctx.engagements.findPerson(subject.engagementId, subject.personId);
  if (!person) throw personNotFound();
  const audience: BankAudience = {
    roleLevel: person.roleLevel,
    department: person.department,
    isManager: await ctx.engagements.isManager(subject.engagementId, person.email),
  };
  return { person, audience, bank: ctx.banks.bankFor(audience) };
}

export async function getIntake(ctx: IntakeContext, subject: Subject): Promise<IntakeView> {
  const { person, bank } = await loadSubject(ctx, subject);
  return viewOf(bank, await findIntake(ctx.connection, person.id));
}

export function viewOf(bank: ComposedBank, intake: StoredIntake | undefined): IntakeView {
  if (!intake) return { bank, answers: {}, status: 'not-started', version: 0 };
  // Only answers to questions of today's bank: a changed role level or department must not resurface old ones.
  const known = new Set(questionsOf(bank).map((q) => q.id));
  const answers = Object.fromEntries(Object.entries(intake.answers).filter(([id]) => known.has(id)));
  return {
    bank,
    answers,
    status: intake.status,
    version: intake.version,
    ...(intake.submittedAt ? { submittedAt: intake.submittedAt } : {}),
    ...(intake.reviewedAt ? { reviewedAt: intake.reviewedAt } : {}),
    ...(intake.conductedBy ? { conductedBy: intake.conductedBy } : {}),
  };
}

/** 404 `person-not-found`: not (or no longer) on the engagement's roster. */
export function personNotFound(): NotFoundError {
  return new NotFoundError('No such person on this engagement.', 'person-not-found');
}
