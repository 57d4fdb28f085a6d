import type { ManagerGuidanceInput } from './schedule/schedule-input.ts';
import type { IntakeAnswers } from './concern-means.ts';
import type { TaggedQuestion, TaggedQuestions } from './tagged-questions.ts';

/** A person on the roster, as far as finding managers needs. */
export interface RosterPerson {
  id: string;
  email: string;
  managerEmail?: string;
}

/**
 * The approval options as a participant should read them. The bank words them from the manager's
 * side ("I approve it"), which would mislead in a participant's guardrails; any other option falls
 * back to its label. "It depends" says nothing by itself: its detail question carries the rule.
 */
const APPROVAL_WORDING: Readonly<Record<string, string | null>> = {
  author: 'the author is responsible for it; no extra approval is needed',
  'peer-review': 'a colleague reviews it first',
  manager: 'your manager approves it',
  specialist: 'a specialist function (legal, compliance, security or finance) approves it',
  depends: null,
};

/** Free-text answers of these questions say more than "who approves", so they keep their context. */
const APPROVAL_CONTEXT: Readonly<Record<string, string>> = {
  newUseSignOff: 'a new use of AI is signed off by ',
  financeAuditEvidence: 'audit evidence to keep: ',
};

/** The managers of these members: people on the roster whose email a member names as their manager's. */
export function managersOf(memberIds: readonly string[], roster: readonly RosterPerson[]): RosterPerson[] {
  const byId = new Map(roster.map((p) => [p.id, p]));
  const emails = new Set(memberIds.flatMap((id) => {
    const email = byId.get(id)?.managerEmail;
    return email ? [email.toLowerCase()] : [];
  }));
  return roster.filter((p) => emails.has(p.email.toLowerCase())).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * What each manager answered, in the manager bank, about approvals and forbidden data: choices
 * turned into words, free text as typed. Drafts are left out; a manager who has not submitted
 * has not given guidance yet.
 */
export function managerGuidance(managers: readonly RosterPerson[], intakes: ReadonlyMap<string, IntakeAnswers>, tagged: TaggedQuestions): ManagerGuidanceInput[] {
  const guidance: ManagerGuidanceInput[] = [];
  for (const manager of managers) {
    const intake = intakes.get(manager.id);
    if (!intake || intake.status === 'draft') continue;
    const approvals = tagged.approval.filter((q) => q.isManagerQuestion).flatMap((q) => approvalRules(q, intake.answers[q.id]));
    const forbiddenData = tagged.forbiddenData.filter((q) => q.isManagerQuestion).flatMap((q) => forbiddenItems(q, intake.answers[q.id]));
    if (approvals.length > 0 || forbiddenData.length > 0) guidance.push({ approvals, forbiddenData });
  }
  return guidance;
}

function approvalRules(question: TaggedQuestion, value: unknown): string[] {
  return valuesOf(value).flatMap((item) => {
    if (question.labels.size > 0) {
      const wording = item in APPROVAL_WORDING ? APPROVAL_WORDING[item] : asPhrase(question.labels.get(item));
      return wording ? [wording] : [];
    }
    const context = APPROVAL_CONTEXT[question.id];
    return [context ? `${context}${item}` : item];
  });
}

/** Chosen kinds of data by their labels; "Something else" is left to the free-text question that follows it. */
function forbiddenItems(question: TaggedQuestion, value: unknown): string[] {
  return valuesOf(value).flatMap((item) => {
    if (question.labels.size === 0) return [item];
    if (item === 'other') return [];
    return [asPhrase(question.labels.get(item)) ?? item];
  });
}

/** An option label inside a sentence: "Bank or card details" → "bank or card details" (but "AI tools" stays). */
function asPhrase(label: string | undefined): string | undefined {
  if (!label) return undefined;
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

function valuesOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}
