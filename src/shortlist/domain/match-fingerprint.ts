import { hash } from 'node:crypto';
import type { Engagement } from '../../engagements/index.ts';
import type { ModuleCatalogue } from '../../library/index.ts';
import { engagementLibrary, type EngagementLibrary } from './engagement-library.ts';
import { MATCHES_PER_TASK, SECONDARY_MATCH_RATIO } from './rank-cohort-modules.ts';

/** Bumped whenever what the cache keeps, or how, changes: older entries are then never read. */
export const MATCH_CACHE_FORMAT = 2;

/**
 * Everyday work in plain words, with the clause markers, stopwords, accents and inflections the
 * matcher normalises, so that a change to how it reads text changes their results.
 */
const PROBE_SENTENCES = [
  'Reconcile the supplier statements against our ledger every month',
  'Draft replies to customer complaints about late deliveries',
  'Prepare the agenda and minutes for the weekly leadership meeting',
  'Review pull requests before the release, using the checklist',
  'Schedule interviews with candidates for the open roles',
  'Summarise survey results for the regional managers so that they can act on them',
  'Update the café menu and order supplies when stock is low',
  'Water the office plants',
];

const byCatalogue = new WeakMap<ModuleCatalogue, Map<string, string>>();

/**
 * What a cached match result depends on besides the task: the library's content, the matcher's
 * settings, the engagement's set of training modules, how the shortlist trims results, and the
 * matcher itself. The matcher (its code, WordNet, word vectors) has no version to read, so its
 * behaviour is fingerprinted: a few dozen probe texts (every module's own title and task phrases,
 * and some everyday sentences) are matched within the scope and their full results hashed. A
 * different matcher then gives a different fingerprint, and cached results are simply not found.
 * Computed once per catalogue and scope (a few milliseconds).
 */
export function matchScopeFingerprint(catalogue: ModuleCatalogue, moduleIds: ReadonlySet<string>): string {
  const scope = [...moduleIds].sort();
  const scopeKey = scope.join(' ');
  const known = byCatalogue.get(catalogue) ?? new Map<string, string>();
  byCatalogue.set(catalogue, known);
  const cached = known.get(scopeKey);
  if (cached) return cached;
  const probes = catalogue.modules.flatMap((module) =>
    [module.title, ...module.tasks].map((text) => ({ text, department: module.department, roleLevel: module.roleLevels?.[0] })),
  );
  for (const text of PROBE_SENTENCES) {
    probes.push({ text, department: catalogue.modules[0]?.department ?? '', roleLevel: undefined });
    probes.push({ text, department: 'No such department', roleLevel: 'manager' });
  }
  const results = probes.map((task) => catalogue.match(task, { top: catalogue.modules.length, moduleIds }));
  const fingerprint = hash('sha256', JSON.stringify({
    format: MATCH_CACHE_FORMAT,
    coverage: [MATCHES_PER_TASK, SECONDARY_MATCH_RATIO, catalogue.minScore],
    scope,
    modules: catalogue.modules,
    settings: catalogue.index.settings,
    results,
  }), 'base64url');
  known.set(scopeKey, fingerprint);
  return fingerprint;
}

/** The engagement's training modules as they are now, and the fingerprint its match results are kept under. */
export function engagementMatchScope(engagement: Engagement, catalogue: ModuleCatalogue): { library: EngagementLibrary; fingerprint: string } {
  const library = engagementLibrary(engagement, catalogue);
  return { library, fingerprint: matchScopeFingerprint(catalogue, library.moduleIds) };
}

/** What identifies a task's match among an engagement's tasks: its words exactly, department and role level. */
export function taskMatchText(task: { text: string; department: string; roleLevel: string }): string {
  return `${task.department}\u0000${task.roleLevel}\u0000${task.text}`;
}

/**
 * The cache's key for a task: a hash, so the cache holds no task text (an erased person's words
 * cannot be read back from it). 96 bits of SHA-1: a chance collision among even a million tasks is
 * out of reach, and SHA-1 costs a third of SHA-256 over 40,000 keys. (A deliberate collision would
 * only give one task of one's own engagement another task's match: nothing to protect here.)
 */
export function taskMatchKey(matchText: string): string {
  return hash('sha1', matchText, 'base64url').slice(0, 16);
}

/** The cache key of a task (its words, department and role level). */
export function matchKeyOf(task: { text: string; department: string; roleLevel: string }): string {
  return taskMatchKey(taskMatchText(task));
}
