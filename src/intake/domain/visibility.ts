import type { Answers, Condition, Page, Question } from './question-bank.ts';

/**
 * Evaluates a `visibleIf` condition against answers (or a task row's values) as plain data.
 * `equals` on a multiple-choice answer means "was chosen"; `in` means "any of these was chosen".
 */
export function isConditionMet(condition: Condition, values: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => isConditionMet(c, values));
  if ('any' in condition) return condition.any.some((c) => isConditionMet(c, values));
  if ('not' in condition) return !isConditionMet(condition.not, values);
  const value = values[condition.question];
  const answered = value !== undefined;
  if ('answered' in condition) return answered === condition.answered;
  const accepted = 'equals' in condition ? [condition.equals] : condition.in;
  if (Array.isArray(value)) return value.some((v) => accepted.includes(v as never));
  return answered && accepted.includes(value as never);
}

/** True when the question is shown, given the answers so far. */
export function isVisible(question: Question, values: Answers): boolean {
  return !question.visibleIf || isConditionMet(question.visibleIf, values);
}

/**
 * Removes answers to questions (and row fields) that their `visibleIf` hides. Conditions only name
 * earlier questions, so one pass in asking order also clears answers that depended on a hidden one.
 */
export function dropHiddenAnswers(pages: Page[], answers: Answers): Answers {
  const kept: Answers = {};
  const known = new Set<string>();
  for (const question of pages.flatMap((p) => p.questions)) {
    known.add(question.id);
    const value = answers[question.id];
    if (value === undefined || !isVisible(question, kept)) continue;
    kept[question.id] = question.type === 'taskList' && Array.isArray(value) ? value.map((row) => dropHiddenFields(question, row)) : value;
  }
  // Unknown ids are left for validation to reject rather than silently dropped ("__proto__" too, hence fromEntries).
  return Object.fromEntries([...Object.entries(kept), ...Object.entries(answers).filter(([id]) => !known.has(id))]);
}

function dropHiddenFields(list: Question, row: unknown): unknown {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
  const values = row as Answers;
  const kept: Answers = {};
  const known = new Set<string>();
  for (const field of list.fields ?? []) {
    known.add(field.id);
    if (values[field.id] !== undefined && isVisible(field, kept)) kept[field.id] = values[field.id];
  }
  return Object.fromEntries([...Object.entries(kept), ...Object.entries(values).filter(([id]) => !known.has(id))]);
}
