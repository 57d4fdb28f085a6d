import { Types } from 'mongoose';
import type { BriefMail, DepartmentCompleteMail, EngagementSummary, InvitationMail, ManagerRequestMail, ReminderCandidate, ReminderMail } from '../../src/mail/index.ts';

/** Builders for the mail component's typed inputs: each test states only what it cares about. */

/** Ids shaped like the real ones (ObjectId hex), so they pass other components' checks. */
function nextId(_kind: string): string {
  return new Types.ObjectId().toHexString();
}

export function buildEngagementSummary(overrides: Partial<EngagementSummary> = {}): EngagementSummary {
  return { id: nextId('eng'), name: 'Finance AI readiness', client: 'Northwind Traders', timeZone: 'Europe/Berlin', ...overrides };
}

export function buildInvitationMail(overrides: Partial<InvitationMail> = {}): InvitationMail {
  const personId = overrides.personId ?? nextId('person');
  return {
    engagement: buildEngagementSummary(),
    personId,
    recipient: { name: 'Ada Lovelace', email: `${personId}@example.test` },
    role: 'participant',
    token: `tok_${personId}_AbC-123`,
    tokenIssuedAt: new Date('2025-10-01T08:00:00Z'),
    expiresAt: new Date('2025-10-31T08:00:00Z'),
    consultantName: 'Grace Hopper',
    ...overrides,
  };
}

export function buildReminderMail(overrides: Partial<ReminderMail> = {}): ReminderMail {
  const personId = overrides.personId ?? nextId('person');
  return {
    engagement: buildEngagementSummary(),
    personId,
    recipient: { name: 'Ada Lovelace', email: `${personId}@example.test` },
    invitedAt: new Date('2025-10-01T08:00:00Z'),
    day: 3,
    expiresAt: new Date('2025-10-31T08:00:00Z'),
    ...overrides,
  };
}

export function buildManagerRequestMail(overrides: Partial<ManagerRequestMail> = {}): ManagerRequestMail {
  const managerId = overrides.managerId ?? nextId('manager');
  return {
    engagement: buildEngagementSummary(),
    managerId,
    recipient: { name: 'Margaret Hamilton', email: `${managerId}@example.test` },
    report: { personId: nextId('person'), name: 'Ada Lovelace' },
    submittedAt: new Date('2025-10-02T14:00:00Z'),
    taskCount: 4,
    reviewPath: '/reviews/report-1',
    ...overrides,
  };
}

export function buildDepartmentCompleteMail(overrides: Partial<DepartmentCompleteMail> = {}): DepartmentCompleteMail {
  return {
    engagement: buildEngagementSummary(),
    recipient: { name: 'Grace Hopper', email: 'consultant@example.test' },
    department: 'Accounts payable',
    submittedCount: 6,
    completedAt: new Date('2025-10-09T16:30:00Z'),
    statusPath: '/consultant/engagements/e1',
    ...overrides,
  };
}

export function buildBriefMail(overrides: Partial<BriefMail> = {}): BriefMail {
  const personId = overrides.personId ?? nextId('person');
  return {
    engagement: buildEngagementSummary(),
    personId,
    recipient: { name: 'Ada Lovelace', email: `${personId}@example.test` },
    curriculumVersion: 1,
    roleLevel: 'contributor',
    servedTasks: [{ text: 'Reconcile supplier invoices against purchase orders', modules: [{ id: 'spreadsheet-ai', title: 'AI in spreadsheets' }] }],
    uncoveredTasks: ['Negotiate payment terms by phone'],
    goodUse: {
      responsibilities: ['Check every figure an assistant produces against the ledger'],
      guardrails: ['Never paste supplier bank details into an AI tool'],
      measures: ['Invoice cycle time'],
    },
    sessions: [{ kind: 'training', title: 'AI in spreadsheets', start: new Date('2025-11-04T08:00:00Z'), end: new Date('2025-11-04T09:30:00Z') }],
    briefPath: '/i/tok_brief',
    ...overrides,
  };
}

export function buildReminderCandidate(overrides: Partial<ReminderCandidate> = {}): ReminderCandidate {
  const personId = overrides.personId ?? nextId('person');
  return {
    engagement: buildEngagementSummary(),
    personId,
    recipient: { name: 'Ada Lovelace', email: `${personId}@example.test` },
    invitedAt: new Date('2025-10-01T08:00:00Z'),
    expiresAt: new Date('2025-10-31T08:00:00Z'),
    submittedAt: null,
    ...overrides,
  };
}
