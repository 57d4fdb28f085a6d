import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../../platform/validation.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { buildAnswersSchema, type AnswerCheck } from './answers-schema.ts';
import { questionsOf, type Answers, type ComposedBank, type Question } from './question-bank.ts';

/** One problem per question: `questionId` names it, `pointer` the exact answer inside the request. */
export type AnswerProblem = FieldProblem & { questionId: string };

/** Validates answers with ajv schemas compiled from each composed bank once, then cached. */
export class AnswerChecker {
  private readonly ajv = createAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  /**
   * Problems with `answers` against `bank` (`draft`: types and bounds; `complete`: ready to submit).
   * One per question for the API; `per-field` keeps one per answer field, for forms that show each
   * message next to its field (a task row's description and hours apart).
   */
  check(bank: ComposedBank, bankKey: string, answers: Answers, check: AnswerCheck, groupBy: ProblemGrouping = 'per-question'): AnswerProblem[] {
    const cacheKey = `${bankKey}|${check}`;
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(buildAnswersSchema(bank.pages, check));
      this.compiled.set(cacheKey, validate);
    }
    if (validate(answers)) return [];
    return describeProblems(bank, validate.errors ?? [], groupBy);
  }
}

/** How problems are grouped: one per question (the API contract) or one per answer field (forms). */
export type ProblemGrouping = 'per-question' | 'per-field';

/** How many messages one problem lists. */
const MESSAGES_SHOWN = 5;

/** Turns ajv errors into plain sentences, merged so each question (or each field) gets exactly one entry. */
export function describeProblems(bank: ComposedBank, errors: ErrorObject[], groupBy: ProblemGrouping = 'per-question'): AnswerProblem[] {
  const questions = new Map(questionsOf(bank).map((q) => [q.id, q]));
  const byQuestion = new Map<string, { questionId: string; pointer: string; messages: string[] }>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const described = describe(error, questions);
    if (!described) continue;
    const key = groupBy === 'per-field' ? described.pointer : described.questionId;
    const entry = byQuestion.get(key) ?? { questionId: described.questionId, pointer: described.pointer, messages: [] };
    // Only the first few are shown; keeping no more bounds the work a hostile body of 50,000 fields can cause.
    if (entry.messages.length < MESSAGES_SHOWN && !entry.messages.includes(described.message)) entry.messages.push(described.message);
    byQuestion.set(key, entry);
  }
  const order = [...questions.keys()];
  return [...byQuestion.values()]
    .sort((a, b) => rank(order, a.questionId) - rank(order, b.questionId))
    .map(({ questionId, pointer, messages }) => ({
      questionId,
      pointer,
      message: `${messages.map((m) => m.replace(/\.$/, '')).join('; ')}.`,
    }));
}

function rank(order: string[], id: string): number {
  const index = order.indexOf(id);
  return index === -1 ? -1 : index;
}

function describe(error: ErrorObject, questions: Map<string, Question>): { questionId: string; pointer: string; message: string } | undefined {
  const path = error.instancePath.split('/').slice(1).map(unescapePointer);
  const params = error.params as Record<string, unknown>;
  if (path.length === 0) {
    if (error.keyword === 'required') {
      const id = String(params.missingProperty);
      return { questionId: id, pointer: `/answers/${id}`, message: requiredMessage(questions.get(id)) };
    }
    if (error.keyword === 'additionalProperties') {
      const id = String(params.additionalProperty);
      return { questionId: id, pointer: `/answers/${id}`, message: 'This is not a question of your question bank.' };
    }
    return undefined;
  }
  const [questionId, row, field] = path;
  const question = questions.get(questionId);
  const pointer = `/answers/${path.join('/')}`;
  if (question?.type === 'taskList' && row !== undefined) {
    const fieldId = error.keyword === 'required' ? String(params.missingProperty) : error.keyword === 'additionalProperties' ? String(params.additionalProperty) : field;
    const label = question.fields?.find((f) => f.id === fieldId)?.label ?? fieldId;
    const what = fieldId === undefined ? `Row ${Number(row) + 1}` : `Row ${Number(row) + 1}, "${label}"`;
    const fieldPointer = fieldId === undefined || field !== undefined ? pointer : `${pointer}/${fieldId}`;
    return { questionId, pointer: fieldPointer, message: `${what}: ${sentence(error, true)}` };
  }
  return { questionId, pointer, message: sentence(error, question?.type === 'taskList') };
}

function requiredMessage(question: Question | undefined): string {
  if (question?.type !== 'taskList') return 'This question needs an answer.';
  const rows = question.minItems ?? 1;
  return rows === 1 ? 'Add at least one row.' : `Add at least ${rows} rows.`;
}

function sentence(error: ErrorObject, isList: boolean): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'needs an answer.';
    case 'additionalProperties':
      return 'is not a field of this list.';
    case 'type':
      return `must be ${p.type === 'integer' ? 'a whole number' : p.type === 'array' ? 'a list' : p.type === 'object' ? 'a set of fields' : `a ${p.type}`}.`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => `"${String(v)}"`).join(', ')}.`;
    case 'maxLength':
      return `must be at most ${p.limit} characters.`;
    case 'minLength':
      return `must be at least ${p.limit} characters.`;
    case 'maxItems':
      return isList ? `can have at most ${p.limit} rows.` : `allows at most ${p.limit} choices.`;
    case 'minItems':
      return isList ? `needs at least ${p.limit} rows.` : `needs at least ${p.limit} choices.`;
    case 'uniqueItems':
      return 'lists the same choice twice.';
    case 'minimum':
    case 'maximum':
      return `must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${p.limit}.`;
    case 'format':
      return 'must be a date written as YYYY-MM-DD.';
    default:
      return error.message ?? 'is not valid.';
  }
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
