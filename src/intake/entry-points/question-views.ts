import type { Answers, Page, Question } from '../domain/question-bank.ts';
import { isVisible } from '../domain/visibility.ts';

/** A question as the form partial renders it; every id and name is derived here, once. */
export interface QuestionView {
  id: string;
  type: string;
  label: string;
  help?: string;
  required: boolean;
  /** The id of the first focusable input: labels, error-summary links and autofocus point here. */
  inputId: string;
  name: string;
  hintId?: string;
  errorId: string;
  error?: string;
  describedBy?: string;
  hidden: boolean;
  /** The `visibleIf` condition as JSON, for the script that shows and hides questions live. */
  visibleIf?: string;
  value?: string;
  options?: Array<{ id: string; value: string; label: string; checked: boolean }>;
  min?: number;
  max?: number;
  step?: string;
  maxLength?: number;
  isText?: boolean;
  isLongText?: boolean;
  isChoice?: boolean;
  isMulti?: boolean;
  isScale?: boolean;
  isNumber?: boolean;
  isDate?: boolean;
  isTaskList?: boolean;
  minLabel?: string;
  maxLabel?: string;
  list?: TaskListView;
  autofocus?: boolean;
}

export interface TaskRowView {
  index: string;
  number: string;
  noun: string;
  fields: QuestionView[];
  removeAction: string;
  error?: string;
}

export interface TaskListView {
  rows: TaskRowView[];
  /** One blank row with `__i__`/`__n__` placeholders, cloned by the script to add rows in place. */
  template: TaskRowView;
  rowCount: number;
  canAdd: boolean;
  addAction: string;
  addId: string;
  noun: string;
  maxItems: number;
  minItems: number;
}

/** Messages by JSON pointer (`/answers/tasks/0/description`), as the answer check reports them. */
export type ProblemIndex = ReadonlyMap<string, string>;

export interface ViewOptions {
  /** Answers used to decide visibility (the whole intake, hidden ones dropped). */
  visibilityValues: Answers;
  problems: ProblemIndex;
  /** Rows to show per task list (after adding or removing one); default: the rows answered, at least the minimum. */
  rowCounts: Record<string, number>;
  /** The input that gets focus when the page opens (a row just added, a follow-up that appeared). */
  focusInputId?: string;
}

/** The questions of one page as views, with the values shown in the form. */
export function buildQuestionViews(page: Page, values: Answers, options: ViewOptions): QuestionView[] {
  const views = page.questions.map((question) => {
    const hidden = !isVisible(question, options.visibilityValues);
    if (question.type !== 'taskList') return fieldView(question, `q-${question.id}`, `a.${question.id}`, values[question.id], options.problems.get(`/answers/${question.id}`), hidden);
    return taskListView(question, values[question.id], options, hidden);
  });
  const focused = views.flatMap((v) => (v.list ? v.list.rows.flatMap((r) => r.fields) : [v])).find((v) => v.inputId === options.focusInputId);
  if (focused) focused.autofocus = true;
  return views;
}

/** Row nouns for the add and remove buttons ("Add another task"); other lists say "entry". */
function nounFor(list: Question): string {
  return list.id === 'tasks' ? 'task' : list.id === 'workflowChanges' ? 'change' : 'entry';
}

