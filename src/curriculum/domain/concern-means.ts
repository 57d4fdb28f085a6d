import type { ConcernKey, ConcernScores } from './schedule/schedule-input.ts';
import type { TaggedQuestions } from './tagged-questions.ts';

/** An intake's answers, as intake lists them. */
export interface IntakeAnswers {
  personId: string;
  status: string;
  answers: Record<string, unknown>;
}

/**
 * Which of the generator's four concern scales a bank question measures. The tags say *that* a
 * question is a concern scale and which way it runs; only the scale it feeds needs naming here.
 */
const SCALE_OF_QUESTION: Readonly<Record<string, ConcernKey>> = {
  concernJobDisplacement: 'jobDisplacement',
  comfortNewTechnology: 'comfortWithTechnology',
  trustAiOutput: 'trustInOutput',
  complianceWorries: 'compliance',
};

export interface ConcernReading {
  /** Raw means (1–5) per scale; the generator inverts the scales in `invertedConcerns`. */
  scores: ConcernScores;
  /** Scales whose question is tagged `concern-inverse` (5 = least concerned). */
  invertedConcerns: ConcernKey[];
  /** Tagged questions that feed none of the four scales (reported, not silently ignored). */
  unmappedQuestionIds: string[];
}

/** The concern scales of the banks, how each runs, and the questions that fit none. */
export function concernScales(tagged: TaggedQuestions): { scales: Array<{ questionId: string; key: ConcernKey }>; invertedConcerns: ConcernKey[]; unmappedQuestionIds: string[] } {
  const scales: Array<{ questionId: string; key: ConcernKey }> = [];
  const invertedConcerns: ConcernKey[] = [];
  const unmappedQuestionIds: string[] = [];
  for (const [questions, isInverse] of [[tagged.concern, false], [tagged.concernInverse, true]] as const) {
    for (const question of questions) {
      const key = SCALE_OF_QUESTION[question.id];
      if (!key) {
        unmappedQuestionIds.push(question.id);
        continue;
      }
      scales.push({ questionId: question.id, key });
      if (isInverse && !invertedConcerns.includes(key)) invertedConcerns.push(key);
    }
  }
  return { scales, invertedConcerns, unmappedQuestionIds };
}

/**
 * Mean answer per concern scale over the cohort's members' submitted intakes (drafts do not count:
 * they may still change), to two decimals. `respondents` counts members who answered at least one scale.
 */
export function concernMeans(memberIds: readonly string[], intakes: ReadonlyMap<string, IntakeAnswers>, tagged: TaggedQuestions): ConcernReading {
  const { scales, invertedConcerns, unmappedQuestionIds } = concernScales(tagged);
  const sums = new Map<ConcernKey, { total: number; count: number }>();
  let respondents = 0;
  for (const personId of memberIds) {
    const intake = intakes.get(personId);
    if (!intake || intake.status === 'draft') continue;
    let hasAnswered = false;
    for (const { questionId, key } of scales) {
      const value = intake.answers[questionId];
      if (typeof value !== 'number' || !(value >= 1 && value <= 5)) continue;
      const entry = sums.get(key) ?? { total: 0, count: 0 };
      entry.total += value;
      entry.count += 1;
      sums.set(key, entry);
      hasAnswered = true;
    }
    if (hasAnswered) respondents += 1;
  }
  const scores: ConcernScores = { respondents };
  for (const key of ['jobDisplacement', 'comfortWithTechnology', 'trustInOutput', 'compliance'] as const) {
    const entry = sums.get(key);
    if (entry) scores[key] = Math.round((entry.total / entry.count) * 100) / 100;
  }
  return { scores, invertedConcerns, unmappedQuestionIds };
}
