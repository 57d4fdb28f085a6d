import type { ReviewInput, TaskReviewInput } from '../domain/review-rules.ts';
import type { ReportView } from '../use-cases/review-reports.ts';
import type { Question } from '../domain/question-bank.ts';
import { taskCard, type TaskCard } from './answer-views.ts';

/**
 * The manager's review form. Fields: `t.<i>.taskId|words|decision|text|priority|goLive` for the
 * report's tasks (`words`: the task as the manager saw it), `n.<j>.text|hoursPerWeek|priority|goLive`
 * for tasks the manager adds, `added` (rows shown), and `action`: `save`, `add-task`, `remove-task:<j>`.
 */
export type ReviewAction = { kind: 'save' } | { kind: 'add-task' } | { kind: 'remove-task'; row: number };

type Decision = TaskReviewInput['decision'];

export interface TaskDecisionValues {
  taskId: string;
  /** The task's words as the form showed them, to find it again if the report amends their tasks meanwhile. */
  words: string;
  decision?: Decision;
  text: string;
  priority?: number;
  goLive: string;
}

export interface AddedTaskValues {
  text: string;
  hoursPerWeek: string;
  priority?: number;
  goLive: string;
}

export interface ReviewFormValues {
  tasks: TaskDecisionValues[];
  added: AddedTaskValues[];
}

/** A problem with the form: `target` is the id of the field it concerns. */
export interface FormProblem {
  target: string;
  message: string;
}

type Body = Record<string, unknown>;

/** The review as the manager last saved it (or blank), for the first showing of the form. */
export function savedReviewValues(report: ReportView): ReviewFormValues {
  const own = report.tasks.filter((t) => t.source === 'participant');
  return {
    tasks: own.map((t) => ({
      taskId: t.id,
      words: t.originalText ?? t.text,
      decision: t.status === 'rejected' ? 'reject' : t.status === 'confirmed' ? (t.originalText !== undefined ? 'edit' : 'confirm') : undefined,
      text: t.text,
      priority: t.priority,
      goLive: t.goLive ?? '',
    })),
    added: report.tasks.filter((t) => t.source === 'manager').map((t) => ({ text: t.text, hoursPerWeek: String(t.hoursPerWeek), priority: t.priority, goLive: t.goLive ?? '' })),
  };
}

/**
 * The manager's form laid over the report's tasks as they are now, after the report amended them
 * (which gives every task a new id): a decision stays with a task whose wording did not change,
 * the tasks the manager added stay, and only the changed tasks come back undecided.
 */
export function carryOverReview(values: ReviewFormValues, now: ReportView): ReviewFormValues {
  const typed = [...values.tasks];
  const fresh = savedReviewValues(now);
  const tasks = fresh.tasks.map((task) => {
    const k = typed.findIndex((t) => t.words === task.words);
    if (k < 0) return task;
    const [kept] = typed.splice(k, 1);
    return { ...kept, taskId: task.taskId };
  });
  return { tasks, added: values.added };
}

export function readReviewForm(body: Body, taskCount: number): { values: ReviewFormValues; action: ReviewAction } {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
  const priority = (key: string) => (/^[1-5]$/.test(text(key)) ? Number(text(key)) : undefined);
  const tasks = Array.from({ length: taskCount }, (_v, i): TaskDecisionValues => {
    const decision = text(`t.${i}.decision`);
    return {
      taskId: text(`t.${i}.taskId`),
      words: text(`t.${i}.words`),
      ...(decision === 'confirm' || decision === 'edit' || decision === 'reject' ? { decision } : {}),
      text: text(`t.${i}.text`),
      priority: priority(`t.${i}.priority`),
      goLive: text(`t.${i}.goLive`),
    };
  });
  const shown = Math.min(30, Math.max(0, Number(text('added')) || 0));
  let added = Array.from({ length: shown }, (_v, j): AddedTaskValues => ({
    text: text(`n.${j}.text`),
    hoursPerWeek: text(`n.${j}.hoursPerWeek`),
    priority: priority(`n.${j}.priority`),
    goLive: text(`n.${j}.goLive`),
  }));
  const rawAction = text('action');
  const remove = /^remove-task:(\d{1,2})$/.exec(rawAction);
  const action: ReviewAction = rawAction === 'add-task' ? { kind: 'add-task' } : remove ? { kind: 'remove-task', row: Number(remove[1]) } : { kind: 'save' };
  if (action.kind === 'remove-task') added = added.filter((_row, j) => j !== action.row);
  if (action.kind === 'add-task' && added.length < 30) added = [...added, { text: '', hoursPerWeek: '', goLive: '' }];
  return { values: { tasks, added }, action };
}

