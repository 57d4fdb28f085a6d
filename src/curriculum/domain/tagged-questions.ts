/**
 * The intake questions the curriculum reads, found by their `tags` rather than by id, so a bank can
 * word or add a scale without the curriculum changing. Built once from the loaded question banks.
 */

/** The part of a question-bank file this needs (structurally the intake's `QuestionBankFile`). */
export interface BankFileFacts {
  id: string;
  audience?: 'participant' | 'manager';
  extends?: string;
  pages: ReadonlyArray<{ questions: ReadonlyArray<{ id: string; type: string; tags?: string[]; options?: ReadonlyArray<{ value: string; label: string }> }> }>;
}

export interface TaggedQuestion {
  id: string;
  type: string;
  /** Option labels by value, for choice questions. */
  labels: ReadonlyMap<string, string>;
  /** Asked in the manager bank (or a department addition to it), i.e. the manager's own guidance. */
  isManagerQuestion: boolean;
}

export interface TaggedQuestions {
  /** 1–5 scales where 5 means most concerned (`concern`). */
  concern: TaggedQuestion[];
  /** 1–5 scales where 5 means least concerned (`concern-inverse`). */
  concernInverse: TaggedQuestion[];
  /** Who approves AI output, and for what (`guardrail-approval`). */
  approval: TaggedQuestion[];
  /** Data that must never go into AI tools (`guardrail-forbidden-data`). */
  forbiddenData: TaggedQuestion[];
}

/** Collects the tagged questions of every bank file, in file and page order. */
export function findTaggedQuestions(files: readonly BankFileFacts[]): TaggedQuestions {
  const managerBanks = new Set(files.filter((f) => f.audience === 'manager').map((f) => f.id));
  const found: TaggedQuestions = { concern: [], concernInverse: [], approval: [], forbiddenData: [] };
  const byTag: Record<string, TaggedQuestion[]> = {
    concern: found.concern,
    'concern-inverse': found.concernInverse,
    'guardrail-approval': found.approval,
    'guardrail-forbidden-data': found.forbiddenData,
  };
  for (const file of files) {
    const isManagerQuestion = managerBanks.has(file.id) || (file.extends !== undefined && managerBanks.has(file.extends));
    for (const question of file.pages.flatMap((page) => page.questions)) {
      const facts: TaggedQuestion = {
        id: question.id,
        type: question.type,
        labels: new Map((question.options ?? []).map((o) => [o.value, o.label])),
        isManagerQuestion,
      };
      for (const tag of question.tags ?? []) byTag[tag]?.push(facts);
    }
  }
  return found;
}
