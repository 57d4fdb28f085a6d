import type { Answers, Page } from './question-bank.ts';

/**
 * Treats "no answer" one way everywhere: null, blank text and empty lists are removed, text is trimmed,
 * and task rows left entirely empty are dropped. Values of the wrong type are kept for validation to reject.
 */
export function normaliseAnswers(pages: Page[], answers: Answers): Answers {
  const taskLists = new Set(pages.flatMap((p) => p.questions).filter((q) => q.type === 'taskList').map((q) => q.id));
  const result: Answers = {};
  for (const [id, raw] of Object.entries(answers)) {
    let value = normaliseValue(raw);
    if (taskLists.has(id) && Array.isArray(value)) {
      const rows = value.map((row) => (isPlainObject(row) ? normaliseRow(row) : row)).filter((row) => !isPlainObject(row) || Object.keys(row).length > 0);
      value = rows.length > 0 ? rows : undefined;
    }
    if (value !== undefined) result[id] = value;
  }
  return result;
}

function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries(row)) {
    const value = normaliseValue(raw);
    if (value !== undefined) result[id] = value;
  }
  return result;
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
