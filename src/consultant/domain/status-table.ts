import type { EngagementStatus, Stage } from '../../engagements/index.ts';

const STAGES: ReadonlyArray<{ stage: Stage; label: string }> = [
  { stage: 'invited', label: 'Invited' },
  { stage: 'started', label: 'Started' },
  { stage: 'submitted', label: 'Submitted' },
  { stage: 'confirmed', label: 'Confirmed by manager' },
];

export interface StageCell {
  stage: Stage;
  count: number;
  /** Of the row's invited people, rounded; the bar's length. */
  percent: number;
}

export interface StatusRow {
  department: string;
  cells: StageCell[];
  /** One sentence a screen reader or a text-only reader gets instead of the bars. */
  summary: string;
}

/**
 * Completion per department as running totals, ready to draw as bars: each bar is the share of
 * that department's invited people who reached the stage, so departments of any size compare.
 */
export function statusTable(status: EngagementStatus): { stages: typeof STAGES; rows: StatusRow[]; total: StatusRow } {
  return {
    stages: STAGES,
    rows: status.departments.map((d) => statusRow(d.department, d)),
    total: statusRow('All departments', status.totals),
  };
}

function statusRow(department: string, counts: Record<Stage, number>): StatusRow {
  const invited = counts.invited;
  const cells = STAGES.map(({ stage }) => ({ stage, count: counts[stage], percent: invited === 0 ? 0 : Math.round((counts[stage] / invited) * 100) }));
  const summary = invited === 0
    ? `${department}: nobody invited yet.`
    : `${department}: ${invited} invited, ${counts.started} started, ${counts.submitted} submitted, ${counts.confirmed} confirmed by their manager.`;
  return { department, cells, summary };
}
