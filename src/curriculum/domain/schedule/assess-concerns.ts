import type { ConcernAssessment, Flag } from './curriculum-document.ts';
import type { ConcernKey, ConcernScores } from './schedule-input.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import { newFlag } from './new-flag.ts';

const CONCERN_KEYS: ConcernKey[] = ['jobDisplacement', 'comfortWithTechnology', 'trustInOutput', 'compliance'];

/**
 * Decides whether a cohort needs an opening session on concerns and psychological safety.
 * Any single scale at or above the threshold is enough: one acute fear (for one's job, say)
 * blocks learning even when the other scales are calm, and an average would hide it.
 */
export function assessConcerns(
  scores: ConcernScores | undefined,
  options: Pick<ScheduleOptions, 'concernThreshold' | 'invertedConcerns'>,
): { assessment: ConcernAssessment; flags: Flag[] } {
  const threshold = options.concernThreshold;
  const respondents = scores && Number.isInteger(scores.respondents) && scores.respondents > 0 ? scores.respondents : 0;
  const assessment: ConcernAssessment = { respondents, threshold, adjusted: {}, triggeredBy: [], needsOpening: false };
  const flags: Flag[] = [];
  if (!scores || respondents === 0) {
    flags.push(newFlag('concerns-unknown', 'info', 'No concern scores were reported for this cohort, so no opening session was planned.'));
    return { assessment, flags };
  }
  const invalid: ConcernKey[] = [];
  for (const key of CONCERN_KEYS) {
    const mean = scores[key];
    if (mean === undefined || mean === null) continue;
    if (typeof mean !== 'number' || !(mean >= 1 && mean <= 5)) {
      invalid.push(key);
      continue;
    }
    const adjusted = options.invertedConcerns.includes(key) ? 6 - mean : mean;
    // Two decimals keep the document stable (6 − 2.1 is 3.9000000000000004 in floating point).
    assessment.adjusted[key] = Math.round(adjusted * 100) / 100;
    if (assessment.adjusted[key]! >= threshold) assessment.triggeredBy.push(key);
  }
  if (invalid.length > 0) {
    flags.push(newFlag('concern-score-invalid', 'warning', `Concern scores outside 1–5 were ignored: ${invalid.join(', ')}.`));
  }
  assessment.needsOpening = assessment.triggeredBy.length > 0;
  return { assessment, flags };
}
