import type { Answers, Page } from './question-bank.ts';

/**
 * Treats "no answer" one way everywhere: null, blank text and empty lists are removed, text is trimmed,
 * and task rows left entirely empty are dropped. Values of the wrong type are kept for validation to reject.
 * Objects are built with `Object.fromEntries`: a "__proto__" key sent in JSON stays a key of its own, which
 * the checks refuse; assigned, it would become the prototype, and the answers behind it would pass the
 * checks (they read inherited values) without being normalised.
 */
export function normaliseAnswers(pages: Page[], answers: Answers): Answers {
  const taskLists = new Set(pages.flatMap((p) => p.questions).filter((q) => q.type === 'taskList').map((q) => q.id));
  const entries: Array<[string, unknown]> = [];
  for (const [id, raw] of Object.entries(answers)) {
    let value = normaliseValue(raw);
    if (taskLists.has(id) && Array.isArray(value)) {
      const rows = value.map((row) => (isPlainObject(row) ? normaliseRow(row) : row)).filter((row) => !isPlainObject(row) || Object.keys(row).length > 0);
      value = rows.length > 0 ? rows : undefined;
    }
    if (value !== undefined) entries.push([id, value]);
  }
  return Object.fromEntries(entries);
}

function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const entries: Array<[string, unknown]> = [];
  for (const [id, raw] of Object.entries(row)) {
    const value = normaliseValue(raw);
    if (value !== undefined) entries.push([id, value]);
  }
  return Object.fromEntries(entries);
}

function normaliseValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
