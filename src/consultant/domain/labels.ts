/** Words the consultant pages use for codes: role levels, stages, decisions, mail states, session kinds. */
import type { RoleLevel } from '../../engagements/index.ts';

export const ROLE_LEVEL_LABELS: Readonly<Record<RoleLevel, string>> = { contributor: 'Contributor', manager: 'Manager', leader: 'Leader' };
const ROLE_LEVEL_PLURALS: Readonly<Record<RoleLevel, string>> = { contributor: 'contributors', manager: 'managers', leader: 'leaders' };

export const STAGE_LABELS: Readonly<Record<string, string>> = {
  invited: 'Invited',
  started: 'Started',
  submitted: 'Submitted',
  confirmed: 'Confirmed',
};

export const DECISION_LABELS: Readonly<Record<string, string>> = {
  pending: 'Not decided',
  approved: 'Approved',
  pinned: 'Pinned',
  rejected: 'Rejected',
};

/** "Finance: contributors", the way a cohort is named on every page. */
export function cohortHeading(cohort: { department: string; roleLevel: RoleLevel }): string {
  return `${cohort.department}: ${ROLE_LEVEL_PLURALS[cohort.roleLevel]}`;
}

/** "3 people", "1 person". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
