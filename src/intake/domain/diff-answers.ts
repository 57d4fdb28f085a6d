import { isPlainObject } from './normalise-answers.ts';
import type { Answers } from './question-bank.ts';

/** One changed answer for the audit trail: where and how, never the text itself. */
export interface AnswerChange {
  path: string;
  change: 'added' | 'changed' | 'removed';
}

/** Field-level differences between two sets of answers; task rows are compared field by field. */
export function diffAnswers(before: Answers, after: Answers): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const id of unionOfKeys(before, after)) {
    const old = before[id];
    const now = after[id];
    if (Array.isArray(old) && Array.isArray(now) && [...old, ...now].every(isPlainObject)) {
      diffRows(id, old as Answers[], now as Answers[], changes);
    } else {
      const change = compare(old, now);
      if (change) changes.push({ path: id, change });
    }
  }
  return changes;
}

function diffRows(id: string, old: Answers[], now: Answers[], changes: AnswerChange[]): void {
  for (let i = 0; i < Math.max(old.length, now.length); i++) {
    if (!old[i] || !now[i]) {
      changes.push({ path: `${id}[${i}]`, change: old[i] ? 'removed' : 'added' });
      continue;
    }
    for (const field of unionOfKeys(old[i], now[i])) {
      const change = compare(old[i][field], now[i][field]);
      if (change) changes.push({ path: `${id}[${i}].${field}`, change });
    }
  }
}

function compare(old: unknown, now: unknown): AnswerChange['change'] | undefined {
  if (old === undefined) return now === undefined ? undefined : 'added';
  if (now === undefined) return 'removed';
  return JSON.stringify(old) === JSON.stringify(now) ? undefined : 'changed';
}

function unionOfKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}
