import type { Guardrail } from './curriculum-document.ts';
import type { ApprovedModuleInput, GuardrailTopic, ManagerGuidanceInput } from './schedule-input.ts';

/** Privacy and approval first: they are the rules people break by accident. */
const TOPIC_ORDER: GuardrailTopic[] = ['data-privacy', 'approval-chain', 'bias', 'accuracy', 'transparency', 'security'];

/**
 * The rules that apply to a cohort: every guardrail of its training modules plus what its
 * managers said about approvals and forbidden data, one entry per topic and rule.
 * Rules count as the same when they differ only in case, spacing or final punctuation.
 */
export function collectGuardrails(modules: ApprovedModuleInput[], guidance: ManagerGuidanceInput[] = []): Guardrail[] {
  const byKey = new Map<string, Guardrail>();
  const add = (topic: GuardrailTopic, rule: string, source: { moduleId?: string; fromManager?: boolean }) => {
    const text = collapse(rule);
    if (!comparable(text) || !TOPIC_ORDER.includes(topic)) return;
    const key = `${topic}\u0000${comparable(text)}`;
    let guardrail = byKey.get(key);
    if (!guardrail) {
      guardrail = { topic, rule: text, moduleIds: [], managerCount: 0 };
      byKey.set(key, guardrail);
    }
    if (source.moduleId && !guardrail.moduleIds.includes(source.moduleId)) guardrail.moduleIds.push(source.moduleId);
    if (source.fromManager) guardrail.managerCount += 1;
  };

  for (const module of modules) {
    for (const guardrail of module.guardrails ?? []) add(guardrail.topic, guardrail.rule, { moduleId: module.moduleId });
  }
  for (const answers of guidance) {
    // A manager who repeats a rule in one answer still counts once.
    const rules = new Map<string, [GuardrailTopic, string]>();
    for (const item of answers.forbiddenData ?? []) {
      if (tidy(item)) keepFirst(rules, 'data-privacy', `Never enter into an AI tool: ${tidy(item)}.`);
    }
    for (const item of answers.approvals ?? []) {
      if (tidy(item)) keepFirst(rules, 'approval-chain', `Approval before AI output is used: ${tidy(item)}.`);
    }
    for (const [topic, rule] of rules.values()) add(topic, rule, { fromManager: true });
  }

  return [...byKey.entries()]
    .sort(([keyA, a], [keyB, b]) => TOPIC_ORDER.indexOf(a.topic) - TOPIC_ORDER.indexOf(b.topic) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([, guardrail]) => ({ ...guardrail, moduleIds: [...guardrail.moduleIds].sort() }));
}

function keepFirst(rules: Map<string, [GuardrailTopic, string]>, topic: GuardrailTopic, rule: string): void {
  const key = `${topic}\u0000${comparable(rule)}`;
  if (!rules.has(key)) rules.set(key, [topic, rule]);
}

function collapse(text: string): string {
  return String(text ?? '').replace(/\s+/g, ' ').trim();
}

/** Manager phrases go inside a sentence, so their own final punctuation is dropped. */
function tidy(text: string): string {
  return collapse(text).replace(/[.;:,!]+$/, '').trim();
}

function comparable(text: string): string {
  return tidy(text).toLowerCase();
}
