import type { MatchEvidence } from '../../matching/index.ts';

/** One distinct evidence: `[phrase, [shared terms], [task word, module word, relation, ...]]`, strings as indexes. */
export type EncodedEvidence = [number, number[], number[]];

/**
 * Strings and evidence, each written once, for the shortlist's compact stored forms (the match cache
 * and a version's computed part). Tens of thousands of matches share a few hundred module phrases and
 * a few thousand words, and tasks of the same work often share their whole evidence.
 */
export interface EvidenceTable {
  readonly strings: string[];
  readonly evidence: EncodedEvidence[];
  /** The index of a string, added on first use. */
  ref(value: string): number;
  /** The index of an evidence, added on first use (equal evidence gets one index). */
  evidenceRef(evidence: MatchEvidence): number;
  /** False for an evidence with fields this table does not know (the matcher added one). */
  canEncode(evidence: MatchEvidence): boolean;
}

const EVIDENCE_FIELDS = ['phrase', 'sharedTerms', 'relatedTerms'] as const;
const RELATED_FIELDS = ['taskWord', 'moduleWord', 'relation'] as const;

export function createEvidenceTable(): EvidenceTable {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const evidence: EncodedEvidence[] = [];
  // The same object is usually met again (tasks with the same words share their result); equal ones by content.
  const byObject = new Map<MatchEvidence, number>();
  const byContent = new Map<string, number>();
  const ref = (value: string): number => {
    let index = stringIndex.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      stringIndex.set(value, index);
    }
    return index;
  };
  return {
    strings,
    evidence,
    ref,
    evidenceRef(value) {
      const known = byObject.get(value);
      if (known !== undefined) return known;
      const related: number[] = [];
      for (const r of value.relatedTerms) related.push(ref(r.taskWord), ref(r.moduleWord), ref(r.relation));
      const encoded: EncodedEvidence = [ref(value.phrase), value.sharedTerms.map(ref), related];
      const content = `${encoded[0]}:${encoded[1].join(',')}:${related.join(',')}`;
      let index = byContent.get(content);
      if (index === undefined) {
        index = evidence.length;
        evidence.push(encoded);
        byContent.set(content, index);
      }
      byObject.set(value, index);
      return index;
    },
    canEncode(value) {
      if (!hasOnly(value, EVIDENCE_FIELDS)) return false;
      for (const r of value.relatedTerms) if (!hasOnly(r, RELATED_FIELDS)) return false;
      return true;
    },
  };
}

/** The evidence objects of a table, in its order. They are shared between matches: never change one. */
export function readEvidenceTable(strings: readonly string[], encoded: readonly EncodedEvidence[]): MatchEvidence[] {
  return encoded.map(([phrase, shared, related]) => {
    const relatedTerms: Array<MatchEvidence['relatedTerms'][number]> = [];
    for (let i = 0; i < related.length; i += 3) {
      relatedTerms.push({ taskWord: strings[related[i]], moduleWord: strings[related[i + 1]], relation: strings[related[i + 2]] as MatchEvidence['relatedTerms'][number]['relation'] });
    }
    return { phrase: strings[phrase], sharedTerms: shared.map((s) => strings[s]), relatedTerms };
  });
}

/** Whether an object has no fields but these three (undefined ones count as absent, as in JSON). Allocates nothing: it runs for every match. */
export function hasOnly(value: object, [a, b, c]: readonly [string, string, string]): boolean {
  for (const key in value) {
    if (key !== a && key !== b && key !== c && (value as Record<string, unknown>)[key] !== undefined) return false;
  }
  return true;
}
