/**
 * A training module as `schemas/module.schema.json` defines it. Kept in step with the schema by
 * test/unit/library/training-module.test.ts, which compares these field names with the schema's.
 */
export interface TrainingModule {
  id: string;
  title: string;
  department: string;
  summary: string;
  tasks: string[];
  roleLevels?: ('contributor' | 'manager' | 'leader')[];
  keywords?: string[];
  durationMinutes?: number;
  objectives?: string[];
  exercises?: ModuleExercise[];
  guardrails?: { topic: 'data-privacy' | 'bias' | 'approval-chain' | 'accuracy' | 'transparency' | 'security'; rule: string }[];
  metrics?: { name: string; description?: string; direction: 'decrease' | 'increase' }[];
  prerequisites?: string[];
}

export interface ModuleExercise {
  title: string;
  artifact: string;
  instructions?: string;
  deliverable: string;
  reflection: string;
  advanced?: string;
}

/** Every top-level field of a training module, in schema order. */
export const TRAINING_MODULE_FIELDS: readonly (keyof TrainingModule)[] = [
  'id', 'title', 'department', 'summary', 'tasks', 'roleLevels', 'keywords', 'durationMinutes',
  'objectives', 'exercises', 'guardrails', 'metrics', 'prerequisites',
];

/** Keeps the known fields only: a library may carry extra fields, which we ignore rather than pass on. */
export function pickModuleFields(data: Record<string, unknown>): TrainingModule {
  const module: Record<string, unknown> = {};
  for (const field of TRAINING_MODULE_FIELDS) if (data[field] !== undefined) module[field] = data[field];
  return module as unknown as TrainingModule;
}
