import type { Answers, Page, Question } from '../domain/question-bank.ts';

/**
 * Reading one page of the intake form back into answers. Field names: `a.<questionId>` for a
 * question, `a.<listId>.<row>.<fieldId>` for a task-list field, `rows.<listId>` for how many rows the
 * form showed. Buttons carry `action`: `next`, `back`, `review`, `add-row:<listId>`, `remove-row:<listId>:<row>`.
 */
export type FormAction =
  | { kind: 'next' | 'back' | 'review' | 'autosave' }
  | { kind: 'add-row'; listId: string }
  | { kind: 'remove-row'; listId: string; row: number };

export interface PageForm {
  /** This page's answers as typed (blank task rows dropped, as the server drops them on saving). */
  answers: Answers;
  /** How many rows each task list shows next (after adding or removing one). */
  rowCounts: Record<string, number>;
  action: FormAction;
  /** The ids of the questions that were visible when the form was sent (follow-ups may have appeared since). */
  shown: Set<string>;
  version: number;
}

type Body = Record<string, unknown>;

/** Parses an url-encoded page submission. Unknown fields are ignored; only this page's questions are read. */
export function readPageForm(page: Page, body: Body): PageForm {
  const action = readAction(body.action);
  const answers: Answers = {};
  const rowCounts: Record<string, number> = {};
  for (const question of page.questions) {
    if (question.type === 'taskList') {
      const shownRows = clampInt(body[`rows.${question.id}`], 0, 30);
      let rows = readRows(question, body, shownRows);
      if (action.kind === 'remove-row' && action.listId === question.id) rows = rows.filter((_row, i) => i !== action.row);
      const kept = rows.filter((row) => !isBlankRow(row));
      if (kept.length > 0) answers[question.id] = kept;
      const removed = action.kind === 'remove-row' && action.listId === question.id ? 1 : 0;
      const added = action.kind === 'add-row' && action.listId === question.id ? 1 : 0;
      rowCounts[question.id] = Math.max(kept.length, shownRows - removed) + added;
      continue;
    }
    const value = readValue(question, body[`a.${question.id}`]);
    if (value !== undefined) answers[question.id] = value;
  }
  return { answers, rowCounts, action, shown: new Set(asList(body.shown).flatMap((s) => s.split(' '))), version: clampInt(body.version, 0, Number.MAX_SAFE_INTEGER) };
}

/** The stored answers with this page's questions replaced by what the form sent. */
export function mergePageAnswers(stored: Answers, page: Page, pageAnswers: Answers): Answers {
  const merged: Answers = { ...stored };
  for (const question of page.questions) {
    if (pageAnswers[question.id] === undefined) delete merged[question.id];
    else merged[question.id] = pageAnswers[question.id];
  }
  return merged;
}

function readRows(list: Question, body: Body, count: number): Answers[] {
  const rows: Answers[] = [];
  for (let i = 0; i < count; i += 1) {
    const row: Answers = {};
    for (const field of list.fields ?? []) {
      const value = readValue(field, body[`a.${list.id}.${i}.${field.id}`]);
      if (value !== undefined) row[field.id] = value;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * One field's value as the bank's type expects it. Text that is not a number stays text, so the
 * answer check reports "must be a number" next to the field instead of the value vanishing.
 */
function readValue(question: Question, raw: unknown): unknown {
  const values = asList(raw).map((v) => v.trim()).filter((v) => v !== '');
  if (question.type === 'multi') return values.length > 0 ? values : undefined;
  const value = values[0];
  if (value === undefined) return undefined;
  if (question.type === 'number' || question.type === 'scale') {
    const compact = value.replace(/\s/g, '');
    // A whole number has no decimal mark, so in "1,000" or "1.000" it groups thousands: never the number 1.
    const grouped = question.integer === true && /^-?\d{1,3}([.,]\d{3})+$/.test(compact);
    const normalised = grouped ? compact.replace(/[.,]/g, '') : compact.replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : value;
  }
  return value;
}

function readAction(raw: unknown): FormAction {
  const value = asList(raw)[0] ?? 'next';
  if (value === 'back' || value === 'review' || value === 'autosave') return { kind: value };
  const add = /^add-row:([A-Za-z0-9_-]+)$/.exec(value);
  if (add) return { kind: 'add-row', listId: add[1] };
  const remove = /^remove-row:([A-Za-z0-9_-]+):(\d{1,2})$/.exec(value);
  if (remove) return { kind: 'remove-row', listId: remove[1], row: Number(remove[2]) };
  return { kind: 'next' };
}

function isBlankRow(row: Answers): boolean {
  return Object.keys(row).length === 0;
}

function asList(raw: unknown): string[] {
  if (typeof raw === 'string') return [raw];
  return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
}

function clampInt(raw: unknown, min: number, max: number): number {
  const value = Number(asList(raw)[0]);
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : min;
}
