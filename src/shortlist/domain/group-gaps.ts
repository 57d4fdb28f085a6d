import { contentWords, stemWord } from '../../matching/index.ts';
import type { GapTheme } from './shortlist.ts';
import { clusterByAverageLinkage } from './cluster-texts.ts';

/**
 * Two gap tasks belong to one theme when the average cosine similarity of their words (tf-idf over
 * the cohort's gap tasks) reaches this. Short tasks of three or four content words that share one
 * distinctive word and another score well above it ("water the office plants", "repot the office
 * plants"); sharing one common word alone ("book meeting rooms", "book train tickets") stays below.
 */
export const GAP_THEME_MIN_SIMILARITY = 0.35;
/** How many words name a theme: enough to recognise the work, short enough to read at a glance. */
export const THEME_TERM_COUNT = 3;
/** Above this many distinct gap texts in one cohort the rest join the nearest theme (bounded memory). */
const MAX_CLUSTERED_TEXTS = 2000;
const NO_WORDS_THEME = '(no distinctive words)';

export interface GapTask {
  taskId: string;
  text: string;
  hoursPerWeek: number;
}

interface TextGroup {
  terms: string[];
  tasks: number[];
}

/**
 * Groups a cohort's gap tasks into themes, candidates for a custom training module: tasks with the
 * same words are one group; groups are then merged by average-linkage clustering while their
 * similarity reaches `GAP_THEME_MIN_SIMILARITY`. Deterministic: the same tasks give the same themes.
 */
export function groupGapTasks(tasks: readonly GapTask[]): GapTheme[] {
  const surface = new Map<string, Map<string, number>>();
  const termsOf = tasks.map((task) => {
    const terms = new Set<string>();
    for (const word of contentWords(task.text)) {
      const term = stemWord(word);
      terms.add(term);
      const forms = surface.get(term) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      surface.set(term, forms);
    }
    return [...terms].sort();
  });
  const groups = groupIdenticalTexts(termsOf);
  const wordless = groups.filter((g) => g.terms.length === 0);
  const worded = groups.filter((g) => g.terms.length > 0);
  const idf = inverseFrequencies(termsOf);
  const vectors = worded.map((group) => unitVector(group.terms, idf));
  const clusters = clusterByAverageLinkage(vectors, worded.map((g) => g.tasks.length), GAP_THEME_MIN_SIMILARITY, MAX_CLUSTERED_TEXTS);
  const themes = clusters.map((members) => {
    const taskIndexes = members.flatMap((m) => worded[m].tasks).sort((a, b) => a - b);
    const terms = representativeTerms(taskIndexes.map((i) => termsOf[i]), idf);
    return toTheme(terms.map((term) => surfaceWord(surface.get(term)!)), taskIndexes, tasks);
  });
  if (wordless.length > 0) themes.push(toTheme([], wordless.flatMap((g) => g.tasks).sort((a, b) => a - b), tasks, NO_WORDS_THEME));
  return themes.sort((a, b) => b.taskIds.length - a.taskIds.length || b.taskHours - a.taskHours || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0));
}

function groupIdenticalTexts(termsOf: string[][]): TextGroup[] {
  const byKey = new Map<string, TextGroup>();
  termsOf.forEach((terms, i) => {
    const key = terms.join(' ');
    const group = byKey.get(key) ?? { terms, tasks: [] };
    group.tasks.push(i);
    byKey.set(key, group);
  });
  // Most frequent first, so the cap (if ever reached) clusters the texts that matter most.
  return [...byKey.entries()].sort((a, b) => b[1].tasks.length - a[1].tasks.length || (a[0] < b[0] ? -1 : 1)).map(([, g]) => g);
}

/** Smoothed idf over the gap tasks: always positive, so a word every task shares still counts a little. */
function inverseFrequencies(termsOf: string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const terms of termsOf) for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  const n = termsOf.length;
  return new Map([...df].map(([term, count]) => [term, Math.log((1 + n) / (1 + count)) + 1]));
}

function unitVector(terms: string[], idf: Map<string, number>): Map<string, number> {
  const norm = Math.sqrt(terms.reduce((sum, term) => sum + idf.get(term)! ** 2, 0));
  return new Map(terms.map((term) => [term, idf.get(term)! / norm]));
}

/**
 * The words that best name a theme: those most of its tasks use (more than half of them), the more
 * distinctive first; a single task is named by its most distinctive words.
 */
function representativeTerms(termsOfTasks: string[][], idf: Map<string, number>): string[] {
  const count = new Map<string, number>();
  for (const terms of termsOfTasks) for (const term of terms) count.set(term, (count.get(term) ?? 0) + 1);
  const ranked = [...count].sort((a, b) => b[1] - a[1] || idf.get(b[0])! - idf.get(a[0])! || (a[0] < b[0] ? -1 : 1));
  const shared = ranked.filter(([, n]) => n * 2 > termsOfTasks.length);
  return (shared.length > 0 ? shared : ranked.slice(0, 1)).slice(0, THEME_TERM_COUNT).map(([term]) => term);
}

/** The way the tasks most often wrote a stem ("invoices" rather than "invoic"). */
function surfaceWord(forms: Map<string, number>): string {
  return [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

function toTheme(words: string[], taskIndexes: number[], tasks: readonly GapTask[], label?: string): GapTheme {
  const members = taskIndexes.map((i) => tasks[i]);
  const hours = members.reduce((sum, task) => sum + task.hoursPerWeek, 0);
  return { theme: label ?? words.join(', '), terms: words, taskHours: Math.round(hours * 1e4) / 1e4, taskIds: members.map((t) => t.taskId) };
}
