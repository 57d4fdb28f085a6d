import { Schema, type Connection, type Model, type Types } from 'mongoose';

export type IntakeStatus = 'draft' | 'submitted' | 'confirmed';

export interface IntakeDoc {
  _id: Types.ObjectId;
  engagementId: Types.ObjectId;
  personId: Types.ObjectId;
  status: IntakeStatus;
  answers: Record<string, unknown>;
  /** Optimistic concurrency: every save must name the version it started from. */
  version: number;
  bankId: string;
  bankVersion: number;
  bankParts: Array<{ id: string; version: number }>;
  submittedAt?: Date;
  reviewedAt?: Date;
  reviewedBy?: Types.ObjectId;
  /** The consultant who last saved on the person's behalf during a live interview. */
  conductedBy?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export interface TaskRecordDoc {
  _id: Types.ObjectId;
  engagementId: Types.ObjectId;
  personId: Types.ObjectId;
  source: 'participant' | 'manager';
  row?: number;
  text: string;
  originalText?: string;
  hoursPerWeek: number;
  frequency?: string;
  painPoints?: string;
  dataSensitivity: string[];
  tools?: string;
  status: 'submitted' | 'confirmed' | 'rejected';
  priority?: number;
  goLive?: string;
  reviewedBy?: Types.ObjectId;
  reviewedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface AuditEntryDoc {
  _id: Types.ObjectId;
  engagementId: Types.ObjectId;
  personId: Types.ObjectId;
  at: Date;
  actorKind: 'person' | 'consultant';
  actorId: Types.ObjectId;
  action: 'draft-saved' | 'submitted' | 'amended' | 'reviewed' | 'erased';
  /** Field paths only; answer text never enters the trail. */
  changes: Array<{ path: string; change: string }>;
  version?: number;
}

const partSchema = new Schema({ id: String, version: Number }, { _id: false });

const intakeSchema = new Schema<IntakeDoc>(
  {
    engagementId: { type: Schema.Types.ObjectId, required: true, index: true },
    personId: { type: Schema.Types.ObjectId, required: true, unique: true },
    status: { type: String, required: true, enum: ['draft', 'submitted', 'confirmed'] },
    answers: { type: Schema.Types.Mixed, default: {} },
    version: { type: Number, required: true },
    bankId: { type: String, required: true },
    bankVersion: { type: Number, required: true },
    bankParts: { type: [partSchema], default: [] },
    submittedAt: Date,
    reviewedAt: Date,
    reviewedBy: Schema.Types.ObjectId,
    conductedBy: Schema.Types.ObjectId,
  },
  { collection: 'intakes', timestamps: true, minimize: false },
);

const taskRecordSchema = new Schema<TaskRecordDoc>(
  {
    engagementId: { type: Schema.Types.ObjectId, required: true, index: true },
    personId: { type: Schema.Types.ObjectId, required: true, index: true },
    source: { type: String, required: true, enum: ['participant', 'manager'] },
    row: Number,
    text: { type: String, required: true },
    originalText: String,
    hoursPerWeek: { type: Number, required: true },
    frequency: String,
    painPoints: String,
    dataSensitivity: { type: [String], default: [] },
    tools: String,
    status: { type: String, required: true, enum: ['submitted', 'confirmed', 'rejected'] },
    priority: Number,
    goLive: String,
    reviewedBy: Schema.Types.ObjectId,
    reviewedAt: Date,
  },
  { collection: 'tasks', timestamps: true },
);

const auditEntrySchema = new Schema<AuditEntryDoc>(
  {
    engagementId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true, index: true },
    at: { type: Date, required: true },
    actorKind: { type: String, required: true, enum: ['person', 'consultant'] },
    actorId: { type: Schema.Types.ObjectId, required: true },
    action: { type: String, required: true },
    changes: { type: [new Schema({ path: String, change: String }, { _id: false })], default: [] },
    version: Number,
  },
  { collection: 'intake_audit' },
);

export interface IntakeModels {
  Intake: Model<IntakeDoc>;
  TaskRecord: Model<TaskRecordDoc>;
  AuditEntry: Model<AuditEntryDoc>;
}

/** The intake models of one connection, with their indexes built before first use. */
export async function intakeModels(connection: Connection): Promise<IntakeModels> {
  const Intake = (connection.models.Intake as Model<IntakeDoc>) ?? connection.model<IntakeDoc>('Intake', intakeSchema);
  const TaskRecord = (connection.models.TaskRecord as Model<TaskRecordDoc>) ?? connection.model<TaskRecordDoc>('TaskRecord', taskRecordSchema);
  const AuditEntry = (connection.models.AuditEntry as Model<AuditEntryDoc>) ?? connection.model<AuditEntryDoc>('AuditEntry', auditEntrySchema);
  await Promise.all([Intake.init(), TaskRecord.init(), AuditEntry.init()]);
  return { Intake, TaskRecord, AuditEntry };
}
