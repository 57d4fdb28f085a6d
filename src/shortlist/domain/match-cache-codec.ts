import type { MatchEvidence, ModuleMatch, TaskMatchResult } from '../../matching/index.ts';

/**
 * The match cache's stored form. Tens of thousands of results as plain JSON would be tens of
 * megabytes (each repeats its field names, module ids, phrases and words); here every string is
 * written once in a table and results are arrays of numbers pointing into it, about a tenth of the
 * size, and as quick to parse.
 *
 * An entry: `[key, gap (0|1), ...matches]`; a match: `[module, score, phrase, [shared terms],
 * [task word, module word, relation, ...]]`, strings as indexes into `strings`.
 */
export interface EncodedMatches {
  strings: string[];
  entries: unknown[][];
}

type EncodedMatch = [number, number, number, number[], number[]];

const MATCH_FIELDS = ['moduleId', 'score', 'evidence'] as const;
const EVIDENCE_FIELDS = ['phrase', 'sharedTerms', 'relatedTerms'] as const;
const RELATED_FIELDS = ['taskWord', 'moduleWord', 'relation'] as const;
const RESULT_FIELDS = ['taskId', 'gap', 'matches'] as const;

/**
 * Encodes results by key. A result of a shape this codec does not know (the matcher added a field) is
 * left out rather than stored without it: it is matched again next time, never served incomplete.
 */
export function encodeMatches(results: ReadonlyMap<string, TaskMatchResult>): EncodedMatches {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const ref = (value: string): number => {
    let index = indexes.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      indexes.set(value, index);
    }
    return index;
  };
  const entries: unknown[][] = [];
  for (const [key, result] of results) {
    if (!hasOnly(result, RESULT_FIELDS) || !result.matches.every(isKnownShape)) continue;
    const entry: unknown[] = [key, result.gap ? 1 : 0];
    for (const match of result.matches) {
      const { phrase, sharedTerms, relatedTerms } = match.evidence;
      const related: number[] = [];
      for (const r of relatedTerms) related.push(ref(r.taskWord), ref(r.moduleWord), ref(r.relation));
      const encoded: EncodedMatch = [ref(match.moduleId), match.score, ref(phrase), sharedTerms.map(ref), related];
      entry.push(encoded);
    }
    entries.push(entry);
  }
  return { strings, entries };
}

/** The results by key; an entry that does not decode cleanly is skipped (it is matched again). */
export function decodeMatches(encoded: EncodedMatches, into: Map<string, TaskMatchResult>): void {
  const { strings } = encoded;
  for (const entry of encoded.entries) {
    const [key, gap, ...matches] = entry as [string, number, ...EncodedMatch[]];
    const decoded = matches.map(([module, score, phrase, shared, related]): ModuleMatch => {
      const relatedTerms: Array<MatchEvidence['relatedTerms'][number]> = [];
      for (let i = 0; i < related.length; i += 3) {
        relatedTerms.push({ taskWord: strings[related[i]], moduleWord: strings[related[i + 1]], relation: strings[related[i + 2]] as MatchEvidence['relatedTerms'][number]['relation'] });
      }
      return { moduleId: strings[module], score, evidence: { phrase: strings[phrase], sharedTerms: shared.map((s) => strings[s]), relatedTerms } };
    });
    into.set(key, { taskId: undefined, gap: gap === 1, matches: decoded });
  }
}

function isKnownShape(match: ModuleMatch): boolean {
  if (!hasOnly(match, MATCH_FIELDS) || !hasOnly(match.evidence, EVIDENCE_FIELDS)) return false;
  for (const related of match.evidence.relatedTerms) if (!hasOnly(related, RELATED_FIELDS)) return false;
  return true;
}

/** Whether an object has no fields but these three (undefined ones count as absent, as in JSON). Allocates nothing: it runs for every match. */
function hasOnly(value: object, [a, b, c]: readonly [string, string, string]): boolean {
  for (const key in value) {
    if (key !== a && key !== b && key !== c && (value as Record<string, unknown>)[key] !== undefined) return false;
  }
  return true;
}
