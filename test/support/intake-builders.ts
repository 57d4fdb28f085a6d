import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'chai';
import type { ComposedBank, Question } from '../../src/intake/index.ts';

/** Builders and short API calls for the intake flow: each test states only what it cares about. */

let counter = 0;
function unique(): number {
  counter += 1;
  return counter;
}

export function buildEngagementInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `AI readiness ${unique()}`,
    client: 'Northwind Traders',
    departments: ['Finance', 'Operations'],
    timeZone: 'Europe/Berlin',
    milestones: [{ department: 'Finance', workflow: 'Supplier invoice approval', goLive: '2026-06-01' }],
    ...overrides,
  };
}

export function buildPersonInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = unique();
  return { name: `Person ${n}`, email: `person${n}@northwind.test`, department: 'Operations', roleLevel: 'contributor', ...overrides };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** POST /api/v1/engagements as the administrator (or another consultant); returns the engagement. */
export async function createEngagement(app: Express, token: string, overrides: Record<string, unknown> = {}): Promise<{ id: string } & Record<string, unknown>> {
  const res = await request(app).post('/api/v1/engagements').set(bearer(token)).send(buildEngagementInput(overrides));
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

export interface AddedPerson {
  id: string;
  email: string;
  token: string;
  [key: string]: unknown;
}

/** POST people as JSON; returns them with their tokens. */
export async function addPeople(app: Express, token: string, engagementId: string, people: Array<Record<string, unknown>>): Promise<AddedPerson[]> {
  const res = await request(app).post(`/api/v1/engagements/${engagementId}/people`).set(bearer(token)).send({ people });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.people;
}

/** POST /api/v1/consultants as the administrator; returns the new consultant's token. */
export async function addConsultant(app: Express, adminToken: string): Promise<{ id: string; token: string }> {
  const n = unique();
  const res = await request(app).post('/api/v1/consultants').set(bearer(adminToken)).send({ name: `Consultant ${n}`, email: `consultant${n}@tailor.test` });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

/**
 * A Finance contributor who has submitted `taskCount` tasks, and their leader, who has not reviewed yet;
 * with the tasks as the manager's review lists them.
 */
export async function submittedReport(app: Express, token: string, departments: string[] = ['Finance'], taskCount = 3) {
  const engagement = await createEngagement(app, token, { departments });
  const [manager, person] = await addPeople(app, token, engagement.id, [
    buildPersonInput({ email: 'head@northwind.test', department: 'Finance', roleLevel: 'leader' }),
    buildPersonInput({ department: 'Finance', roleLevel: 'contributor', managerEmail: 'head@northwind.test' }),
  ]);
  const bank = (await request(app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
  await request(app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank, taskCount), version: 0 }).expect(200);
  await request(app).post('/api/v1/me/intake/submit').set(bearer(person.token)).expect(200);
  const tasks = (await request(app).get('/api/v1/me/reports').set(bearer(manager.token))).body.reports[0].tasks as Array<{ id: string }>;
  return { engagement, manager, person, tasks };
}

const SAMPLE_TASKS = [
  'Reconcile supplier statements against the ledger',
  'Draft the weekly cash forecast summary for the CFO',
  'Answer colleagues\u2019 questions about expense policy by e-mail',
  'Prepare month-end accrual journals',
];

/**
 * Answers every question of a bank with a valid value (first option, mid scale, smallest number),
 * `taskCount` task rows with realistic descriptions. Hidden answers are dropped by the server.
 */
export function answerEverything(bank: ComposedBank, taskCount = 3): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of bank.pages.flatMap((p) => p.questions)) {
    if (question.type === 'taskList') {
      const rows = question.id === 'tasks' ? taskCount : (question.minItems ?? 1);
      answers[question.id] = Array.from({ length: rows }, (_v, i) => {
        const row = Object.fromEntries((question.fields ?? []).map((f) => [f.id, valueFor(f)]));
        return question.id === 'tasks' ? { ...row, description: SAMPLE_TASKS[i % SAMPLE_TASKS.length], hoursPerWeek: i + 2 } : row;
      });
    } else answers[question.id] = valueFor(question);
  }
  return answers;
}

function valueFor(question: Question): unknown {
  switch (question.type) {
    case 'single':
      return question.options![0].value;
    case 'multi':
      return [question.options![0].value];
    case 'scale':
      return 3;
    case 'number':
      return question.min ?? 1;
    case 'date':
      return '2026-06-01';
    default:
      return `Answer to ${question.id}`;
  }
}
