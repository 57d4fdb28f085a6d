import { Schema, type Connection, type Model } from 'mongoose';

export interface ConsultantDoc {
  _id: import('mongoose').Types.ObjectId;
  name: string;
  email: string;
  isAdmin: boolean;
  createdAt: Date;
}

export interface CredentialDoc {
  _id: import('mongoose').Types.ObjectId;
  kind: 'consultant' | 'person';
  subjectId: import('mongoose').Types.ObjectId;
  engagementId?: import('mongoose').Types.ObjectId;
  /** sha256 of the token; the token itself is never stored. */
  tokenHash: string;
  purpose: string;
  expiresAt?: Date;
  revokedAt?: Date;
  createdAt: Date;
}

const consultantSchema = new Schema<ConsultantDoc>(
  {
    name: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    isAdmin: { type: Boolean, required: true, default: false },
  },
  { collection: 'consultants', timestamps: { createdAt: true, updatedAt: false } },
);

const credentialSchema = new Schema<CredentialDoc>(
  {
    kind: { type: String, required: true, enum: ['consultant', 'person'] },
    subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
    engagementId: { type: Schema.Types.ObjectId },
    tokenHash: { type: String, required: true, unique: true },
    purpose: { type: String, required: true },
    expiresAt: { type: Date },
    revokedAt: { type: Date },
  },
  { collection: 'credentials', timestamps: { createdAt: true, updatedAt: false } },
);

/** The access models of one connection, with their indexes built before first use. */
export async function accessModels(connection: Connection): Promise<{ Consultant: Model<ConsultantDoc>; Credential: Model<CredentialDoc> }> {
  const Consultant = (connection.models.Consultant as Model<ConsultantDoc>) ?? connection.model<ConsultantDoc>('Consultant', consultantSchema);
  const Credential = (connection.models.Credential as Model<CredentialDoc>) ?? connection.model<CredentialDoc>('Credential', credentialSchema);
  await Promise.all([Consultant.init(), Credential.init()]);
  return { Consultant, Credential };
}
