import { mergePages } from './compose-bank.ts';
import type { Condition, Page, Question, QuestionBankFile, Scalar } from './question-bank.ts';

/** A rule a bank file breaks, located by file name and JSON pointer into that file. */
export interface BankProblem {
  file: string;
  pointer: string;
  message: string;
}

export interface LoadedBankFile {
  file: string;
  bank: QuestionBankFile;
}

interface Located {
  question: Question;
  file: string;
  pointer: string;
}

/**
 * The rules JSON Schema cannot express: one base bank per audience, additions extending a known base,
 * question ids unique across the folder (all parts' answers share one object), bounds that make sense,
 * and `visibleIf` conditions that name an earlier question with values it can take.
 */
export function checkBankFiles(files: readonly LoadedBankFile[]): BankProblem[] {
  const problems: BankProblem[] = [];
  const report = (file: string, pointer: string, message: string) => problems.push({ file, pointer, message });
  const bases = files.filter((f) => f.bank.audience);

  const seenBankIds = new Map<string, string>();
  for (const { file, bank } of files) {
    const first = seenBankIds.get(bank.id);
    if (first) report(file, '/id', `bank id "${bank.id}" is already used by ${first}`);
    else seenBankIds.set(bank.id, file);
    if (bank.extends && !bases.some((b) => b.bank.id === bank.extends)) {
      report(file, '/extends', `extends "${bank.extends}", which is not a base bank in this folder`);
    }
  }
  for (const audience of ['participant', 'manager'] as const) {
    const found = bases.filter((b) => b.bank.audience === audience);
    if (found.length === 0) problems.push({ file: '(question-banks)', pointer: '', message: `no bank with "audience": "${audience}"` });
    for (const extra of found.slice(1)) report(extra.file, '/audience', `a second "${audience}" bank (the first is ${found[0].file})`);
  }
  const participant = bases.find((b) => b.bank.audience === 'participant');
  if (participant) checkTaskList(participant, report);

  const seenQuestionIds = new Map<string, string>();
  for (const { file, bank } of files) {
    bank.pages.forEach((page, p) =>
      page.questions.forEach((question, q) => {
        const pointer = `/pages/${p}/questions/${q}`;
        const first = seenQuestionIds.get(question.id);
        if (first) report(file, `${pointer}/id`, `question id "${question.id}" is already used (${first})`);
        else seenQuestionIds.set(question.id, `${file}#${pointer}`);
        checkQuestion(question, file, pointer, report);
      }),
    );
  }
  for (const order of askingOrders(files)) checkConditions(order, report);
  return dedupe(problems);
}

function checkTaskList(participant: LoadedBankFile, report: (file: string, pointer: string, message: string) => void): void {
  const tasks = participant.bank.pages.flatMap((p) => p.questions).find((q) => q.id === 'tasks');
  const field = (id: string) => tasks?.fields?.find((f) => f.id === id);
  if (tasks?.type !== 'taskList') report(participant.file, '/pages', 'the participant bank needs a taskList question with id "tasks"');
  else if (field('description')?.type !== 'text' || field('hoursPerWeek')?.type !== 'number') {
    report(participant.file, '/pages', 'the "tasks" rows need a text field "description" and a number field "hoursPerWeek"');
  }
}

function checkQuestion(question: Question, file: string, pointer: string, report: (file: string, pointer: string, message: string) => void): void {
  const values = (question.options ?? []).map((o) => o.value);
  values.forEach((value, i) => {
    if (values.indexOf(value) !== i) report(file, `${pointer}/options/${i}/value`, `option value "${value}" appears twice`);
  });
  const bound = (low: number | undefined, high: number | undefined, name: string) => {
    if (low !== undefined && high !== undefined && low > high) report(file, pointer, `${name} minimum is above its maximum`);
  };
  bound(question.min, question.max, 'the');
  bound(question.minLength, question.maxLength, 'the length');
  bound(question.minItems, question.maxItems, 'the item count');
  if (question.type === 'multi' && question.maxItems !== undefined && question.maxItems > values.length) {
    report(file, `${pointer}/maxItems`, 'allows more choices than there are options');
  }
  const fieldIds = new Set<string>();
  question.fields?.forEach((field, f) => {
    const fieldPointer = `${pointer}/fields/${f}`;
    if (field.type === 'taskList') report(file, `${fieldPointer}/type`, 'a task-list row cannot hold another task list');
    if (fieldIds.has(field.id)) report(file, `${fieldPointer}/id`, `field id "${field.id}" appears twice in this row`);
    fieldIds.add(field.id);
    checkQuestion(field, file, fieldPointer, report);
  });
}

