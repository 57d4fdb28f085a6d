import type { CohortView, ShortlistView } from '../../shortlist/index.ts';
import { cohortHeading } from './labels.ts';

/** Shades of demand, lightest first; level 0 is "not on this cohort's list". */
export const SHADE_LEVELS = 5;

export interface MatrixCell {
  cohortId: string;
  isListed: boolean;
  /** 0 when not listed, else 1..SHADE_LEVELS by demand relative to the highest demand in the matrix. */
  shade: number;
  demand: string;
  coverage: string;
  decision: string;
  /** The cell's whole meaning in words, for screen readers and the title tooltip. */
  description: string;
}

export interface MatrixRow {
  moduleId: string;
  title: string;
  cells: MatrixCell[];
}

export interface CoverageMatrix {
  cohorts: Array<{ id: string; heading: string; peopleCount: number }>;
  rows: MatrixRow[];
  /** Per cohort: hours of reported work no training module covers (the gaps). */
  gaps: Array<{ cohortId: string; text: string }>;
  legend: Array<{ shade: number; label: string }>;
}

/**
 * Cohorts × training modules: every module listed for any cohort, ordered by its total demand, each
 * cell shaded by the module's demand in that cohort (with the number, so colour is never the only cue).
 */
export function coverageMatrix(shortlist: ShortlistView): CoverageMatrix {
  const maxDemand = Math.max(0, ...shortlist.cohorts.flatMap((c) => c.modules.map((m) => m.demand)));
  const totals = new Map<string, { title: string; demand: number }>();
  for (const module of shortlist.cohorts.flatMap((c) => c.modules)) {
    const entry = totals.get(module.moduleId) ?? { title: module.title, demand: 0 };
    entry.demand += module.demand;
    totals.set(module.moduleId, entry);
  }
  const order = [...totals.entries()].sort(([a, x], [b, y]) => y.demand - x.demand || (a < b ? -1 : 1));
  return {
    cohorts: shortlist.cohorts.map((c) => ({ id: c.id, heading: cohortHeading(c), peopleCount: c.peopleCount })),
    rows: order.map(([moduleId, { title }]) => ({ moduleId, title, cells: shortlist.cohorts.map((c) => cellOf(c, moduleId, title, maxDemand)) })),
    gaps: shortlist.cohorts.map((c) => ({ cohortId: c.id, text: gapText(c) })),
    legend: legendOf(maxDemand),
  };
}

/** Which shade a demand gets: equal steps of the highest demand, so the darkest cell is the biggest need. */
export function shadeOf(demand: number, maxDemand: number): number {
  if (maxDemand <= 0 || demand <= 0) return 1;
  return Math.min(SHADE_LEVELS, Math.max(1, Math.ceil((demand / maxDemand) * SHADE_LEVELS)));
}

function cellOf(cohort: CohortView, moduleId: string, title: string, maxDemand: number): MatrixCell {
  const module = cohort.modules.find((m) => m.moduleId === moduleId);
  if (!module) {
    return { cohortId: cohort.id, isListed: false, shade: 0, demand: '', coverage: '', decision: '', description: `${title} is not on the list of ${cohortHeading(cohort)}.` };
  }
  const demand = formatDemand(module.demand);
  const coverage = `${Math.round(module.coverage * 100)} %`;
  const decision = module.decision === 'pending' ? '' : module.decision;
  return {
    cohortId: cohort.id,
    isListed: true,
    shade: shadeOf(module.demand, maxDemand),
    demand,
    coverage,
    decision,
    description: `${title} for ${cohortHeading(cohort)}: demand ${demand}, covers ${coverage} of the reported hours${decision ? `, ${decision}` : ''}.`,
  };
}

function gapText(cohort: CohortView): string {
  const gapHours = Math.max(0, cohort.taskHours - cohort.coveredHours);
  if (cohort.gapTaskCount === 0) return 'none';
  return `${cohort.gapTaskCount} task${cohort.gapTaskCount === 1 ? '' : 's'}, ${formatHours(gapHours)} h/week`;
}

function legendOf(maxDemand: number): CoverageMatrix['legend'] {
  const step = maxDemand / SHADE_LEVELS;
  return Array.from({ length: SHADE_LEVELS }, (_v, i) => ({
    shade: i + 1,
    label: maxDemand <= 0 ? 'any demand' : `${formatDemand(i === 0 ? 0 : step * i)}–${formatDemand(step * (i + 1))}`,
  }));
}

/** Demand is a weighted sum of hours; one decimal is all a reader can use. */
export function formatDemand(demand: number): string {
  return demand >= 10 ? String(Math.round(demand)) : demand.toFixed(1);
}

export function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}

/** "1 hour a week", "2.5 hours a week". */
export function hoursAWeek(hours: number): string {
  const written = formatHours(hours);
  return `${written} ${written === '1' ? 'hour' : 'hours'} a week`;
}
