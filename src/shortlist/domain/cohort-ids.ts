import { ROLE_LEVELS, type RoleLevel } from '../../engagements/index.ts';

/** A cohort before it has an id: one department × one role level. */
export interface CohortKey {
  department: string;
  roleLevel: RoleLevel;
}

/**
 * Orders cohorts the way the engagement lists its departments (then any other department by name),
 * and role levels from contributor to leader, and gives each a readable id that stays the same from
 * one version to the next: `finance-contributor`, `human-resources-manager`. Two departments whose
 * names give the same slug ("R&D", "R D") are told apart by a counter, in that same order.
 */
export function orderAndNameCohorts<T extends CohortKey>(cohorts: readonly T[], departmentOrder: readonly string[]): Array<T & { id: string }> {
  const rank = new Map(departmentOrder.map((department, i) => [department, i]));
  const sorted = [...cohorts].sort((a, b) => {
    const ra = rank.get(a.department) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(b.department) ?? Number.MAX_SAFE_INTEGER;
    if (ra !== rb) return ra - rb;
    if (a.department !== b.department) return a.department < b.department ? -1 : 1;
    return ROLE_LEVELS.indexOf(a.roleLevel) - ROLE_LEVELS.indexOf(b.roleLevel);
  });
  const slugOfDepartment = new Map<string, string>();
  const taken = new Set<string>();
  for (const department of [...departmentOrder, ...sorted.map((c) => c.department)]) {
    if (slugOfDepartment.has(department)) continue;
    const base = slugify(department) || 'department';
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    taken.add(slug);
    slugOfDepartment.set(department, slug);
  }
  return sorted.map((cohort) => ({ ...cohort, id: `${slugOfDepartment.get(cohort.department)}-${cohort.roleLevel}` }));
}

/** Lowercase ASCII words joined by hyphens: "Customer Service" → "customer-service", "Évents & PR" → "events-pr". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
