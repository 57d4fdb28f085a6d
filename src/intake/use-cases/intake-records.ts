import type { Connection } from 'mongoose';
import type { ExportedIntake, IntakeRecordsPort, IntakeStage } from '../../engagements/index.ts';
import { appendAudit } from '../data-access/audit-repository.ts';
import { listAnswerSummaries } from '../data-access/engagement-listings.ts';
import { countSubmittedAmong, deleteIntake, findIntake, listIntakes, type IntakeStatus } from '../data-access/intake-repository.ts';
import { deleteTasksOfPerson, listTasksOfEngagement } from '../data-access/task-repository.ts';

const STAGE_OF: Record<IntakeStatus, IntakeStage> = { draft: 'started', submitted: 'submitted', confirmed: 'confirmed' };

/** Intake's side of the port engagements uses for status, export and erasure. */
export function createIntakeRecords(connection: Connection, now: () => Date): IntakeRecordsPort {
  return {
    async stagesByPerson(engagementId) {
      // Status only: the completion counts (every overview page, every submission) need no answers.
      const statuses = await listAnswerSummaries(connection, engagementId, []);
      return new Map(statuses.map((i) => [i.personId, STAGE_OF[i.status]]));
    },

    countSubmitted: (engagementId, personIds) => countSubmittedAmong(connection, engagementId, personIds),

    async exportIntakes(engagementId) {
      const [intakes, tasks] = await Promise.all([listIntakes(connection, engagementId), listTasksOfEngagement(connection, engagementId)]);
      return intakes.map(
        (intake): ExportedIntake => ({
          personId: intake.personId,
          status: intake.status,
          bank: intake.bank,
          answers: intake.answers,
          version: intake.version,
          ...(intake.submittedAt ? { submittedAt: intake.submittedAt } : {}),
          ...(intake.reviewedAt ? { reviewedAt: intake.reviewedAt } : {}),
          tasks: tasks.filter((t) => t.personId === intake.personId).map(({ engagementId: _e, personId: _p, reviewedAt: _r, ...task }) => task),
        }),
      );
    },

    async eraseIntake(session, engagementId, personId, erasedBy) {
      const intake = await findIntake(connection, personId, session);
      await deleteIntake(connection, personId, session);
      await deleteTasksOfPerson(connection, personId, session);
      await appendAudit(connection, { engagementId, personId, at: now(), actor: { kind: 'consultant', id: erasedBy }, action: 'erased', changes: [] }, session);
      return intake ? STAGE_OF[intake.status] : undefined;
    },
  };
}
