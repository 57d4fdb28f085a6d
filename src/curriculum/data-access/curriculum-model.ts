import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * One curriculum version. The document (and who each cohort was planned for) is gzipped JSON: it is
 * written once, only ever read whole, and for a large engagement (thousands of people, every session
 * listing the tasks it serves) it would outgrow a document as plain fields. State stays in plain fields.
 */
export interface CurriculumDoc {
  _id: Types.ObjectId;
  engagementId: Types.ObjectId;
  version: number;
  status: 'draft' | 'published';
  shortlistId: Types.ObjectId;
  generatedBy: Types.ObjectId;
  generatedAt: Date;
  publishedBy?: Types.ObjectId;
  publishedAt?: Date;
  payload: Buffer;
  createdAt: Date;
  updatedAt: Date;
}

const curriculumSchema = new Schema<CurriculumDoc>(
  {
    engagementId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    status: { type: String, required: true, enum: ['draft', 'published'] },
    shortlistId: { type: Schema.Types.ObjectId, required: true },
    generatedBy: { type: Schema.Types.ObjectId, required: true },
    generatedAt: { type: Date, required: true },
    publishedBy: { type: Schema.Types.ObjectId },
    publishedAt: { type: Date },
    payload: { type: Buffer, required: true },
  },
  { collection: 'curricula', timestamps: true },
);
// One number per version: of two concurrent generations only one can store version N.
curriculumSchema.index({ engagementId: 1, version: 1 }, { unique: true });
// The brief reads the latest published version.
curriculumSchema.index({ engagementId: 1, status: 1, version: -1 });

/** The curriculum model of one connection, with its indexes built before first use. */
export async function curriculumModel(connection: Connection): Promise<Model<CurriculumDoc>> {
  const model = (connection.models.Curriculum as Model<CurriculumDoc>) ?? connection.model<CurriculumDoc>('Curriculum', curriculumSchema);
  await model.init();
  return model;
}
