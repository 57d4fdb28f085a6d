import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface EngagementDoc {
  _id: Types.ObjectId;
  consultantId: Types.ObjectId;
  name: string;
  client: string;
  departments: string[];
  timeZone: string;
  moduleIds: string[];
  milestones: Array<{ department: string; workflow: string; goLive: string }>;
  /** Sample data from the consultant home's demo: shown with a badge, removable in one click, its mail never sent. */
  isDemo?: boolean;
  /** The key its creation was sent with (the API's Idempotency-Key, the page form's own): sent again, it opens nothing new. */
  creationKey?: string;
  /** A digest of the fields it was opened with, so the same key sent with other fields is told apart from a retry. */
  creationFingerprint?: string;
  /** Counted up by every intake submission's transaction, so concurrent submissions to one engagement serialise (see noteIntakeSubmitted). */
  intakeSubmissionCount?: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PersonDoc {
  _id: Types.ObjectId;
  engagementId: Types.ObjectId;
  name: string;
  /** Lowercased; unique per engagement. An erased person keeps a placeholder so the index stays unique. */
  email: string;
  department: string;
  roleLevel: 'contributor' | 'manager' | 'leader';
  managerEmail?: string;
  invitedAt: Date;
  erasedAt?: Date;
  /** How far an erased person had got, so the counts survive the erasure. */
  erasedStage?: 'invited' | 'started' | 'submitted' | 'confirmed';
  /** Counted up inside transactions that write for or about the person, so they conflict with the person's erasure (see fencePeople). */
  fenceCount?: number;
  createdAt: Date;
  updatedAt: Date;
}

const engagementSchema = new Schema<EngagementDoc>(
  {
    consultantId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true },
    client: { type: String, required: true },
    departments: { type: [String], required: true },
    timeZone: { type: String, required: true },
    moduleIds: { type: [String], default: [] },
    milestones: {
      type: [new Schema({ department: String, workflow: String, goLive: String }, { _id: false })],
      default: [],
    },
    isDemo: { type: Boolean, default: false },
    creationKey: { type: String },
    creationFingerprint: { type: String },
    intakeSubmissionCount: { type: Number, default: 0 },
  },
  { collection: 'engagements', timestamps: true },
);

/**
 * One per engagement, written by every roster upload and every change of departments inside their
 * transactions, so the two serialise (see fenceRoster). A document of its own, not the engagement:
 * every intake submission writes that one, and would make a long upload start over each time.
 */
export interface RosterFenceDoc {
  _id: Types.ObjectId;
  writeCount: number;
}

const rosterFenceSchema = new Schema<RosterFenceDoc>({ writeCount: { type: Number, required: true } }, { collection: 'roster_fences', versionKey: false });

const personSchema = new Schema<PersonDoc>(
  {
    engagementId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    email: { type: String, required: true },
    department: { type: String, required: true },
    roleLevel: { type: String, required: true, enum: ['contributor', 'manager', 'leader'] },
    managerEmail: { type: String },
    invitedAt: { type: Date, required: true },
    erasedAt: { type: Date },
    erasedStage: { type: String },
    fenceCount: { type: Number },
  },
  { collection: 'people', timestamps: true },
);
// One demo per consultant. The home page offers the button only while there is none, but two posts at once
// (a double click, a resubmit) both get past any check made first, so the store refuses the second demo.
engagementSchema.index({ consultantId: 1, isDemo: 1 }, { unique: true, partialFilterExpression: { isDemo: true } });
// Likewise a creation sent twice with its key (a retry, a double submit): the store keeps the first.
engagementSchema.index({ consultantId: 1, creationKey: 1 }, { unique: true, partialFilterExpression: { creationKey: { $exists: true } } });

personSchema.index({ engagementId: 1, email: 1 }, { unique: true });
personSchema.index({ engagementId: 1, managerEmail: 1 });

/** The engagement models of one connection, with their indexes built before first use. */
export async function engagementModels(connection: Connection): Promise<{ Engagement: Model<EngagementDoc>; Person: Model<PersonDoc>; RosterFence: Model<RosterFenceDoc> }> {
  const Engagement = (connection.models.Engagement as Model<EngagementDoc>) ?? connection.model<EngagementDoc>('Engagement', engagementSchema);
  const Person = (connection.models.Person as Model<PersonDoc>) ?? connection.model<PersonDoc>('Person', personSchema);
  const RosterFence = (connection.models.RosterFence as Model<RosterFenceDoc>) ?? connection.model<RosterFenceDoc>('RosterFence', rosterFenceSchema);
  // Created here, outside any transaction: a store may refuse to create a collection inside one.
  await Promise.all([Engagement.init(), Person.init(), RosterFence.init()]);
  return { Engagement, Person, RosterFence };
}