function taskListView(list: Question, raw: unknown, options: ViewOptions, hidden: boolean): QuestionView {
  const rows = Array.isArray(raw) ? (raw as Answers[]) : [];
  const minItems = list.minItems ?? 1;
  const maxItems = Math.min(list.maxItems ?? 30, 30);
  const requested = options.rowCounts[list.id];
  const count = Math.min(maxItems, Math.max(rows.length, requested ?? Math.min(minItems, 3), 1));
  const noun = nounFor(list);
  const rowView = (index: string, number: string, row: Answers): TaskRowView => ({
    index,
    number,
    noun,
    removeAction: `remove-row:${list.id}:${index}`,
    error: options.problems.get(`/answers/${list.id}/${index}`),
    fields: (list.fields ?? []).map((field) =>
      fieldView(field, `q-${list.id}-${index}-${field.id}`, `a.${list.id}.${index}.${field.id}`, row[field.id], options.problems.get(`/answers/${list.id}/${index}/${field.id}`), !isVisible(field, row)),
    ),
  });
  const rowViews = Array.from({ length: count }, (_v, i) => rowView(String(i), String(i + 1), rows[i] ?? {}));
  const listError = options.problems.get(`/answers/${list.id}`);
  const firstField = rowViews[0]?.fields[0];
  return {
    // The list's hint and error have ids of their own: its first field's are taken by that field.
    ...baseView(list, firstField?.inputId ?? `q-${list.id}-add`, `a.${list.id}`, listError, hidden, list.help, `list-${list.id}`),
    isTaskList: true,
    list: {
      rows: rowViews,
      template: rowView('__i__', '__n__', {}),
      rowCount: count,
      canAdd: count < maxItems,
      addAction: `add-row:${list.id}`,
      addId: `q-${list.id}-add`,
      noun,
      maxItems,
      minItems,
    },
  };
}

function baseView(question: Question, inputId: string, name: string, error: string | undefined, hidden: boolean, help = question.help, idBase = inputId): QuestionView {
  const hintId = help ? `${idBase}-hint` : undefined;
  const errorId = `${idBase}-error`;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');
  return {
    id: question.id,
    type: question.type,
    label: question.label,
    ...(help ? { help } : {}),
    required: question.required === true,
    inputId,
    name,
    ...(hintId ? { hintId } : {}),
    errorId,
    ...(error ? { error } : {}),
    ...(describedBy ? { describedBy } : {}),
    hidden,
    ...(question.visibleIf ? { visibleIf: JSON.stringify(question.visibleIf) } : {}),
  };
}

function fieldView(question: Question, inputId: string, name: string, value: unknown, error: string | undefined, hidden: boolean): QuestionView {
  const view = baseView(question, inputId, name, error, hidden, helpOf(question));
  const chosen = new Set((Array.isArray(value) ? value : [value]).filter((v) => v !== undefined).map(String));
  const optionsOf = (values: Array<{ value: string; label: string }>) =>
    values.map((option, i) => ({ id: i === 0 ? inputId : `${inputId}-${i}`, value: option.value, label: option.label, checked: chosen.has(option.value) }));
  switch (question.type) {
    case 'longText':
      return { ...view, isLongText: true, value: textOf(value), maxLength: question.maxLength };
    case 'single':
      return { ...view, isChoice: true, options: optionsOf(question.options ?? []) };
    case 'multi':
      return { ...view, isChoice: true, isMulti: true, options: optionsOf(question.options ?? []) };
    case 'scale': {
      const min = question.min ?? 1;
      const points = Array.from({ length: (question.max ?? 5) - min + 1 }, (_v, i) => String(min + i));
      return { ...view, isChoice: true, isScale: true, minLabel: question.minLabel, maxLabel: question.maxLabel, options: optionsOf(points.map((p) => ({ value: p, label: p }))) };
    }
    case 'number':
      return { ...view, isNumber: true, value: textOf(value), min: question.min, max: question.max, step: question.integer ? '1' : 'any' };
    case 'date':
      return { ...view, isDate: true, value: textOf(value) };
    default:
      return { ...view, isText: true, value: textOf(value), maxLength: question.maxLength };
  }
}

/** A scale's hint says what its ends mean, so a screen reader hears it before the numbers. */
function helpOf(question: Question): string | undefined {
  if (question.type !== 'scale' || !question.minLabel || !question.maxLabel) return question.help;
  const ends = `${question.min ?? 1} means ${question.minLabel.toLowerCase()}, ${question.max ?? 5} means ${question.maxLabel.toLowerCase()}.`;
  return question.help ? `${question.help} ${ends}` : ends;
}

function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
