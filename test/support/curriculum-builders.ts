import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'chai';
import { bearer } from './intake-builders.ts';
import { computeShortlist, createScenario, reviewTasks, submitTasks, type Scenario, type TaskRow } from './shortlist-builders.ts';
import type { AddedPerson } from './intake-builders.ts';

/** Builders for curriculum tests: engagements whose shortlist is approved through the public API. */

export const INVOICES = 'Match supplier invoices to purchase orders and goods receipts';
export const VARIANCE = 'Write variance commentary for the monthly management accounts';
export const PLANTS = 'Water the office plants';
export const FINANCE_TASKS: TaskRow[] = [{ text: INVOICES, hoursPerWeek: 5 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }];

export const JOB_ADS = 'Draft job descriptions for open roles';
export const INTERVIEWS = 'Write interview guides and screen candidates against the criteria';
export const PARTY = 'Organise the summer party';
export const HR_TASKS: TaskRow[] = [{ text: JOB_ADS, hoursPerWeek: 4 }, { text: INTERVIEWS, hoursPerWeek: 4 }, { text: PARTY, hoursPerWeek: 1 }];

/** Rollouts the finance and HR modules serve; dated well ahead of the test clock (2026-03-02). */
export const MILESTONES = [
  { department: 'Finance', workflow: 'Supplier invoice matching', goLive: '2026-06-01' },
  { department: 'Finance', workflow: 'Month-end variance reporting', goLive: '2026-06-15' },
  { department: 'Human Resources', workflow: 'Structured interviews and job descriptions', goLive: '2026-06-08' },
];

export const FINANCE_MODULES = ['invoice-three-way-matching', 'month-end-variance-commentary'];
export const HR_MODULES = ['job-description-drafting', 'interview-guides-and-screening'];

/** The boss's own answers on approvals and forbidden data (the manager bank's guardrail questions). */
export const BOSS_GUARDRAILS = { aiOutputApprover: 'manager', forbiddenData: ['payment-data', 'other'], forbiddenDataOther: 'Supplier bank statements' };

/** Confirms every task of a report with priority 3. */
export async function confirmAll(app: Express, boss: AddedPerson, personId: string): Promise<void> {
  await reviewTasks(app, boss.token, personId, () => ({ decision: 'confirm', priority: 3 }));
}

/** PATCH …/shortlist approving these modules per cohort, in this order, and the shortlist itself. */
export async function approveShortlist(app: Express, token: string, engagementId: string, modulesByCohort: Record<string, string[]>): Promise<void> {
  const res = await request(app).patch(`/api/v1/engagements/${engagementId}/shortlist`).set(bearer(token)).send({
    cohorts: Object.entries(modulesByCohort).map(([id, moduleIds]) => ({ id, modules: moduleIds.map((moduleId, i) => ({ moduleId, decision: 'approve', position: i + 1 })) })),
    status: 'approved',
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

/** A finance team (two contributors), an HR contributor and their boss, with confirmed tasks and an approved shortlist. */
export interface ApprovedTeam {
  scenario: Scenario;
  engagementId: string;
  boss: AddedPerson;
  finance: AddedPerson[];
  hr: AddedPerson;
}

export async function buildApprovedTeam(app: Express, token: string, engagement: Record<string, unknown> = {}, answers: Record<string, unknown> = {}): Promise<ApprovedTeam> {
  const scenario = await createScenario(app, token, { milestones: MILESTONES, ...engagement });
  const finance = [await scenario.addReport(FINANCE_TASKS, {}, answers), await scenario.addReport(FINANCE_TASKS.slice(0, 3), {}, answers)];
  const hr = await scenario.addReport(HR_TASKS, { department: 'Human Resources' }, answers);
  for (const person of [...finance, hr]) await confirmAll(app, scenario.boss, person.id);
  // The boss answers the manager bank (approvals, forbidden data) once they have reports.
  await submitTasks(app, token, scenario.engagementId, scenario.boss.id, [{ text: 'Approve supplier payment runs', hoursPerWeek: 2 }, { text: 'Review the month-end close checklist', hoursPerWeek: 2 }, { text: 'Plan the team rota', hoursPerWeek: 1 }], BOSS_GUARDRAILS);
  await computeShortlist(app, token, scenario.engagementId);
  await approveShortlist(app, token, scenario.engagementId, { 'finance-contributor': FINANCE_MODULES, 'human-resources-contributor': HR_MODULES, 'finance-manager': ['month-end-variance-commentary'] });
  return { scenario, engagementId: scenario.engagementId, boss: scenario.boss, finance, hr };
}

/** POST …/curriculum, expecting 201. */
export async function generateCurriculum(app: Express, token: string, engagementId: string): Promise<CurriculumBody> {
  const res = await request(app).post(`/api/v1/engagements/${engagementId}/curriculum`).set(bearer(token));
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

export interface FlagBody {
  code: string;
  severity: string;
  message: string;
  moduleId?: string;
}

export interface SessionBody {
  id: string;
  kind: string;
  moduleId?: string;
  title: string;
  start: string;
  end: string;
  date: string;
  servesTasks?: Array<{ taskId: string; text: string }>;
  isProvisional?: boolean;
}

export interface CohortBody {
  id: string;
  department: string;
  roleLevel: string;
  memberCount: number;
  sessions: SessionBody[];
  flags: FlagBody[];
  guardrails: Array<{ topic: string; rule: string; managerCount: number }>;
  modules: Array<{ moduleId: string; isInLibrary: boolean; servesTasks: Array<{ taskId: string; text: string }> }>;
}

export interface CurriculumBody {
  engagementId: string;
  version: number;
  status: string;
  generatedOn: string;
  timeZone: string;
  flags: FlagBody[];
  rosterChanges: Record<string, number>;
  cohorts: CohortBody[];
}

/** A cohort by id, failing clearly when it is missing. */
export function cohortIn(body: CurriculumBody, id: string): CohortBody {
  const cohort = body.cohorts.find((c) => c.id === id);
  expect(cohort, `cohort ${id} among ${body.cohorts.map((c) => c.id).join(', ')}`).to.not.equal(undefined);
  return cohort!;
}

/** Every flag code of the document and its cohorts. */
export function flagCodes(body: CurriculumBody): string[] {
  return [...body.flags, ...body.cohorts.flatMap((c) => c.flags)].map((f) => f.code);
}
