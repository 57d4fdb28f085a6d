import type { ModuleCatalogue } from '../../library/index.ts';
import type { TaskMatchResult } from '../../matching/index.ts';
import { taskMatchKey, taskMatchText } from './match-fingerprint.ts';
import { coveringPart, MATCHES_PER_TASK } from './rank-cohort-modules.ts';
import type { WeighedTask } from './weigh-tasks.ts';
import type { CachedResults } from './cached-results.ts';

/** Tasks matched per chunk before the event loop gets a turn, so other requests are not held up. */
const CHUNK_SIZE = 500;
/** Cached results matched again on every computation, to catch a cache that no longer agrees with the matcher. */
export const SPOT_CHECK_COUNT = 16;

/** Every task's result, and what the cache should hold afterwards. */
export interface MatchedTasks {
  byTask: Map<string, TaskMatchResult>;
  /** Each distinct task's result by cache key: exactly the tasks of this computation. */
  byKey(): Map<string, TaskMatchResult>;
  /** The cache key of each distinct task. */
  keys: readonly string[];
  /** Distinct tasks (words × department × role level) of this computation. */
  distinctCount: number;
  /** Distinct tasks matched now, and those whose result came from the cache. */
  matchedCount: number;
  cachedCount: number;
  /** True when cached results disagreed with the matcher and were all set aside. */
  isCacheRejected: boolean;
}

/**
 * Matches every task against the engagement's modules, keeping the part of each result the shortlist
 * uses (`coveringPart`). Identical words of one department and role level are matched once, and a
 * task whose result is in `cached` (same words, department, role level and scope fingerprint) is not
 * matched again: between two computations most tasks have not changed. A few cached results are
 * matched again each time; if any differs, the whole cache is set aside and every task is matched.
 */
export async function matchWeighedTasks(
  catalogue: ModuleCatalogue,
  tasks: readonly WeighedTask[],
  moduleIds: ReadonlySet<string>,
  cached: CachedResults = new Map(),
): Promise<MatchedTasks> {
  const match = (task: WeighedTask) => matchForShortlist(catalogue, task, moduleIds);
  // Distinct tasks as slots: tens of thousands of tasks, so arrays rather than one map per step.
  const slotOfText = new Map<string, number>();
  const slotOfTask = new Int32Array(tasks.length);
  const firstTask: WeighedTask[] = [];
  const keys: string[] = [];
  tasks.forEach((task, i) => {
    const text = taskMatchText(task);
    let slot = slotOfText.get(text);
    if (slot === undefined) {
      slot = firstTask.length;
      slotOfText.set(text, slot);
      firstTask.push(task);
      keys.push(taskMatchKey(text));
    }
    slotOfTask[i] = slot;
  });

  const isCacheRejected = !agreesWithMatcher(cached, keys, firstTask, match);
  // Every lookup in one pass, before the first pause: what `cached` reads from may change during one.
  const found: Array<TaskMatchResult | undefined> = isCacheRejected ? new Array(firstTask.length) : keys.map((key) => cached.get(key));
  const results: TaskMatchResult[] = new Array(firstTask.length);
  let matchedCount = 0;
  for (let slot = 0; slot < firstTask.length; slot += 1) {
    const hit = found[slot];
    if (hit) {
      results[slot] = hit;
      continue;
    }
    if (matchedCount > 0 && matchedCount % CHUNK_SIZE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    results[slot] = match(firstTask[slot]);
    matchedCount += 1;
  }
  const byTask = new Map<string, TaskMatchResult>();
  tasks.forEach((task, i) => byTask.set(task.taskId, results[slotOfTask[i]]));
  return {
    byTask,
    byKey: () => new Map(keys.map((key, slot) => [key, results[slot]])),
    keys,
    distinctCount: firstTask.length,
    matchedCount,
    cachedCount: firstTask.length - matchedCount,
    isCacheRejected,
  };
}

/** A task's result as the shortlist and its match cache keep it. */
export function matchForShortlist(catalogue: ModuleCatalogue, task: MatchedTaskText, moduleIds: ReadonlySet<string>): TaskMatchResult {
  return coveringPart(catalogue.match({ text: task.text, department: task.department, roleLevel: task.roleLevel }, { top: MATCHES_PER_TASK, moduleIds }), catalogue.minScore);
}

/** What a task's match depends on. */
export type MatchedTaskText = Pick<WeighedTask, 'text' | 'department' | 'roleLevel'>;

/** Matches a spread of the cached results of this computation's tasks again and compares them. */
function agreesWithMatcher(cached: CachedResults, keys: readonly string[], tasks: readonly WeighedTask[], match: (task: WeighedTask) => TaskMatchResult): boolean {
  if (cached.size === 0) return true;
  const step = Math.max(1, Math.floor(keys.length / SPOT_CHECK_COUNT));
  let checked = 0;
  // Walks from each stride mark to the next cached result, so a partly cached engagement is checked too.
  for (let start = 0; start < keys.length && checked < SPOT_CHECK_COUNT; start += step) {
    let slot = start;
    while (slot < Math.min(keys.length, start + step) && !cached.has(keys[slot])) slot += 1;
    const stored = slot < keys.length ? cached.get(keys[slot]) : undefined;
    if (!stored) continue;
    const fresh = match(tasks[slot]);
    if (fresh.gap !== stored.gap || JSON.stringify(fresh.matches) !== JSON.stringify(stored.matches)) return false;
    checked += 1;
  }
  return true;
}
