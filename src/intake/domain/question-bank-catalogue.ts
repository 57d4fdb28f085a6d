import type { AnswerCheck } from './answers-schema.ts';
import { AnswerChecker, type AnswerProblem, type ProblemGrouping } from './check-answers.ts';
import { audienceKey, composeBank, type BankAudience } from './compose-bank.ts';
import type { Answers, ComposedBank, QuestionBankFile } from './question-bank.ts';

/**
 * The loaded, checked question banks. Composes each person's bank on demand and keeps it, with its
 * compiled answer schemas, for everyone with the same role level, manager status and department.
 */
export class QuestionBankCatalogue {
  private readonly composed = new Map<string, ComposedBank>();
  private readonly checker = new AnswerChecker();

  constructor(readonly files: readonly QuestionBankFile[]) {}

  /** The bank a person with this audience answers. */
  bankFor(audience: BankAudience): ComposedBank {
    const key = audienceKey(audience);
    let bank = this.composed.get(key);
    if (!bank) {
      bank = composeBank(this.files, audience);
      this.composed.set(key, bank);
    }
    return bank;
  }

  /** The title of a bank file by id (for listing the parts of a composed bank). */
  titleOf(bankId: string): string {
    return this.files.find((f) => f.id === bankId)?.title ?? bankId;
  }

  /** Ids of the questions (in any bank) carrying `tag`, e.g. `concern` or `guardrail-forbidden-data`. */
  questionIdsTagged(tag: string): string[] {
    return this.files.flatMap((f) => f.pages.flatMap((p) => p.questions)).filter((q) => q.tags?.includes(tag)).map((q) => q.id);
  }

  /** Problems with `answers` against the bank of `audience`. */
  checkAnswers(audience: BankAudience, answers: Answers, check: AnswerCheck, groupBy?: ProblemGrouping): AnswerProblem[] {
    return this.checker.check(this.bankFor(audience), audienceKey(audience), answers, check, groupBy);
  }
}
