import type { WordRelation } from './lexicon.ts';

/** The parts of a training module the matcher reads (a structural subset of the library's module). */
export interface MatchableModule {
  readonly id: string;
  readonly title: string;
  readonly department: string;
  readonly summary: string;
  readonly tasks: readonly string[];
  readonly keywords?: readonly string[];
  readonly objectives?: readonly string[];
  readonly roleLevels?: readonly string[];
  readonly exercises?: readonly { readonly title?: string; readonly artifact?: string; readonly deliverable?: string }[];
}

/** A work task to match: its words, and optionally who reported it. */
export interface TaskToMatch {
  readonly id?: string;
  readonly text: string;
  readonly department?: string;
  readonly roleLevel?: string;
}

/** Why a training module was matched: its closest phrase and the words the task shares with it. */
export interface MatchEvidence {
  /** The module's title or task phrase that covers the work task best. */
  readonly phrase: string;
  /** Task words found in the module, as the task wrote them. */
  readonly sharedTerms: string[];
  /** Task words matched through the lexicon: the task's word, the module's word and how they relate. */
  readonly relatedTerms: { readonly taskWord: string; readonly moduleWord: string; readonly relation: WordRelation }[];
}

/** A training module ranked for a work task; `score` is calibrated into [0, 1]. */
export interface ModuleMatch {
  readonly moduleId: string;
  readonly score: number;
  readonly evidence: MatchEvidence;
}

/** The matches of one task, best first, and whether its best score is under the gap threshold. */
export interface TaskMatchResult {
  readonly taskId: string | undefined;
  readonly gap: boolean;
  readonly matches: ModuleMatch[];
}

/** Options of one ranking call. */
export interface RankOptions {
  /** How many modules to return (default 3). */
  readonly limit?: number;
  /** Drop matches scoring below this (default 0: keep all). */
  readonly minScore?: number;
  /**
   * Rank only these modules (an engagement's own set); default: the whole library. Scores are
   * calibrated among them, so a task is a gap exactly when none of them covers it.
   */
  readonly moduleIds?: ReadonlySet<string>;
}
