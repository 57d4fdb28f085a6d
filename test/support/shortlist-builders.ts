import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'chai';
import { addPeople, answerEverything, bearer, createEngagement, type AddedPerson } from './intake-builders.ts';

/** Builders for shortlist tests: an engagement whose people have reported (and had reviewed) exactly the tasks a test states. */

/** A work task as a participant reports it. */
export interface TaskRow {
  text: string;
  hoursPerWeek: number;
}

let counter = 0;

/** A roster entry; `department` defaults to Finance, `roleLevel` to contributor. */
export function personInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return { name: `Shortlist Person ${counter}`, email: `sl${counter}.${Date.now()}@northwind.test`, department: 'Finance', roleLevel: 'contributor', ...overrides };
}

/**
 * The consultant conducts a person's interview and submits it with these tasks (at least three:
 * the participant bank asks for three) and, optionally, other answers such as concern scales.
 * Returns the person's task records' ids, in row order.
 */
export async function submitTasks(
  app: Express,
  consultantToken: string,
  engagementId: string,
  personId: string,
  tasks: TaskRow[],
  answers: Record<string, unknown> = {},
): Promise<void> {
  const path = `/api/v1/engagements/${engagementId}/people/${personId}/intake`;
  const current = await request(app).get(path).set(bearer(consultantToken));
  expect(current.status, JSON.stringify(current.body)).to.equal(200);
  const everything = answerEverything(current.body.bank, tasks.length);
  const rows = (everything.tasks as Array<Record<string, unknown>>).map((row, i) => ({ ...row, description: tasks[i].text, hoursPerWeek: tasks[i].hoursPerWeek }));
  const saved = await request(app).put(path).set(bearer(consultantToken)).send({ answers: { ...everything, ...answers, tasks: rows }, version: current.body.version });
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  const submitted = await request(app).post(`${path}/submit`).set(bearer(consultantToken));
  expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
}

/** A manager's decision on one task, found by its text. */
export type ReviewDecision = { decision: 'confirm'; priority: number } | { decision: 'edit'; text: string; priority: number } | { decision: 'reject' };

/** The manager reviews a report: `decide` gets each task's text and returns the decision. */
export async function reviewTasks(app: Express, managerToken: string, personId: string, decide: (text: string) => ReviewDecision): Promise<void> {
  const reports = await request(app).get('/api/v1/me/reports').set(bearer(managerToken));
  expect(reports.status, JSON.stringify(reports.body)).to.equal(200);
  const report = reports.body.reports.find((r: { personId: string }) => r.personId === personId);
  const tasks = (report.tasks as Array<{ id: string; text: string; source: string }>).filter((t) => t.source === 'participant');
  const res = await request(app).put(`/api/v1/me/reports/${personId}/review`).set(bearer(managerToken))
    .send({ tasks: tasks.map((t) => ({ taskId: t.id, ...decide(t.text) })) });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

/** An engagement with one manager (`boss`) for everyone added through `addReport`. */
export interface Scenario {
  engagementId: string;
  boss: AddedPerson;
  /** Adds a person reporting to the boss who submits these tasks. */
  addReport(tasks: TaskRow[], overrides?: Record<string, unknown>, answers?: Record<string, unknown>): Promise<AddedPerson>;
}

export async function createScenario(app: Express, consultantToken: string, engagement: Record<string, unknown> = {}): Promise<Scenario> {
  const { id: engagementId } = await createEngagement(app, consultantToken, { departments: ['Finance', 'Human Resources', 'Operations'], milestones: [], ...engagement });
  counter += 1;
  const bossEmail = `boss${counter}.${Date.now()}@northwind.test`;
  const [boss] = await addPeople(app, consultantToken, engagementId, [personInput({ email: bossEmail, roleLevel: 'manager' })]);
  return {
    engagementId,
    boss,
    async addReport(tasks, overrides = {}, answers = {}) {
      const [person] = await addPeople(app, consultantToken, engagementId, [personInput({ managerEmail: bossEmail, ...overrides })]);
      await submitTasks(app, consultantToken, engagementId, person.id, tasks, answers);
      return person;
    },
  };
}

/** POST …/shortlist, expecting 201. */
export async function computeShortlist(app: Express, token: string, engagementId: string): Promise<ShortlistBody> {
  const res = await request(app).post(`/api/v1/engagements/${engagementId}/shortlist`).set(bearer(token));
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

/** The parts of a shortlist body the tests read. */
export interface ShortlistBody {
  id: string;
  version: number;
  latestVersion: number;
  revision: number;
  status: string;
  notices: Array<{ code: string; message: string; moduleIds?: string[]; cohortIds?: string[] }>;
  carryOver?: { fromVersion: number; carried: Array<Record<string, string>>; notCarried: Array<Record<string, string>> };
  decisionLog: Array<Record<string, unknown>>;
  moduleIds: string[];
  cohorts: CohortBody[];
}

export interface CohortBody {
  id: string;
  department: string;
  roleLevel: string;
  peopleCount: number;
  taskCount: number;
  unconfirmedTaskCount: number;
  taskHours: number;
  coveredHours: number;
  removedTaskCount: number;
  concernScores: Record<string, number>;
  modules: ModuleBody[];
  gaps: Array<{ theme: string; terms: string[]; tasks: TaskBody[] }>;
}

export interface ModuleBody {
  moduleId: string;
  rank: number | null;
  position: number;
  decision: string;
  note?: string;
  decidedBy?: string;
  decidedAt?: string;
  isPinned: boolean;
  isAddedByConsultant: boolean;
  isInLibrary: boolean;
  demand: number;
  coverage: number;
  coveredHours: number;
  tasks: Array<TaskBody & { score: number; demand: number; evidence: { phrase: string; sharedTerms: string[] } }>;
}

export interface TaskBody {
  taskId: string;
  personId: string;
  text: string;
  hoursPerWeek: number;
  priority: number;
  isPriorityDefault: boolean;
  status: string;
  weight: number;
}

/** A cohort by id, failing clearly when it is missing. */
export function cohortOf(body: ShortlistBody, id: string): CohortBody {
  const cohort = body.cohorts.find((c) => c.id === id);
  expect(cohort, `cohort ${id} among ${body.cohorts.map((c) => c.id).join(', ')}`).to.not.equal(undefined);
  return cohort!;
}

/** A module of a cohort by id, failing clearly when it is missing. */
export function moduleOf(cohort: CohortBody, moduleId: string): ModuleBody {
  const module = cohort.modules.find((m) => m.moduleId === moduleId);
  expect(module, `module ${moduleId} among ${cohort.modules.map((m) => m.moduleId).join(', ')}`).to.not.equal(undefined);
  return module!;
}
