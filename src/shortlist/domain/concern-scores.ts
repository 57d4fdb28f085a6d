import type { ConcernScores } from './shortlist.ts';

/** An intake's answers, as intake lists them. */
export interface IntakeAnswers {
  personId: string;
  status: string;
  answers: Record<string, unknown>;
}

/**
 * The participant bank's concern scales, by the name the curriculum gives them. The curriculum reads
 * every scale as "5 = more worried" except comfort with technology, which it inverts itself. Our
 * trust question ("How far would you trust AI output without checking it?") runs the other way from
 * the curriculum's "doubt about AI output", so it is turned round here (6 − answer).
 */
const CONCERN_QUESTIONS: ReadonlyArray<{ key: Exclude<keyof ConcernScores, 'respondents'>; questionId: string; isReversed: boolean }> = [
  { key: 'jobDisplacement', questionId: 'concernJobDisplacement', isReversed: false },
  { key: 'comfortWithTechnology', questionId: 'comfortNewTechnology', isReversed: false },
  { key: 'trustInOutput', questionId: 'trustAiOutput', isReversed: true },
  { key: 'compliance', questionId: 'complianceWorries', isReversed: false },
];

/** The question ids the concern scores are read from (the shortlist asks intake for these answers only). */
export const CONCERN_QUESTION_IDS: readonly string[] = CONCERN_QUESTIONS.map((q) => q.questionId);

/** Mean concern answers of these people's submitted intakes (drafts do not count), to two decimals. */
export function summariseConcerns(personIds: readonly string[], intakes: ReadonlyMap<string, IntakeAnswers>): ConcernScores {
  const sums = new Map<string, { total: number; count: number }>();
  let respondents = 0;
  for (const personId of personIds) {
    const intake = intakes.get(personId);
    if (!intake || intake.status === 'draft') continue;
    let answered = false;
    for (const { key, questionId, isReversed } of CONCERN_QUESTIONS) {
      const value = intake.answers[questionId];
      if (typeof value !== 'number' || value < 1 || value > 5) continue;
      const entry = sums.get(key) ?? { total: 0, count: 0 };
      entry.total += isReversed ? 6 - value : value;
      entry.count += 1;
      sums.set(key, entry);
      answered = true;
    }
    if (answered) respondents += 1;
  }
  const scores: ConcernScores = { respondents };
  for (const { key } of CONCERN_QUESTIONS) {
    const entry = sums.get(key);
    if (entry) scores[key] = Math.round((entry.total / entry.count) * 100) / 100;
  }
  return scores;
}
