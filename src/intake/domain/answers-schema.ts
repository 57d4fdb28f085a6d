import type { Condition, Page, Question } from './question-bank.ts';

/** A draft may hold up to this many rows in any task list, whatever the bank's own bounds. */
export const MAX_TASK_ROWS = 30;
const DEFAULT_MAX_LENGTH = { text: 500, longText: 5000 } as const;

export type AnswerCheck = 'draft' | 'complete';
type Schema = Record<string, unknown>;

/**
 * Compiles a composed bank into the JSON Schema of its answers.
 * `draft` checks types, choices, ranges and lengths, so a half-finished intake can be saved;
 * `complete` adds what submission needs: required answers (when visible), minimum lengths and row counts.
 */
export function buildAnswersSchema(pages: Page[], check: AnswerCheck): Schema {
  return objectSchema(pages.flatMap((p) => p.questions), check);
}

function objectSchema(questions: Question[], check: AnswerCheck): Schema {
  const schema: Schema = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(questions.map((q) => [q.id, valueSchema(q, check)])),
  };
  if (check === 'complete') {
    const always = questions.filter((q) => q.required && !q.visibleIf).map((q) => q.id);
    if (always.length > 0) schema.required = always;
    const conditional = questions
      .filter((q) => q.required && q.visibleIf)
      .map((q) => ({ if: conditionSchema(q.visibleIf!), then: { type: 'object', required: [q.id], properties: { [q.id]: true } } }));
    if (conditional.length > 0) schema.allOf = conditional;
  }
  return schema;
}

function valueSchema(question: Question, check: AnswerCheck): Schema {
  const complete = check === 'complete';
  switch (question.type) {
    case 'text':
    case 'longText':
      return {
        type: 'string',
        maxLength: question.maxLength ?? DEFAULT_MAX_LENGTH[question.type],
        ...(complete && question.minLength ? { minLength: question.minLength } : {}),
      };
    case 'single':
      return { type: 'string', enum: optionValues(question) };
    case 'multi':
      return {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: optionValues(question) },
        maxItems: complete ? (question.maxItems ?? optionValues(question).length) : optionValues(question).length,
        ...(complete && question.minItems ? { minItems: question.minItems } : {}),
      };
    case 'scale':
      return { type: 'integer', minimum: question.min ?? 1, maximum: question.max ?? 5 };
    case 'number':
      return {
        type: question.integer ? 'integer' : 'number',
        ...(question.min !== undefined ? { minimum: question.min } : {}),
        ...(question.max !== undefined ? { maximum: question.max } : {}),
      };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'taskList':
      return {
        type: 'array',
        maxItems: complete ? Math.min(question.maxItems ?? MAX_TASK_ROWS, MAX_TASK_ROWS) : MAX_TASK_ROWS,
        ...(complete && question.minItems ? { minItems: question.minItems } : {}),
        items: objectSchema(question.fields ?? [], check),
      };
  }
}

function optionValues(question: Question): string[] {
  return (question.options ?? []).map((o) => o.value);
}

/** The `if` schema that holds exactly when `isConditionMet` does (checked against each other in the unit tests). */
export function conditionSchema(condition: Condition): Schema {
  if ('all' in condition) return { allOf: condition.all.map(conditionSchema) };
  if ('any' in condition) return { anyOf: condition.any.map(conditionSchema) };
  if ('not' in condition) return { not: conditionSchema(condition.not) };
  const id = condition.question;
  const present = { type: 'object', required: [id], properties: { [id]: true } };
  if ('answered' in condition) return condition.answered ? present : { not: present };
  const accepted = 'equals' in condition ? [condition.equals] : condition.in;
  return {
    type: 'object',
    required: [id],
    properties: { [id]: { anyOf: [{ type: 'array', contains: { enum: accepted } }, { not: { type: 'array' }, enum: accepted }] } },
  };
}