/** Checks the form in a manager's words, field by field; the use case then applies the business rules. */
export function checkReviewForm(values: ReviewFormValues): { input: ReviewInput; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const tasks = values.tasks.map((t, i): TaskReviewInput => {
    const n = i + 1;
    if (!t.decision) problems.push({ target: `t-${i}-decision`, message: `Task ${n}: choose confirm, confirm with new wording, or reject.` });
    if (t.decision === 'edit' && t.text === '') problems.push({ target: `t-${i}-text`, message: `Task ${n}: write the new wording, or choose "Confirm as written".` });
    if (t.text.length > 1000) problems.push({ target: `t-${i}-text`, message: `Task ${n}: the wording must be at most 1,000 characters.` });
    if (t.decision !== 'reject' && t.priority === undefined) problems.push({ target: `t-${i}-priority`, message: `Task ${n}: choose a priority from 1 to 5.` });
    if (t.goLive !== '' && !isIsoDate(t.goLive)) problems.push({ target: `t-${i}-goLive`, message: `Task ${n}: enter the go-live date as a date, for example 2026-06-01.` });
    return {
      taskId: t.taskId,
      decision: t.decision ?? 'confirm',
      ...(t.decision === 'edit' ? { text: t.text } : {}),
      ...(t.decision !== 'reject' && t.priority !== undefined ? { priority: t.priority } : {}),
      ...(t.goLive !== '' && isIsoDate(t.goLive) ? { goLive: t.goLive } : {}),
    };
  });
  const addedTasks = values.added
    .filter((a) => a.text !== '' || a.hoursPerWeek !== '' || a.priority !== undefined || a.goLive !== '')
    .map((a, j) => {
      const n = j + 1;
      const hours = hoursTyped(a.hoursPerWeek);
      if (a.text === '') problems.push({ target: `n-${j}-text`, message: `Added task ${n}: describe the task.` });
      if (a.text.length > 1000) problems.push({ target: `n-${j}-text`, message: `Added task ${n}: the description must be at most 1,000 characters.` });
      if (a.hoursPerWeek === '' || !Number.isFinite(hours) || hours < 0 || hours > 80) problems.push({ target: `n-${j}-hoursPerWeek`, message: `Added task ${n}: enter the hours per week as a number from 0 to 80.` });
      if (a.priority === undefined) problems.push({ target: `n-${j}-priority`, message: `Added task ${n}: choose a priority from 1 to 5.` });
      if (a.goLive !== '' && !isIsoDate(a.goLive)) problems.push({ target: `n-${j}-goLive`, message: `Added task ${n}: enter the go-live date as a date, for example 2026-06-01.` });
      return { text: a.text, hoursPerWeek: hours, priority: a.priority ?? 3, ...(isIsoDate(a.goLive) ? { goLive: a.goLive } : {}) };
    });
  return { input: { tasks, ...(addedTasks.length ? { addedTasks } : {}) }, problems };
}

/** Hours as a person types them: digits with one decimal comma or dot. Not `Number()`, which reads "0x10" as 16. */
function hoursTyped(typed: string): number {
  const compact = typed.trim();
  return /^\d+([.,]\d+)?$/.test(compact) ? Number(compact.replace(',', '.')) : Number.NaN;
}

const PRIORITY_LABELS = ['1 (lowest)', '2', '3', '4', '5 (highest)'];

/** The view of each task's decision fields and each added row, with the problems placed next to their fields. */
export function reviewFormView(report: ReportView, values: ReviewFormValues, problems: FormProblem[], taskList: Question | undefined) {
  const errorOf = (target: string) => problems.find((p) => p.target === target)?.message;
  const priorities = (chosen: number | undefined) => PRIORITY_LABELS.map((label, k) => ({ value: k + 1, label, selected: chosen === k + 1 }));
  const own = report.tasks.filter((t) => t.source === 'participant');
  return {
    tasks: values.tasks.map((t, i) => {
      const record = own.find((r) => r.id === t.taskId);
      const card: TaskCard | undefined = record ? taskCard({ ...record, text: record.originalText ?? record.text }, taskList) : undefined;
      return {
        index: i, number: i + 1, taskId: t.taskId, words: t.words, card, text: t.text, goLive: t.goLive,
        isConfirm: t.decision === 'confirm', isEdit: t.decision === 'edit', isReject: t.decision === 'reject',
        priorities: priorities(t.priority),
        errors: { decision: errorOf(`t-${i}-decision`), text: errorOf(`t-${i}-text`), priority: errorOf(`t-${i}-priority`), goLive: errorOf(`t-${i}-goLive`) },
      };
    }),
    added: values.added.map((a, j) => ({
      index: j, number: j + 1, text: a.text, hoursPerWeek: a.hoursPerWeek, goLive: a.goLive, autofocus: false,
      priorities: priorities(a.priority),
      errors: { text: errorOf(`n-${j}-text`), hoursPerWeek: errorOf(`n-${j}-hoursPerWeek`), priority: errorOf(`n-${j}-priority`), goLive: errorOf(`n-${j}-goLive`) },
    })),
  };
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
