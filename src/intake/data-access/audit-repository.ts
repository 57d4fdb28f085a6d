import { Types, type ClientSession, type Connection } from 'mongoose';
import type { AnswerChange } from '../domain/diff-answers.ts';
import { intakeModels, type AuditEntryDoc } from './intake-model.ts';

/** One entry of the audit trail: who changed what (field paths), when. */
export interface AuditEntry {
  at: string;
  actor: { kind: 'person' | 'consultant'; id: string };
  action: AuditEntryDoc['action'];
  /** Answer changes (`added`/`changed`/`removed`), or review decisions (`confirm`/`edit`/`reject`/`added`). */
  changes: Array<{ path: string; change: AnswerChange['change'] | string }>;
  version?: number;
}

export async function appendAudit(
  connection: Connection,
  entry: { engagementId: string; personId: string; at: Date; actor: AuditEntry['actor']; action: AuditEntry['action']; changes: AuditEntry['changes']; version?: number },
  session: ClientSession,
): Promise<void> {
  const { AuditEntry } = await intakeModels(connection);
  await AuditEntry.create(
    [
      {
        engagementId: new Types.ObjectId(entry.engagementId),
        personId: new Types.ObjectId(entry.personId),
        at: entry.at,
        actorKind: entry.actor.kind,
        actorId: new Types.ObjectId(entry.actor.id),
        action: entry.action,
        changes: entry.changes,
        ...(entry.version !== undefined ? { version: entry.version } : {}),
      },
    ],
    { session },
  );
}

export async function listAudit(connection: Connection, personId: string): Promise<AuditEntry[]> {
  const { AuditEntry } = await intakeModels(connection);
  const docs = await AuditEntry.find({ personId: new Types.ObjectId(personId) }).sort({ at: 1, _id: 1 }).lean();
  return docs.map((d) => ({
    at: d.at.toISOString(),
    actor: { kind: d.actorKind, id: d.actorId.toHexString() },
    action: d.action,
    changes: (d.changes ?? []).map((c) => ({ path: c.path, change: c.change })),
    ...(d.version !== undefined && d.version !== null ? { version: d.version } : {}),
  }));
}

/** The audit trail of a whole engagement (removing a demo engagement: nothing of it may stay behind). */
export async function deleteAuditOfEngagement(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const { AuditEntry } = await intakeModels(connection);
  await AuditEntry.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
}
