import type { MatchEvidence, ModuleMatch, TaskMatchResult } from '../../matching/index.ts';
import { createEvidenceTable, hasOnly, readEvidenceTable, type EncodedEvidence } from './evidence-table.ts';

/**
 * The match cache's stored form. Tens of thousands of results as plain JSON would be tens of
 * megabytes (each repeats its field names, module ids, phrases and words); here every string is
 * written once in a table, every distinct evidence once in another, and results are arrays of
 * numbers pointing into them: about a fifteenth of the size, and as quick to read back.
 *
 * An entry: `[key, gap (0|1), module, score, evidence, module, score, evidence, ...]`, modules as
 * indexes into `strings`, evidence as indexes into `evidence`.
 */
export interface EncodedMatches {
  strings: string[];
  evidence: EncodedEvidence[];
  entries: Array<Array<string | number>>;
}

const MATCH_FIELDS = ['moduleId', 'score', 'evidence'] as const;
const RESULT_FIELDS = ['taskId', 'gap', 'matches'] as const;

/**
 * Encodes results by key. A result of a shape this codec does not know (the matcher added a field) is
 * left out rather than stored without it: it is matched again next time, never served incomplete.
 */
export function encodeMatches(results: ReadonlyMap<string, TaskMatchResult>): EncodedMatches {
  const table = createEvidenceTable();
  const entries: EncodedMatches['entries'] = [];
  for (const [key, result] of results) {
    if (!hasOnly(result, RESULT_FIELDS) || !result.matches.every((m) => hasOnly(m, MATCH_FIELDS) && table.canEncode(m.evidence))) continue;
    const entry: Array<string | number> = [key, result.gap ? 1 : 0];
    for (const match of result.matches) entry.push(table.ref(match.moduleId), match.score, table.evidenceRef(match.evidence));
    entries.push(entry);
  }
  return { strings: table.strings, evidence: table.evidence, entries };
}

/** Adds the results by key to `into`; equal evidence comes back as one shared (read-only) object. */
export function decodeMatches(encoded: EncodedMatches, into: Map<string, TaskMatchResult>): void {
  const { strings } = encoded;
  const evidence: MatchEvidence[] = readEvidenceTable(strings, encoded.evidence);
  for (const entry of encoded.entries) {
    const matches: ModuleMatch[] = [];
    for (let i = 2; i < entry.length; i += 3) {
      matches.push({ moduleId: strings[entry[i] as number], score: entry[i + 1] as number, evidence: evidence[entry[i + 2] as number] });
    }
    into.set(entry[0] as string, { taskId: undefined, gap: entry[1] === 1, matches });
  }
}
