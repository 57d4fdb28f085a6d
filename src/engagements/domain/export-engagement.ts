import { stringify } from 'csv-stringify/sync';
import { listErasedPeople, listPeople } from '../data-access/person-repository.ts';
import type { EngagementsContext } from './context.ts';
import type { Engagement, Person, Stage } from './engagement.ts';
import type { ExportedIntake, ExportedTask } from './intake-port.ts';
import { getOwnEngagement } from './manage-engagements.ts';

export interface ExportedPerson extends Person {
  stage: Stage;
  intake?: Omit<ExportedIntake, 'personId' | 'tasks'>;
  tasks: ExportedTask[];
}

export interface EngagementExport {
  engagement: Omit<Engagement, 'consultantId'>;
  exportedAt: string;
  people: ExportedPerson[];
  /** Erased people appear only as a count. */
  erasedCount: number;
}

/** Everything the engagement's people answered, with their task records. */
export async function exportEngagement(ctx: EngagementsContext, consultantId: string, engagementId: string): Promise<EngagementExport> {
  const { consultantId: _owner, ...engagement } = await getOwnEngagement(ctx, consultantId, engagementId);
  const [people, erased, intakes] = await Promise.all([
    listPeople(ctx.connection, engagementId),
    listErasedPeople(ctx.connection, engagementId),
    ctx.intakeRecords.exportIntakes(engagementId),
  ]);
  const intakeOf = new Map(intakes.map((i) => [i.personId, i]));
  ctx.logger.info({ engagementId, personCount: people.length }, 'engagement exported');
  return {
    engagement,
    exportedAt: ctx.now().toISOString(),
    erasedCount: erased.length,
    people: people.map((person) => {
      const found = intakeOf.get(person.id);
      if (!found) return { ...person, stage: 'invited' as Stage, tasks: [] };
      const { personId: _id, tasks, ...intake } = found;
      return { ...person, stage: stageOf(intake.status), intake, tasks };
    }),
  };
}

function stageOf(status: string): Stage {
  return status === 'confirmed' ? 'confirmed' : status === 'submitted' ? 'submitted' : 'started';
}

const PERSON_COLUMNS = ['personId', 'name', 'email', 'department', 'roleLevel', 'managerEmail', 'stage'];

/**
 * The answers as CSV, one row per answer (task-list answers one row per field of each row), so any
 * bank fits the same columns. Cells that a spreadsheet would run as a formula are escaped.
 */
export function answersCsv(data: EngagementExport): string {
  const rows: string[][] = [];
  for (const person of data.people) {
    const who = personCells(person);
    const answers = Object.entries(person.intake?.answers ?? {});
    if (answers.length === 0) rows.push([...who, '', '', '', '']);
    for (const [questionId, value] of answers) {
      if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
        value.forEach((row, i) => {
          for (const [field, cell] of Object.entries(row as Record<string, unknown>)) rows.push([...who, questionId, String(i + 1), field, cellText(cell)]);
        });
      } else rows.push([...who, questionId, '', '', cellText(value)]);
    }
  }
  return stringify(rows, { header: true, columns: [...PERSON_COLUMNS, 'questionId', 'row', 'field', 'value'], escape_formulas: true });
}

/** The task records as CSV, one row per task, with the manager's decision. */
export function tasksCsv(data: EngagementExport): string {
  const columns = ['taskId', 'source', 'text', 'originalText', 'hoursPerWeek', 'frequency', 'dataSensitivity', 'tools', 'painPoints', 'status', 'priority', 'goLive'];
  const rows = data.people.flatMap((person) =>
    person.tasks.map((t) => [
      ...personCells(person),
      t.id, t.source, t.text, t.originalText ?? '', String(t.hoursPerWeek), t.frequency ?? '', t.dataSensitivity.join('; '),
      t.tools ?? '', t.painPoints ?? '', t.status, t.priority === undefined ? '' : String(t.priority), t.goLive ?? '',
    ]),
  );
  return stringify(rows, { header: true, columns: [...PERSON_COLUMNS, ...columns], escape_formulas: true });
}

function personCells(person: ExportedPerson): string[] {
  return [person.id, person.name, person.email, person.department, person.roleLevel, person.managerEmail ?? '', person.stage];
}

function cellText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join('; ') : String(value);
}
