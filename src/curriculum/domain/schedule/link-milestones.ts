import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Flag } from './curriculum-document.ts';
import type { IsoDate } from './cohort-calendar.ts';
import type { ApprovedModuleInput, MilestoneInput } from './schedule-input.ts';
import { workflowOverlap, workflowTerms } from './workflow-terms.ts';
import { newFlag } from './new-flag.ts';

export interface Milestone {
  id: string;
  department: string;
  workflow: string;
  goLive: IsoDate;
}

export interface MilestoneLink {
  milestone: Milestone;
  method: 'explicit' | 'workflow-overlap';
  sharedTerms: string[];
}

export interface MilestoneBook {
  /** Milestones with a usable go-live, by go-live then id. */
  dated: Milestone[];
  /** Every id seen, dated or not, so an explicit link to an undated milestone is told apart from a typo. */
  knownIds: Set<string>;
  flags: Flag[];
}

/** Gives every milestone an id, reads its go-live in the engagement's zone, and flags the unusable ones. */
export function readMilestones(inputs: MilestoneInput[], zone: string): MilestoneBook {
  const dated: Milestone[] = [];
  const knownIds = new Set<string>();
  const flags: Flag[] = [];
  for (const input of inputs) {
    const goLive = readGoLive(input.goLive, zone);
    const id = input.id?.trim() || deriveMilestoneId(input);
    if (knownIds.has(id)) {
      flags.push(newFlag('duplicate-milestone', 'warning', `Milestone ${id} is listed twice; the first entry is used.`, { milestoneId: id }));
      continue;
    }
    knownIds.add(id);
    if (!goLive) {
      const message = `The milestone "${input.workflow}" (${input.department}) has no valid go-live date, so nothing can be planned for it.`;
      flags.push(newFlag('milestone-without-go-live', 'warning', message, { milestoneId: id }));
      continue;
    }
    dated.push({ id, department: input.department, workflow: input.workflow, goLive });
  }
  dated.sort((a, b) => compareText(a.goLive, b.goLive) || compareText(a.id, b.id));
  return { dated, knownIds, flags };
}

/**
 * The milestone a training module serves: the consultant's explicit link (the earliest go-live
 * among several), else the cohort department's milestone whose workflow words the module covers best.
 */
export function linkModuleToMilestone(
  module: ApprovedModuleInput,
  department: string,
  book: MilestoneBook,
  minOverlap: number,
): { link: MilestoneLink | null; flags: Flag[] } {
  const flags: Flag[] = [];
  const explicit = (module.milestoneIds ?? []).map((id) => id.trim());
  const unknown = explicit.filter((id) => !book.knownIds.has(id));
  for (const id of unknown) {
    flags.push(newFlag('milestone-not-found', 'warning', `"${module.title}" is linked to milestone ${id}, which the engagement does not have.`, { moduleId: module.moduleId, milestoneId: id }));
  }
  const known = explicit.filter((id) => book.knownIds.has(id));
  if (known.length > 0) {
    // The consultant chose; an undated choice stays unlinked rather than being second-guessed.
    const milestone = book.dated.find((m) => known.includes(m.id));
    return { link: milestone ? { milestone, method: 'explicit', sharedTerms: [] } : null, flags };
  }
  return { link: linkByWorkflow(module, department, book.dated, minOverlap), flags };
}

function linkByWorkflow(module: ApprovedModuleInput, department: string, milestones: Milestone[], minOverlap: number): MilestoneLink | null {
  const moduleText = [module.title, ...(module.tasks ?? []), ...(module.servesTasks ?? []).map((t) => t.text)].join(' \n ');
  const moduleTerms = workflowTerms(moduleText);
  let best: { link: MilestoneLink; share: number } | null = null;
  for (const milestone of milestones) {
    if (!sameDepartment(milestone.department, department)) continue;
    const { shared, share } = workflowOverlap(workflowTerms(milestone.workflow), moduleTerms);
    if (shared.length === 0 || share < minOverlap) continue;
    // Milestones arrive by go-live then id, so a strict ">" keeps the earliest on ties.
    if (!best || share > best.share || (share === best.share && shared.length > best.link.sharedTerms.length)) {
      best = { link: { milestone, method: 'workflow-overlap', sharedTerms: shared }, share };
    }
  }
  return best?.link ?? null;
}

export function sameDepartment(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function readGoLive(goLive: string | null | undefined, zone: string): IsoDate | null {
  if (typeof goLive !== 'string' || goLive.trim() === '') return null;
  const parsed = DateTime.fromISO(goLive.trim(), { zone });
  return parsed.isValid ? (parsed.toISODate() as IsoDate) : null;
}

/** Content-derived so the id (and every session id built on it) survives re-ordering the milestone list. */
function deriveMilestoneId(input: MilestoneInput): string {
  const key = [input.department, input.workflow, input.goLive ?? ''].map((part) => String(part).trim().toLowerCase()).join('|');
  return `ms-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

/** Code-point order: unlike localeCompare it cannot change with the host's ICU data. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
