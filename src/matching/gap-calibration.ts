import type { MatcherSettings } from './matcher-settings.ts';

/**
 * How each module scores against general-English activities that are not work tasks of any library
 * (the background, e.g. WordNet's verb definitions): per module the mean and the spread of those
 * scores. A module that "attracts" every activity a little (broad wording such as "provide
 * information to customers") has a high mean, and a task must stand out further from it before the
 * module is taken to cover the task. This is score normalisation against impostors (Z-norm, from
 * speaker verification), computed once per index.
 */
export interface GapCalibration {
  readonly means: Float64Array;
  readonly spreads: Float64Array;
  /** Mean spread over modules: how far one standard score moves a score on this library's scale. */
  readonly scale: number;
  /** Mean of the module means: what a typical module of this library scores against the background. */
  readonly libraryMean: number;
  /** How many background activities were scored. */
  readonly sampleSize: number;
}

/**
 * Mean and spread per module of `scoresOf(activity)` over the background activities. A spread is
 * floored at a share of the library's mean spread, so a module that almost no activity reaches
 * (spread near 0) does not turn a small score into a huge standard score.
 */
export function calibrateAgainstBackground(
  moduleCount: number,
  activities: readonly string[],
  scoresOf: (activity: string) => Float64Array,
): GapCalibration | undefined {
  if (activities.length < MIN_ACTIVITIES || moduleCount === 0) return undefined;
  const sums = new Float64Array(moduleCount);
  const squares = new Float64Array(moduleCount);
  for (const activity of activities) {
    const scores = scoresOf(activity);
    for (let module = 0; module < moduleCount; module += 1) {
      sums[module] += scores[module];
      squares[module] += scores[module] * scores[module];
    }
  }
  const count = activities.length;
  const means = sums.map((sum) => sum / count);
  const spreads = squares.map((square, module) => Math.sqrt(Math.max(0, square / count - means[module] ** 2)));
  const scale = spreads.reduce((total, spread) => total + spread, 0) / moduleCount;
  if (!(scale > 0)) return undefined;
  const floor = SPREAD_FLOOR * scale;
  for (let module = 0; module < moduleCount; module += 1) spreads[module] = Math.max(spreads[module], floor);
  const libraryMean = means.reduce((total, mean) => total + mean, 0) / moduleCount;
  return { means, spreads, scale, libraryMean, sampleSize: count };
}

/** Fewer background activities than this give no usable spread: the index then keeps raw scores. */
const MIN_ACTIVITIES = 30;
/** A module's spread is at least half the library's mean spread. */
const SPREAD_FLOOR = 0.5;

/**
 * Calibrates one task's raw scores in place (only the `candidates`' entries):
 * - each module loses `genericPenalty` × how much more than the library's typical module it scores
 *   against the background (a module that half-matches everything is a weaker match for any one task);
 * - then all are multiplied by one factor, so that the best lands on `anchorScore` exactly when the
 *   most distinctive module (highest standard score of its raw score against its background scores)
 *   stands `standardScore` spreads above its background mean. One factor per task keeps the order
 *   the penalty left.
 */
export function calibrateScores(
  calibration: GapCalibration,
  settings: MatcherSettings['background'],
  scores: Float64Array,
  candidates: ArrayLike<number>,
): void {
  let bestStandard = -Infinity;
  let bestScore = 0;
  for (let i = 0; i < candidates.length; i += 1) {
    const module = candidates[i];
    const { means, spreads } = calibration;
    bestStandard = Math.max(bestStandard, (scores[module] - means[module]) / spreads[module]);
    scores[module] = Math.max(0, scores[module] - settings.genericPenalty * (means[module] - calibration.libraryMean));
    bestScore = Math.max(bestScore, scores[module]);
  }
  if (bestScore <= 0) return;
  const factor = calibratedBestScore(bestStandard - settings.standardScore, settings.anchorScore, calibration.scale) / bestScore;
  for (let i = 0; i < candidates.length; i += 1) scores[candidates[i]] *= factor;
}

/**
 * The reported best score of a task whose most distinctive module stands `excess` standard scores
 * above the threshold: linear above the anchor (one spread of the library per standard score, up to
 * 1), and decaying towards 0 below it without reaching it, so that scores stay positive and ordered.
 */
export function calibratedBestScore(excess: number, anchor: number, scale: number): number {
  if (excess >= 0) return Math.min(1, anchor + scale * excess);
  return anchor * Math.exp((scale * excess) / anchor);
}
