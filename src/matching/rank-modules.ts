import { foldText } from './text.ts';
import { buildTaskQuery, type TaskQuery } from './task-query.ts';
import { scoreChannels, type ChannelScores } from './score-modules.ts';
import type { ModuleIndex } from './module-index.ts';
import { reachOf } from './word-expansion.ts';
import type { MatchEvidence, ModuleMatch, RankOptions, TaskMatchResult, TaskToMatch } from './types.ts';

const DEFAULT_LIMIT = 3;
const SCORE_DECIMALS = 1e4;

/**
 * Ranks the index's training modules for one work task, best first; ties go to the smaller moduleId.
 * Scores are in [0, 1]. Every call reads the shared index and never rebuilds it.
 */
export function rankModulesForTask(index: ModuleIndex, task: string | TaskToMatch, options: RankOptions = {}): ModuleMatch[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const minScore = options.minScore ?? 0;
  const taskToMatch = typeof task === 'string' ? { text: task } : task;
  const query = buildTaskQuery(index, taskToMatch.text);
  const channels = scoreChannels(index, query);
  const scores = combineChannels(index, channels, taskToMatch);
  return selectTop(scores, limit)
    .filter((module) => scores[module] >= minScore)
    .map((module) => ({
      moduleId: index.modules[module].id,
      score: scores[module],
      evidence: explainMatch(index, query, channels, module),
    }));
}

/**
 * Matches one task the way the CLI and the API report it: the top modules always ranked, and `gap`
 * set when the best score is under `minScore` (default: the index's calibrated threshold).
 */
export function matchTask(index: ModuleIndex, task: TaskToMatch, options: RankOptions = {}): TaskMatchResult {
  const matches = rankModulesForTask(index, task, { limit: options.limit });
  const threshold = options.minScore ?? index.settings.minScore;
  return { taskId: task.id, gap: isGap(matches, threshold), matches };
}

/** A task is a gap when no module reaches the threshold. */
export function isGap(matches: readonly ModuleMatch[], minScore: number): boolean {
  return matches.length === 0 || matches[0].score < minScore;
}

/**
 * The calibrated score: a fixed weighted mean of the three channels (each already in [0, 1], and each
 * normalised by what this task could at best reach, not by the library's size), times the affinity
 * factors, rounded so that equal printed scores are equal for tie-breaking.
 */
function combineChannels(index: ModuleIndex, channels: ChannelScores, task: TaskToMatch): Float64Array {
  const { channelWeights, affinity } = index.settings;
  // Without word vectors the semantic channel is absent, not zero: it leaves the mean, so scores keep their scale.
  const semanticWeight = index.semantic ? channelWeights.semantic : 0;
  const total = 1 + channelWeights.coverage + channelWeights.verb + semanticWeight;
  const department = task.department ? foldText(task.department).trim() : undefined;
  const scores = new Float64Array(index.modules.length);
  index.modules.forEach((module, position) => {
    let score =
      (channels.lexical[position] +
        channelWeights.coverage * channels.coverage[position] +
        channelWeights.verb * channels.verb[position] +
        semanticWeight * channels.semantic[position]) /
      total;
    if (department && index.departments.has(department) && module.department !== department) score *= affinity.otherDepartment;
    if (task.roleLevel && module.roleLevels.size > 0 && !module.roleLevels.has(task.roleLevel)) score *= affinity.otherRole;
    scores[position] = Math.round(Math.min(1, Math.max(0, score)) * SCORE_DECIMALS) / SCORE_DECIMALS;
  });
  return scores;
}

/** Positions of the `limit` best scores; modules are indexed in moduleId order, so a strict `>` keeps ties by id. */
function selectTop(scores: Float64Array, limit: number): number[] {
  const top: number[] = [];
  for (let module = 0; module < scores.length && limit > 0; module += 1) {
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
