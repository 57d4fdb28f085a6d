/**
 * The shape of a question bank as `schemas/question-bank.schema.json` describes it.
 * `test/unit/intake/schema-types.test.ts` checks these keys against the schema, so the two cannot drift.
 */
import type { RoleLevel } from '../../engagements/index.ts';

export type { RoleLevel };

export type QuestionType = 'text' | 'longText' | 'single' | 'multi' | 'scale' | 'number' | 'date' | 'taskList';
export type Scalar = string | number | boolean;

/** When a question is shown. Evaluated as data (`visibility.ts`), never as code. */
export type Condition =
  | { question: string; equals: Scalar }
  | { question: string; in: Scalar[] }
  | { question: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface QuestionOption {
  value: string;
  label: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  label: string;
  help?: string;
  required?: boolean;
  options?: QuestionOption[];
  min?: number;
  max?: number;
  integer?: boolean;
  minLabel?: string;
  maxLabel?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  visibleIf?: Condition;
  roleLevels?: RoleLevel[];
  tags?: string[];
  /** The questions of one task-list row. */
  fields?: Question[];
}

export interface Page {
  id: string;
  title: string;
  description?: string;
  roleLevels?: RoleLevel[];
  questions: Question[];
}

/** One file of `question-banks/`: a base bank (`audience`) or a department addition (`extends`). */
export interface QuestionBankFile {
  id: string;
  version: number;
  title: string;
  description?: string;
  audience?: 'participant' | 'manager';
  extends?: string;
  departments?: string[];
  pages: Page[];
}

/** A bank and the version of it that went into a composed bank. */
export interface BankPart {
  id: string;
  version: number;
}

/**
 * The bank one person answers: the participant bank, plus the manager bank for people others name as
 * their manager, plus the additions for their department, filtered to their role level.
 */
export interface ComposedBank {
  id: string;
  version: number;
  title: string;
  description?: string;
  parts: BankPart[];
  pages: Page[];
}

/** Answers by question id; a task list's value is an array of rows keyed by field id. */
export type Answers = Record<string, unknown>;
export type TaskRow = Record<string, unknown>;

/** Every question of a bank in asking order (top level only; task-list fields stay inside their list). */
export function questionsOf(bank: { pages: Page[] }): Question[] {
  return bank.pages.flatMap((page) => page.questions);
}
