import type { ClientSession } from 'mongoose';

/** How far a person's intake has got (`invited` means no intake yet). */
export type IntakeStage = 'started' | 'submitted' | 'confirmed';

/** A task record as exported. */
export interface ExportedTask {
  id: string;
  source: 'participant' | 'manager';
  text: string;
  originalText?: string;
  hoursPerWeek: number;
  frequency?: string;
  dataSensitivity: string[];
  tools?: string;
  painPoints?: string;
  status: string;
  priority?: number;
  goLive?: string;
}

/** One person's intake as exported. */
export interface ExportedIntake {
  personId: string;
  status: string;
  bank: { id: string; version: number; parts: Array<{ id: string; version: number }> };
  answers: Record<string, unknown>;
  version: number;
  submittedAt?: string;
  reviewedAt?: string;
  tasks: ExportedTask[];
}

/**
 * What engagements need from intake records, without importing intake (which depends on us):
 * intake implements this port and app.ts hands it in. The dependency runs intake → engagements only.
 */
export interface IntakeRecordsPort {
  /** The stage of every person of the engagement who has started. */
  stagesByPerson(engagementId: string): Promise<Map<string, IntakeStage>>;
  /** How many of these people of the engagement have submitted (or been confirmed since), as committed. */
  countSubmitted(engagementId: string, personIds: readonly string[]): Promise<number>;
  /** Every intake of the engagement with its task records, for export. */
  exportIntakes(engagementId: string): Promise<ExportedIntake[]>;
  /** Removes a person's answers and tasks (the audit keeps only field paths) inside the caller's transaction. */
  eraseIntake(session: ClientSession, engagementId: string, personId: string, erasedBy: string): Promise<IntakeStage | undefined>;
}
