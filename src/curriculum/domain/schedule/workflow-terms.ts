/**
 * A small, deterministic term set for tying a training module to a milestone's workflow text.
 * Deliberately not the matcher's model: this only needs to notice that "Invoice processing"
 * and "invoices" share a word, and it must never change with the matcher's tuning.
 */

/** Function words, plus rollout words that every milestone shares and that say nothing about the workflow. */
const STOPWORDS = new Set([
  'about', 'after', 'all', 'and', 'any', 'are', 'been', 'before', 'but', 'can', 'each', 'for', 'from', 'has',
  'have', 'how', 'into', 'its', 'more', 'not', 'off', 'our', 'out', 'over', 'per', 'than', 'that', 'the', 'their',
  'them', 'then', 'these', 'they', 'this', 'those', 'through', 'under', 'via', 'was', 'were', 'what', 'when',
  'which', 'while', 'who', 'will', 'with', 'within', 'your',
  'go', 'live', 'golive', 'launch', 'rollout', 'roll', 'pilot', 'phase', 'stage', 'step', 'new', 'process',
  'workflow', 'system', 'tool', 'use', 'using', 'based', 'assisted', 'ai',
]);

const KEEP_DOUBLE = new Set(['ll', 'ss', 'zz']);

/** Lower-cased, accent-free, stemmed content words of a text, as a set. */
export function workflowTerms(text: string): Set<string> {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  const terms = new Set<string>();
  for (const word of words) {
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    const stem = stemWord(word);
    if (!STOPWORDS.has(stem)) terms.add(stem);
  }
  return terms;
}

/** Strips the commonest English endings so "invoices", "invoicing" and "invoice" meet at "invoic". */
export function stemWord(word: string): string {
  let stem = word;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('s') && !stem.endsWith('ss') && stem.length > 3) stem = stem.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length);
      const last2 = stem.slice(-2);
      if (last2[0] === last2[1] && !KEEP_DOUBLE.has(last2)) stem = stem.slice(0, -1);
      break;
    }
  }
  if (stem.endsWith('e') && stem.length > 3) stem = stem.slice(0, -1);
  return stem;
}

/** Terms of `workflow` also found in `candidate`, sorted, and their share of the workflow's terms. */
export function workflowOverlap(workflow: Set<string>, candidate: Set<string>): { shared: string[]; share: number } {
  const shared = [...workflow].filter((term) => candidate.has(term)).sort();
  return { shared, share: workflow.size === 0 ? 0 : shared.length / workflow.size };
}
