import type { ComposedBank, Page, Question, QuestionBankFile, RoleLevel } from './question-bank.ts';

/** What decides which questions a person gets. */
export interface BankAudience {
  roleLevel: RoleLevel;
  department: string;
  /** Named as someone's manager on the roster. */
  isManager: boolean;
}

/** Department names are compared case- and spacing-insensitively, with `&` read as `and`. */
export function departmentKey(name: string): string {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/\s+/g, ' ').trim();
}

/** True when a department addition applies to people of `department`. */
export function appliesToDepartment(addition: QuestionBankFile, department: string): boolean {
  const key = departmentKey(department);
  return (addition.departments ?? []).some((name) => departmentKey(name) === key);
}

/**
 * Merges additions into a base bank: a page whose id the base already has gets the addition's
 * questions appended; a new page is appended at the end.
 */
export function mergePages(base: Page[], additions: Page[][]): Page[] {
  const pages = base.map((page) => ({ ...page, questions: [...page.questions] }));
  for (const addition of additions) {
    for (const page of addition) {
      const existing = pages.find((p) => p.id === page.id);
      if (existing) existing.questions.push(...page.questions);
      else pages.push({ ...page, questions: [...page.questions] });
    }
  }
  return pages;
}

/** Drops pages, questions and row fields meant for other role levels, and the `roleLevels` markers with them. */
export function filterForRoleLevel(pages: Page[], roleLevel: RoleLevel): Page[] {
  const keep = (levels: RoleLevel[] | undefined) => !levels || levels.includes(roleLevel);
  const filterQuestion = (question: Question): Question => {
    const { roleLevels: _levels, ...rest } = question;
    return rest.fields ? { ...rest, fields: rest.fields.filter((f) => keep(f.roleLevels)).map(filterQuestion) } : rest;
  };
  return pages
    .filter((page) => keep(page.roleLevels))
    .map(({ roleLevels: _levels, ...page }) => ({ ...page, questions: page.questions.filter((q) => keep(q.roleLevels)).map(filterQuestion) }))
    .filter((page) => page.questions.length > 0);
}

/**
 * Composes the bank one person answers. `participant` is the bank's identity; `parts` records every
 * file and version that went in, so an intake can say exactly what it was answered against.
 */
export function composeBank(banks: readonly QuestionBankFile[], audience: BankAudience): ComposedBank {
  const participant = banks.find((b) => b.audience === 'participant');
  if (!participant) throw new Error('composeBank: no participant bank loaded');
  const manager = banks.find((b) => b.audience === 'manager');
  const bases = audience.isManager && manager ? [participant, manager] : [participant];
  const parts = [];
  const groups: Page[][] = [];
  for (const base of bases) {
    const additions = banks.filter((b) => b.extends === base.id && appliesToDepartment(b, audience.department));
    parts.push({ id: base.id, version: base.version }, ...additions.map((a) => ({ id: a.id, version: a.version })));
    groups.push(mergePages(base.pages, additions.map((a) => a.pages)));
  }
  return {
    id: participant.id,
    version: participant.version,
    title: participant.title,
    ...(participant.description ? { description: participant.description } : {}),
    parts,
    pages: filterForRoleLevel(groups.flat(), audience.roleLevel),
  };
}

/** A cache key for everything that changes a composed bank. */
export function audienceKey(audience: BankAudience): string {
  return `${audience.roleLevel}|${audience.isManager ? 'm' : '-'}|${departmentKey(audience.department)}`;
}
