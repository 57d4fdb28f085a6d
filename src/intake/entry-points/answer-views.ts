import type { QuestionBankCatalogue } from '../domain/question-bank-catalogue.ts';
import type { Answers, ComposedBank, Question } from '../domain/question-bank.ts';
import { TASK_LIST_ID, type TaskFields } from '../domain/task-rows.ts';
import { dropHiddenAnswers, isVisible } from '../domain/visibility.ts';
import { pagePath } from './intake-page-model.ts';

/** A work task as both its author (before submitting) and their manager (reviewing) see it: one rendering. */
export interface TaskCard {
  text: string;
  hours: string;
  frequency?: string;
  painPoints?: string;
  data: string[];
  tools?: string;
}


/** The participant bank's task-list question, whose fields hold the labels of frequencies and data kinds. */
export function taskListQuestion(banks: QuestionBankCatalogue): Question | undefined {
  return banks.files.flatMap((f) => (f.audience === 'participant' ? f.pages.flatMap((p) => p.questions) : [])).find((q) => q.id === TASK_LIST_ID);
}

export function taskCard(task: TaskFields, list: Question | undefined): TaskCard {
  const labelOf = (fieldId: string, value: string) => list?.fields?.find((f) => f.id === fieldId)?.options?.find((o) => o.value === value)?.label ?? value;
  return {
    text: task.text,
    hours: `${task.hoursPerWeek} ${task.hoursPerWeek === 1 ? 'hour' : 'hours'} a week`,
    ...(task.frequency ? { frequency: labelOf('frequency', task.frequency) } : {}),
    ...(task.painPoints ? { painPoints: task.painPoints } : {}),
    data: task.dataSensitivity.map((v) => labelOf('dataSensitivity', v)),
    ...(task.tools ? { tools: task.tools } : {}),
  };
}

export interface AnswerSection {
  title: string;
  changeHref: string;
  answers: Array<{ label: string; text?: string; list?: string[]; isEmpty: boolean }>;
}

/** Every visible answer except the task list (shown as task cards), section by section. */
export function answerSections(bank: ComposedBank, raw: Answers): AnswerSection[] {
  const answers = dropHiddenAnswers(bank.pages, raw);
  return bank.pages
    .map((page, i) => ({
      title: page.title,
      changeHref: pagePath(i + 1),
      answers: page.questions
        .filter((q) => q.id !== TASK_LIST_ID && isVisible(q, answers))
        .map((q) => ({ label: q.label, ...display(q, answers[q.id]), isEmpty: answers[q.id] === undefined })),
    }))
    .filter((section) => section.answers.length > 0);
}

function display(question: Question, value: unknown): { text?: string; list?: string[] } {
  if (value === undefined) return { text: 'Not answered' };
  const label = (v: unknown) => question.options?.find((o) => o.value === v)?.label ?? String(v);
  switch (question.type) {
    case 'single':
      return { text: label(value) };
    case 'multi':
      return { list: (value as unknown[]).map(label) };
    case 'scale': {
      const ends = question.minLabel && question.maxLabel ? ` (${question.min ?? 1} = ${question.minLabel}, ${question.max ?? 5} = ${question.maxLabel})` : '';
      return { text: `${String(value)} of ${question.max ?? 5}${ends}` };
    }
    case 'taskList':
      return { list: (value as Answers[]).map((row) => Object.values(row).map(String).join(', ')) };
    default:
      return { text: String(value) };
  }
}
