import type { AnswerProblem } from '../domain/check-answers.ts';
import type { AnswerCheck } from '../domain/answers-schema.ts';
import { normaliseAnswers } from '../domain/normalise-answers.ts';
import type { Answers } from '../domain/question-bank.ts';
import { dropHiddenAnswers } from '../domain/visibility.ts';
import type { IntakeContext, Subject } from './context.ts';
import { loadSubject } from './get-intake.ts';

/**
 * What is wrong with a set of answers, without saving them: `draft` finds what a save would refuse,
 * `complete` what submission still needs. One problem per answer field (a task row's description and
 * hours apart), so a form can show each message next to its field. The same rules as saving and
 * submitting, applied in the same order (normalise, then the complete check ignores hidden answers).
 */
export async function findAnswerProblems(ctx: IntakeContext, subject: Subject, raw: Answers, check: AnswerCheck): Promise<AnswerProblem[]> {
  const { audience, bank } = await loadSubject(ctx, subject);
  const answers = normaliseAnswers(bank.pages, raw);
  return ctx.banks.checkAnswers(audience, check === 'complete' ? dropHiddenAnswers(bank.pages, answers) : answers, check, 'per-field');
}
