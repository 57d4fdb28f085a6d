import type { EngagementInput, Milestone } from '../../engagements/index.ts';
import { textOf, valuesOf, type FormBody, type FormProblem } from './form-body.ts';

/** Rows the form offers before anyone adds one; without JavaScript, "Add another milestone" adds a row. */
export const EMPTY_MILESTONE_ROWS = 2;
export const MAX_MILESTONE_ROWS = 30;
const MAX_MODULES = 15;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The new-engagement form as typed, so it can be shown again with its problems. */
export interface EngagementFormValues {
  name: string;
  client: string;
  departments: string;
  timeZone: string;
  library: 'all' | 'chosen';
  moduleIds: string[];
  milestones: Milestone[];
  /** Random per form shown, kept through its round trips: the same form sent twice opens one engagement. */
  formKey: string;
}

export function emptyEngagementForm(formKey: string): EngagementFormValues {
  return { name: '', client: '', departments: '', timeZone: 'UTC', library: 'all', moduleIds: [], milestones: blankRows(EMPTY_MILESTONE_ROWS), formKey };
}

/** Reads the posted form; milestone rows come as `milestones.<i>.<field>`. */
export function readEngagementForm(body: FormBody): EngagementFormValues {
  const rows = new Map<number, Milestone>();
  for (const key of Object.keys(body)) {
    const match = /^milestones\.(\d{1,2})\.(department|workflow|goLive)$/.exec(key);
    if (!match || Number(match[1]) >= MAX_MILESTONE_ROWS) continue;
    const row = rows.get(Number(match[1])) ?? { department: '', workflow: '', goLive: '' };
    row[match[2] as keyof Milestone] = textOf(body, key);
    rows.set(Number(match[1]), row);
  }
  return {
    name: textOf(body, 'name'),
    client: textOf(body, 'client'),
    departments: textOf(body, 'departments'),
    timeZone: textOf(body, 'timeZone'),
    library: textOf(body, 'library') === 'chosen' ? 'chosen' : 'all',
    moduleIds: valuesOf(body, 'moduleIds'),
    milestones: [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row),
    formKey: /^[A-Za-z0-9-]{16,64}$/.test(textOf(body, 'formKey')) ? textOf(body, 'formKey') : '',
  };
}

/** A row more (the no-JavaScript "Add another milestone"), or one less. */
export function withMilestoneRows(values: EngagementFormValues, change: { add: true } | { remove: number }): EngagementFormValues {
  const milestones = 'add' in change
    ? [...values.milestones, ...blankRows(values.milestones.length < MAX_MILESTONE_ROWS ? 1 : 0)]
    : values.milestones.filter((_row, i) => i !== change.remove);
  return { ...values, milestones };
}

/** The department names typed one per line, blank lines dropped. */
export function departmentsOf(values: Pick<EngagementFormValues, 'departments'>): string[] {
  return values.departments.split(/\r?\n/).map((d) => d.trim()).filter((d) => d !== '');
}

/**
 * What a person must fix before the engagement can be opened, in words for the form (the API's
 * schema messages are written for programmers). Rows left entirely blank are not milestones.
 */
export function checkEngagementForm(values: EngagementFormValues, libraryIds: ReadonlySet<string>): { input?: EngagementInput; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const departments = departmentsOf(values);
  if (!values.name) problems.push({ field: 'name', message: 'Enter a name for the engagement.' });
  if (values.name.length > 200) problems.push({ field: 'name', message: 'Keep the name to 200 characters.' });
  if (!values.client) problems.push({ field: 'client', message: 'Enter the client organisation.' });
  if (values.client.length > 200) problems.push({ field: 'client', message: 'Keep the client name to 200 characters.' });
  if (departments.length === 0) problems.push({ field: 'departments', message: 'Enter at least one department, one per line.' });
  if (departments.length > 50) problems.push({ field: 'departments', message: 'Enter at most 50 departments.' });
  if (departments.some((d) => d.length > 120)) problems.push({ field: 'departments', message: 'Keep each department name to 120 characters.' });
  if (values.timeZone.length > 64) problems.push({ field: 'time-zone', message: 'Enter a time zone such as Europe/Berlin.' });
  const moduleIds = values.library === 'chosen' ? values.moduleIds.filter((id) => libraryIds.has(id)) : [];
  if (values.library === 'chosen' && moduleIds.length === 0) problems.push({ field: 'module-choice', message: 'Choose at least one training module, or use the whole library.' });
  if (moduleIds.length > MAX_MODULES) problems.push({ field: 'module-choice', message: `Choose at most ${MAX_MODULES} training modules (you chose ${moduleIds.length}).` });

  const milestones: Milestone[] = [];
  values.milestones.forEach((row, i) => {
    if (!row.department && !row.workflow && !row.goLive) return;
    if (!row.department) problems.push({ field: `milestone-${i}-department`, message: `Milestone ${i + 1}: enter the department whose workflow changes.` });
    if (!row.workflow) problems.push({ field: `milestone-${i}-workflow`, message: `Milestone ${i + 1}: enter the workflow that changes.` });
    else if (row.workflow.length > 200) problems.push({ field: `milestone-${i}-workflow`, message: `Milestone ${i + 1}: keep the workflow to 200 characters.` });
    if (!row.goLive) problems.push({ field: `milestone-${i}-goLive`, message: `Milestone ${i + 1}: enter the go-live date.` });
    else if (!isRealDate(row.goLive)) problems.push({ field: `milestone-${i}-goLive`, message: `Milestone ${i + 1}: enter the go-live date as a date, for example 2027-03-01.` });
    milestones.push(row);
  });
  if (problems.length > 0) return { problems };
  return {
    problems,
    input: {
      name: values.name,
      client: values.client,
      departments,
      ...(values.timeZone ? { timeZone: values.timeZone } : {}),
      ...(moduleIds.length > 0 ? { moduleIds } : {}),
      milestones,
    },
  };
}

/**
 * The form field a problem of the engagement rules points at (`/departments/2`, `/milestones/0/department`).
 * Milestone pointers count only the rows that were filled in, so they are mapped back to the form's rows.
 */
export function fieldForPointer(pointer: string, values: EngagementFormValues): string {
  const milestone = /^\/milestones\/(\d+)(?:\/(department|workflow|goLive))?/.exec(pointer);
  if (milestone) {
    const filled = values.milestones.flatMap((row, i) => (row.department || row.workflow || row.goLive ? [i] : []));
    return `milestone-${filled[Number(milestone[1])] ?? 0}-${milestone[2] ?? 'department'}`;
  }
  if (pointer.startsWith('/departments')) return 'departments';
  if (pointer === '/timeZone') return 'time-zone';
  if (pointer.startsWith('/moduleIds')) return 'module-choice';
  if (pointer === '/client') return 'client';
  return 'name';
}

function blankRows(count: number): Milestone[] {
  return Array.from({ length: count }, () => ({ department: '', workflow: '', goLive: '' }));
}

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
