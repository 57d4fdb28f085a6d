import type { NavLink, PageData } from '../../web/index.ts';
import type { AnswerProblem } from '../domain/check-answers.ts';
import type { Answers, Condition, ComposedBank, Page } from '../domain/question-bank.ts';
import { dropHiddenAnswers, isVisible } from '../domain/visibility.ts';
import type { IntakeView } from '../use-cases/get-intake.ts';
import { buildQuestionViews } from './question-views.ts';

/** `/me/intake/pages/<n>`, 1-based. */
export function pagePath(n: number): string {
  return `/me/intake/pages/${n}`;
}

export interface Notice {
  kind: 'info' | 'success' | 'warning';
  message: string;
}

export interface IntakePageInput {
  view: IntakeView;
  /** 0-based index of the page. */
  index: number;
  /** The whole intake as it should be shown (stored, or with this page's answers as just typed). */
  answers: Answers;
  /** Problems to show on this page (per field). */
  problems: AnswerProblem[];
  /** Problems of the whole intake against the complete check (for the section list). */
  completeness: AnswerProblem[];
  rowCounts: Record<string, number>;
  focusInputId?: string;
  notice?: Notice;
  nav: NavLink[];
}

/** Everything the `intake/page` template shows. */
export function intakePageData(input: IntakePageInput): PageData {
  const { bank } = input.view;
  const page = bank.pages[input.index];
  const visibleAnswers = dropHiddenAnswers(bank.pages, input.answers);
  const questions = buildQuestionViews(page, input.answers, {
    visibilityValues: visibleAnswers,
    problems: new Map(input.problems.map((p) => [p.pointer ?? `/answers/${p.questionId}`, p.message])),
    rowCounts: input.rowCounts,
    focusInputId: input.focusInputId,
  });
  const errors = input.problems.map((p) => summaryEntry(bank, input.index, p));
  return {
    title: `${errors.length ? 'Error: ' : ''}${page.title} (section ${input.index + 1} of ${bank.pages.length})`,
    nav: input.nav,
    scripts: ['forms.js', 'intake.js'],
    bankTitle: bank.title,
    pageTitle: page.title,
    pageDescription: page.description,
    pageNumber: input.index + 1,
    pageCount: bank.pages.length,
    isFirst: input.index === 0,
    isLast: input.index === bank.pages.length - 1,
    isAmending: input.view.status === 'submitted',
    formAction: pagePath(input.index + 1),
    version: input.view.version,
    questions,
    shown: questions.filter((q) => !q.hidden).map((q) => q.id).join(' '),
    outsideAnswers: JSON.stringify(outsideAnswers(page, visibleAnswers)),
    sections: sectionList(bank, input.answers, input.completeness, input.index),
    errors,
    notice: input.notice,
  };
}

/**
 * One line of the error summary. A problem on this page links to its field; one on another page (an
 * answer here made a later question required) links to that page.
 */
export function summaryEntry(bank: ComposedBank, currentIndex: number, problem: AnswerProblem): { href: string; target?: string; message: string } {
  const index = bank.pages.findIndex((page) => page.questions.some((q) => q.id === problem.questionId));
  const page = bank.pages[index] ?? bank.pages[currentIndex];
  const target = problemTarget(page, problem);
  const message = summaryMessage(page, problem);
  return index === currentIndex || index < 0 ? { href: `#${target}`, target, message } : { href: `${pagePath(index + 1)}#${target}`, message };
}

/** Where an error-summary link takes focus: the field itself, or a row's (or a list's) first field. */
export function problemTarget(page: Page, problem: AnswerProblem): string {
  const [questionId, row, field] = (problem.pointer ?? `/answers/${problem.questionId}`).split('/').slice(2);
  const question = page.questions.find((q) => q.id === questionId);
  if (question?.type !== 'taskList') return `q-${questionId}`;
  const firstField = question.fields?.[0]?.id ?? '';
  return `q-${questionId}-${row ?? 0}-${field ?? firstField}`;
}

/** In the summary a message needs its question: "What is your job title? This question needs an answer." */
function summaryMessage(page: Page, problem: AnswerProblem): string {
  const parts = (problem.pointer ?? '').split('/').slice(2);
  if (parts.length > 1) return problem.message;
  const label = page.questions.find((q) => q.id === problem.questionId)?.label ?? problem.questionId;
  return /[?.:]$/.test(label) ? `${label} ${problem.message}` : `${label}: ${problem.message}`;
}

/** Answers to earlier pages' questions that this page's conditions read; the script needs them to decide. */
function outsideAnswers(page: Page, visibleAnswers: Answers): Answers {
  const own = new Set(page.questions.map((q) => q.id));
  const referenced = new Set(page.questions.flatMap((q) => (q.visibleIf ? questionsIn(q.visibleIf) : [])));
  return Object.fromEntries([...referenced].filter((id) => !own.has(id) && visibleAnswers[id] !== undefined).map((id) => [id, visibleAnswers[id]]));
}

function questionsIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(questionsIn);
  if ('any' in condition) return condition.any.flatMap(questionsIn);
  if ('not' in condition) return questionsIn(condition.not);
  return [condition.question];
}

export type SectionState = 'done' | 'in-progress' | 'not-started';

/** Each page with how far it is answered, for the section list and the overview. */
export function sectionList(bank: ComposedBank, answers: Answers, completeness: AnswerProblem[], currentIndex = -1): Array<{ href: string; title: string; current: boolean; state: SectionState; stateLabel: string }> {
  const visible = dropHiddenAnswers(bank.pages, answers);
  const open = new Set(completeness.map((p) => p.questionId));
  return bank.pages.map((page, i) => {
    const asked = page.questions.filter((q) => isVisible(q, visible));
    const answered = asked.some((q) => visible[q.id] !== undefined);
    const missing = asked.some((q) => open.has(q.id));
    const state: SectionState = !missing && (answered || asked.every((q) => !q.required)) ? 'done' : answered ? 'in-progress' : 'not-started';
    return { href: pagePath(i + 1), title: page.title, current: i === currentIndex, state, stateLabel: STATE_LABELS[state] };
  });
}

const STATE_LABELS: Record<SectionState, string> = { done: 'Done', 'in-progress': 'Needs answers', 'not-started': 'Not started' };
