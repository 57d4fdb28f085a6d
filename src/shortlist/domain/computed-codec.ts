import { createEvidenceTable, readEvidenceTable, type EncodedEvidence } from './evidence-table.ts';
import type { ComputedCohort, ComputedModule, ComputedShortlist, ComputedTask, CoveredTask, GapTheme, Notice } from './shortlist.ts';

/**
 * A version's computed part as stored (format 2). For a 5,000-person engagement the plain JSON is
 * some 17 MB: every covered task repeats its evidence and ids under every module. Here strings and
 * evidence are written once, a cohort's tasks are columns, and modules and gaps point at tasks by
 * position: about a quarter of the size, and a quarter of the time to write and read. Versions
 * stored before (plain JSON, no `format`) are read as they are.
 */
export interface EncodedComputed {
  format: 2;
  moduleIds: string[];
  notices: Notice[];
  strings: string[];
  evidence: EncodedEvidence[];
  cohorts: EncodedCohort[];
}

type CohortScalars = Omit<ComputedCohort, 'tasks' | 'modules' | 'gaps'>;

interface EncodedCohort extends CohortScalars {
  /** One column per task field; `flags`: 1 priority defaulted, 2 unconfirmed, 4 gap. */
  tasks: { taskId: number[]; personId: number[]; hoursPerWeek: number[]; priority: number[]; flags: number[]; weight: number[]; bestScore: number[] };
  /** `tasks`: [task, score, evidence, demand, ...], a task as its position in the cohort (or −1 − string index if not there). */
  modules: Array<Omit<ComputedModule, 'tasks'> & { tasks: number[] }>;
  gaps: Array<Omit<GapTheme, 'taskIds'> & { tasks: number[] }>;
}

const PRIORITY_DEFAULT = 1;
const UNCONFIRMED = 2;
const GAP = 4;

// Every field of a task and of a covered task has its place here: a new one must get it, or this fails to compile.
type Unplaced = Exclude<keyof ComputedTask, 'taskId' | 'personId' | 'hoursPerWeek' | 'priority' | 'isPriorityDefault' | 'status' | 'weight' | 'bestScore' | 'isGap'>
  | Exclude<keyof CoveredTask, 'taskId' | 'score' | 'evidence' | 'demand'>;
const EVERY_FIELD_PLACED: [Unplaced] extends [never] ? true : never = true;

/**
 * The stored form of a computed part; the plain one when an evidence has fields this format does not
 * know (the matcher added one), so nothing is ever lost.
 */
export function encodeComputed(computed: ComputedShortlist): EncodedComputed | ComputedShortlist {
  const table = createEvidenceTable();
  const isEncodable = EVERY_FIELD_PLACED && computed.cohorts.every((c) => c.modules.every((m) => m.tasks.every((t) => table.canEncode(t.evidence))));
  if (!isEncodable) return computed;
  const cohorts = computed.cohorts.map((cohort): EncodedCohort => {
    const { tasks, modules, gaps, ...scalars } = cohort;
    const position = new Map(tasks.map((task, i) => [task.taskId, i]));
    const taskRef = (taskId: string) => position.get(taskId) ?? -1 - table.ref(taskId);
    const columns: EncodedCohort['tasks'] = { taskId: [], personId: [], hoursPerWeek: [], priority: [], flags: [], weight: [], bestScore: [] };
    for (const task of tasks) {
      columns.taskId.push(table.ref(task.taskId));
      columns.personId.push(table.ref(task.personId));
      columns.hoursPerWeek.push(task.hoursPerWeek);
      columns.priority.push(task.priority);
      columns.flags.push((task.isPriorityDefault ? PRIORITY_DEFAULT : 0) | (task.status === 'unconfirmed' ? UNCONFIRMED : 0) | (task.isGap ? GAP : 0));
      columns.weight.push(task.weight);
      columns.bestScore.push(task.bestScore);
    }
    return {
      ...scalars,
      tasks: columns,
      modules: modules.map(({ tasks: covered, ...module }) => ({
        ...module,
        tasks: covered.flatMap((t) => [taskRef(t.taskId), t.score, table.evidenceRef(t.evidence), t.demand]),
      })),
      gaps: gaps.map(({ taskIds, ...gap }) => ({ ...gap, tasks: taskIds.map(taskRef) })),
    };
  });
  return { format: 2, moduleIds: computed.moduleIds, notices: computed.notices, strings: table.strings, evidence: table.evidence, cohorts };
}

/**
 * The computed part from what was stored: format 2, or a plain one stored before it. Equal evidence
 * comes back as one shared object (read-only, as everything read from a version).
 */
export function decodeComputed(stored: EncodedComputed | ComputedShortlist): ComputedShortlist {
  if (!('format' in stored) || stored.format !== 2) return stored as ComputedShortlist;
  const { strings } = stored;
  const evidence = readEvidenceTable(strings, stored.evidence);
  const cohorts = stored.cohorts.map((cohort): ComputedCohort => {
    const { tasks: columns, modules, gaps, ...scalars } = cohort;
    const tasks = columns.taskId.map((id, i): ComputedTask => ({
      taskId: strings[id],
      personId: strings[columns.personId[i]],
      hoursPerWeek: columns.hoursPerWeek[i],
      priority: columns.priority[i],
      isPriorityDefault: (columns.flags[i] & PRIORITY_DEFAULT) !== 0,
      status: (columns.flags[i] & UNCONFIRMED) !== 0 ? 'unconfirmed' : 'confirmed',
      weight: columns.weight[i],
      bestScore: columns.bestScore[i],
      isGap: (columns.flags[i] & GAP) !== 0,
    }));
    const taskIdOf = (ref: number) => (ref >= 0 ? tasks[ref].taskId : strings[-1 - ref]);
    return {
      ...scalars,
      tasks,
      modules: modules.map(({ tasks: flat, ...module }): ComputedModule => {
        const covered: CoveredTask[] = [];
        for (let i = 0; i < flat.length; i += 4) covered.push({ taskId: taskIdOf(flat[i]), score: flat[i + 1], evidence: evidence[flat[i + 2]], demand: flat[i + 3] });
        return { ...module, tasks: covered };
      }),
      gaps: gaps.map(({ tasks: refs, ...gap }): GapTheme => ({ ...gap, taskIds: refs.map(taskIdOf) })),
    };
  });
  return { moduleIds: stored.moduleIds, cohorts, notices: stored.notices };
}
