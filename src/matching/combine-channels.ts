import { foldText } from './text.ts';
import type { ChannelScores } from './score-modules.ts';
import type { ModuleIndex } from './module-index.ts';
import type { TaskToMatch } from './types.ts';

/**
 * The raw score of every module for one task: a fixed weighted mean of the channels (each already in
 * [0, 1], and each normalised by what this task could at best reach, not by the library's size), times
 * the affinity factors, in [0, 1]. Not yet calibrated against the background, not yet rounded.
 */
export function combineChannels(index: ModuleIndex, channels: ChannelScores, task: TaskToMatch): Float64Array {
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
    scores[position] = Math.min(1, Math.max(0, score));
  });
  return scores;
}
