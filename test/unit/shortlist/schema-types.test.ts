import { expect } from 'chai';
import { loadConfig } from '../../../src/platform/config.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import type { CohortDecisionsInput, ModuleDecisionInput, ShortlistReviewInput } from '../../../src/shortlist/index.ts';
import type { MatchRequest } from '../../../src/library/index.ts';

// Each record lists exactly the keys of its TypeScript type (the compiler checks that side); the test
// compares them with the schema, so a request type and its schema cannot drift apart.
const reviewKeys: Record<keyof ShortlistReviewInput, true> = { cohorts: true, status: true, version: true };
const cohortKeys: Record<keyof CohortDecisionsInput, true> = { id: true, modules: true };
const moduleKeys: Record<keyof ModuleDecisionInput, true> = { moduleId: true, decision: true, position: true, note: true };
const matchKeys: Record<keyof MatchRequest, true> = { tasks: true, top: true };
const matchTaskKeys: Record<keyof MatchRequest['tasks'][number], true> = { id: true, text: true, department: true, roleLevel: true };

const schemas = new SchemaRegistry(loadConfig({}).paths.schemas);

function propertiesAt(schemaId: string, path: string[]): string[] {
  let node = schemas.all().get(schemaId) as Record<string, unknown>;
  for (const step of path) node = (node as Record<string, Record<string, unknown>>)[step] as Record<string, unknown>;
  return Object.keys(node.properties as object).sort();
}

describe('shortlist and match request schemas and their TypeScript types', () => {
  const cases: Array<[string, string, string[], object]> = [
    ['ShortlistReviewInput', 'shortlist-review', [], reviewKeys],
    ['CohortDecisionsInput', 'shortlist-review', ['properties', 'cohorts', 'items'], cohortKeys],
    ['ModuleDecisionInput', 'shortlist-review', ['properties', 'cohorts', 'items', 'properties', 'modules', 'items'], moduleKeys],
    ['MatchRequest', 'match-request', [], matchKeys],
    ['MatchRequest task', 'match-request', ['properties', 'tasks', 'items'], matchTaskKeys],
  ];
  for (const [type, schemaId, path, keys] of cases) {
    it(`when ${type} is compared with ${schemaId}, then both name the same fields`, () => {
      expect(Object.keys(keys).sort()).to.deep.equal(propertiesAt(schemaId, path));
    });
  }
});