/** Each order in which questions can be asked: each base alone, the manager after the participant, each addition merged in. */
function askingOrders(files: readonly LoadedBankFile[]): Located[][] {
  const participant = files.find((f) => f.bank.audience === 'participant');
  const locate = (loaded: LoadedBankFile[]) => locateMerged(loaded);
  const orders: Located[][] = [];
  for (const base of files.filter((f) => f.bank.audience)) {
    const prefix = base.bank.audience === 'manager' && participant ? locate([participant]) : [];
    orders.push([...prefix, ...locate([base])]);
    for (const addition of files.filter((f) => f.bank.extends === base.bank.id)) {
      orders.push([...prefix, ...locate([base, addition])]);
    }
  }
  return orders;
}

/** Questions of a base merged with additions, in asking order, each remembering its file and pointer. */
function locateMerged(loaded: LoadedBankFile[]): Located[] {
  const where = new Map<Question, { file: string; pointer: string }>();
  for (const { file, bank } of loaded) {
    bank.pages.forEach((page, p) => page.questions.forEach((q, i) => where.set(q, { file, pointer: `/pages/${p}/questions/${i}` })));
  }
  const [base, ...additions] = loaded.map((l) => l.bank.pages);
  return mergePages(base, additions)
    .flatMap((page: Page) => page.questions)
    .map((question) => ({ question, ...where.get(question)! }));
}

function checkConditions(order: Located[], report: (file: string, pointer: string, message: string) => void): void {
  const earlier = new Map<string, Question>();
  for (const { question, file, pointer } of order) {
    if (question.visibleIf) checkCondition(question.visibleIf, earlier, file, `${pointer}/visibleIf`, report);
    const earlierFields = new Map<string, Question>();
    question.fields?.forEach((field, f) => {
      if (field.visibleIf) checkCondition(field.visibleIf, earlierFields, file, `${pointer}/fields/${f}/visibleIf`, report);
      earlierFields.set(field.id, field);
    });
    earlier.set(question.id, question);
  }
}

function checkCondition(
  condition: Condition,
  earlier: ReadonlyMap<string, Question>,
  file: string,
  pointer: string,
  report: (file: string, pointer: string, message: string) => void,
): void {
  if ('all' in condition) return condition.all.forEach((c, i) => checkCondition(c, earlier, file, `${pointer}/all/${i}`, report));
  if ('any' in condition) return condition.any.forEach((c, i) => checkCondition(c, earlier, file, `${pointer}/any/${i}`, report));
  if ('not' in condition) return checkCondition(condition.not, earlier, file, `${pointer}/not`, report);
  const target = earlier.get(condition.question);
  if (!target) {
    report(file, `${pointer}/question`, `refers to "${condition.question}", which is not a question asked before this one`);
    return;
  }
  const values: Scalar[] = 'equals' in condition ? [condition.equals] : 'in' in condition ? condition.in : [];
  values.forEach((value) => {
    const problem = valueProblem(target, value);
    if (problem) report(file, `${pointer}/${'equals' in condition ? 'equals' : 'in'}`, problem);
  });
}

function valueProblem(target: Question, value: Scalar): string | undefined {
  switch (target.type) {
    case 'single':
    case 'multi':
      return target.options?.some((o) => o.value === value) ? undefined : `"${value}" is not an option of "${target.id}"`;
    case 'scale':
    case 'number':
      return typeof value === 'number' ? undefined : `"${target.id}" answers with a number`;
    case 'taskList':
      return `"${target.id}" is a task list; use "answered"`;
    default:
      return typeof value === 'string' ? undefined : `"${target.id}" answers with text`;
  }
}

function dedupe(problems: BankProblem[]): BankProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.pointer}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
