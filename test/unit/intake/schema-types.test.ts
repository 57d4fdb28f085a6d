import { expect } from 'chai';
import { loadConfig } from '../../../src/platform/config.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import type { EngagementInput, Milestone, RosterEntry } from '../../../src/engagements/index.ts';
import type { Page, Question, ReviewInput, SaveInput } from '../../../src/intake/index.ts';
import type { QuestionBankFile } from '../../../src/intake/domain/question-bank.ts';
import type { TaskReviewInput } from '../../../src/intake/domain/review-rules.ts';

// Each record must list exactly the keys of its TypeScript type (the compiler checks that side);
// the test checks the other side against the schema, so a type and its schema cannot drift apart.
const bankKeys: Record<keyof QuestionBankFile, true> = { id: true, version: true, title: true, description: true, audience: true, extends: true, departments: true, pages: true };
const pageKeys: Record<keyof Page, true> = { id: true, title: true, description: true, roleLevels: true, questions: true };
const questionKeys: Record<keyof Question, true> = {
  id: true, type: true, label: true, help: true, required: true, options: true, min: true, max: true, integer: true, minLabel: true, maxLabel: true,
  minLength: true, maxLength: true, minItems: true, maxItems: true, visibleIf: true, roleLevels: true, tags: true, fields: true,
};
const engagementKeys: Record<keyof EngagementInput, true> = { name: true, client: true, departments: true, timeZone: true, moduleIds: true, milestones: true };
const milestoneKeys: Record<keyof Milestone, true> = { department: true, workflow: true, goLive: true };
const personKeys: Record<keyof RosterEntry, true> = { name: true, email: true, department: true, roleLevel: true, managerEmail: true };
const draftKeys: Record<keyof SaveInput, true> = { answers: true, version: true };
const reviewKeys: Record<keyof ReviewInput, true> = { tasks: true, addedTasks: true };
const taskReviewKeys: Record<keyof TaskReviewInput, true> = { taskId: true, decision: true, text: true, priority: true, goLive: true };

const config = loadConfig({});
const schemas = new SchemaRegistry(config.paths.schemas);

function propertiesAt(schemaId: string, path: string[]): string[] {
  let node = schemas.all().get(schemaId) as Record<string, unknown>;
  for (const step of path) node = (node as Record<string, Record<string, unknown>>)[step] as Record<string, unknown>;
  return Object.keys(node.properties as object).sort();
}

describe('schemas and their TypeScript types', () => {
  const cases: Array<[string, string, string[], object]> = [
    ['QuestionBankFile', 'question-bank', [], bankKeys],
    ['Page', 'question-bank', ['$defs', 'page'], pageKeys],
    ['Question', 'question-bank', ['$defs', 'question'], questionKeys],
    ['EngagementInput', 'engagement-create', [], engagementKeys],
    ['Milestone', 'engagement-create', ['$defs', 'milestone'], milestoneKeys],
    ['RosterEntry', 'people-add', ['$defs', 'person'], personKeys],
    ['SaveInput', 'intake-draft', [], draftKeys],
    ['ReviewInput', 'manager-review', [], reviewKeys],
    ['TaskReviewInput', 'manager-review', ['properties', 'tasks', 'items'], taskReviewKeys],
  ];
  for (const [type, schemaId, path, keys] of cases) {
    it(`when ${type} is compared with ${schemaId}${path.length ? `#/${path.join('/')}` : ''}, then both name the same fields`, () => {
      expect(Object.keys(keys).sort()).to.deep.equal(propertiesAt(schemaId, path));
    });
  }
});
