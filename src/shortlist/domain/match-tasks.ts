import type { ModuleCatalogue } from '../../library/index.ts';
import type { TaskMatchResult } from '../../matching/index.ts';
import { taskMatchKey, taskMatchText } from './match-fingerprint.ts';
import { coveringPart, MATCHES_PER_TASK } from './rank-cohort-modules.ts';
import type { WeighedTask } from './weigh-tasks.ts';

/** Tasks matched per chunk before the event loop gets a turn, so other requests are not held up. */
const CHUNK_SIZE = 500;
/** Cached results matched again on every computation, to catch a cache that no longer agrees with the matcher. */
export const SPOT_CHECK_COUNT = 16;

/** Every task's result, and what the cache should hold afterwards. */
export interface MatchedTasks {
  byTask: Map<string, TaskMatchResult>;
  /** Each distinct task's result by cache key: exactly the tasks of this computation. */
  byKey: Map<string, TaskMatchResult>;
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
  cached: ReadonlyMap<string, TaskMatchResult> = new Map(),
): Promise<MatchedTasks> {
  const match = (task: WeighedTask) => coveringPart(catalogue.match({ text: task.text, department: task.department, roleLevel: task.roleLevel }, { top: MATCHES_PER_TASK, moduleIds }), catalogue.minScore);
  const keyOfText = new Map<string, string>();
  const distinct = new Map<string, WeighedTask>();
  const taskKeys: string[] = [];
  for (const task of tasks) {
    const text = taskMatchText(task);
    let key = keyOfText.get(text);
    if (key === undefined) {
      key = taskMatchKey(text);
      keyOfText.set(text, key);
      distinct.set(key, task);
    }
    taskKeys.push(key);
  }

  const isCacheRejected = !agreesWithMatcher(cached, distinct, match);
  const usable = isCacheRejected ? new Map<string, TaskMatchResult>() : cached;
  const byKey = new Map<string, TaskMatchResult>();
  let matchedCount = 0;
  for (const [key, task] of distinct) {
    const hit = usable.get(key);
    if (hit) {
      byKey.set(key, hit);
      continue;
    }
    if (matchedCount > 0 && matchedCount % CHUNK_SIZE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    byKey.set(key, match(task));
    matchedCount += 1;
  }
  const byTask = new Map<string, TaskMatchResult>();
  tasks.forEach((task, i) => byTask.set(task.taskId, byKey.get(taskKeys[i])!));
  return { byTask, byKey, matchedCount, cachedCount: distinct.size - matchedCount, isCacheRejected };
}

/** Matches a spread of the cached results of this computation's tasks again and compares them. */
function agreesWithMatcher(cached: ReadonlyMap<string, TaskMatchResult>, distinct: ReadonlyMap<string, WeighedTask>, match: (task: WeighedTask) => TaskMatchResult): boolean {
  const hits = [...distinct].filter(([key]) => cached.has(key));
  const step = Math.max(1, Math.floor(hits.length / SPOT_CHECK_COUNT));
  for (let i = 0; i < hits.length; i += step) {
    const [key, task] = hits[i];
    const fresh = match(task);
    const stored = cached.get(key)!;
    if (fresh.gap !== stored.gap || JSON.stringify(fresh.matches) !== JSON.stringify(stored.matches)) return false;
  }
  return true;
}
