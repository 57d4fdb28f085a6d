import type { TrainingModule } from '../../../src/library/index.ts';

/** A valid training module for tests; pass only what the test is about. */
export function buildTrainingModule(overrides: Partial<TrainingModule> & { id: string }): TrainingModule {
  return {
    title: `Module ${overrides.id}`,
    department: 'Finance',
    summary: 'A training module built for a test.',
    tasks: ['Review the weekly numbers'],
    ...overrides,
  };
}
