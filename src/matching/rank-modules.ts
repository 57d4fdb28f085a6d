import { buildTaskQuery, type TaskQuery } from './task-query.ts';
import { scoreChannels, type ChannelScores } from './score-modules.ts';
import { combineChannels } from './combine-channels.ts';
import { calibrateScores } from './gap-calibration.ts';
import type { ModuleIndex } from './module-index.ts';
import { reachOf } from './word-expansion.ts';
import type { MatchEvidence, ModuleMatch, RankOptions, TaskMatchResult, TaskToMatch } from './types.ts';

const DEFAULT_LIMIT = 3;
const SCORE_DECIMALS = 1e4;

/**
 * Ranks the index's training modules (or those of `options.moduleIds`) for one work task, best
 * first; ties go to the smaller moduleId. Scores are in [0, 1]. Every call reads the shared index and
 * never rebuilds it.
 */
export function rankModulesForTask(index: ModuleIndex, task: string | TaskToMatch, options: RankOptions = {}): ModuleMatch[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const minScore = options.minScore ?? 0;
  const taskToMatch = typeof task === 'string' ? { text: task } : task;
  const query = buildTaskQuery(index, taskToMatch.text);
  const channels = scoreChannels(index, query);
  const candidates = index.positionsOf(options.moduleIds);
  const scores = calibratedScores(index, combineChannels(index, channels, taskToMatch), candidates);
  return selectTop(scores, candidates, limit)
    .filter((module) => scores[module] >= minScore)
    .map((module) => ({
      moduleId: index.modules[module].id,
      score: scores[module],
      evidence: explainMatch(index, query, channels, module),
    }));
}

/**
 * The reported scores of the candidate modules: raw scores calibrated against the background (when
 * the index has background activities), rounded so that equal printed scores are equal for
 * tie-breaking. Other modules are left out of the ranking, so they are not computed.
 */
function calibratedScores(index: ModuleIndex, raw: Float64Array, candidates: Int32Array): Float64Array {
  if (index.calibration) calibrateScores(index.calibration, index.settings.background, raw, candidates);
  for (const module of candidates) raw[module] = Math.round(Math.min(1, raw[module]) * SCORE_DECIMALS) / SCORE_DECIMALS;
  return raw;
}

/**
 * Matches one task the way the CLI and the API report it: the top modules always ranked, and `gap`
 * set when the best score is under `minScore` (default: the index's calibrated threshold).
 */
export function matchTask(index: ModuleIndex, task: TaskToMatch, options: RankOptions = {}): TaskMatchResult {
  const matches = rankModulesForTask(index, task, { limit: options.limit, moduleIds: options.moduleIds });
  const threshold = options.minScore ?? index.settings.minScore;
  return { taskId: task.id, gap: isGap(matches, threshold), matches };
}

/** A task is a gap when no module reaches the threshold. */
export function isGap(matches: readonly ModuleMatch[], minScore: number): boolean {
  return matches.length === 0 || matches[0].score < minScore;
}

/**
 * Positions of the `limit` best scores among the candidates (ascending positions); modules are indexed
 * in moduleId order, so a strict `>` keeps ties by id.
 */
function selectTop(scores: Float64Array, candidates: Int32Array, limit: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < candidates.length && limit > 0; i += 1) {
    const module = candidates[i];
    if (top.length === limit && scores[module] <= scores[top[limit - 1]]) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && scores[top[at - 1]] < scores[module]) {
      if (at < limit) top[at] = top[at - 1];
      at -= 1;
    }
    top[at] = module;
  }
  return top;
}

/** The module's closest phrase and the task words it shares with the module, exactly or through the lexicon. */
function explainMatch(index: ModuleIndex, query: TaskQuery, channels: ChannelScores, position: number): MatchEvidence {
  const module = index.modules[position];
  const phrase = channels.bestPhrase[position] >= 0 ? index.phrases[channels.bestPhrase[position]].text : module.title;
  const sharedTerms: string[] = [];
  const relatedTerms: MatchEvidence['relatedTerms'] = [];
  const { weight, minCosine, evidenceMinCosine } = index.settings.similarity;
  const minSimilarWeight = minCosine < 1 ? (weight * (evidenceMinCosine - minCosine)) / (1 - minCosine) : weight;
  for (const queryTerm of query.terms) {
    const related = reachOf(queryTerm.alternatives, queryTerm.lexicalRow, position);
    if (related === 'own') {
      sharedTerms.push(queryTerm.word);
      continue;
    }
    if (related?.relation && (related.relation !== 'similar' || related.weight >= minSimilarWeight)) {
      const moduleWord = module.terms.get(related.term) ?? related.term;
      relatedTerms.push({ taskWord: queryTerm.word, moduleWord, relation: related.relation });
    }
  }
  return { phrase, sharedTerms, relatedTerms };
}
