import { expect } from 'chai';
import { loadConfig } from '../../src/platform/config.ts';
import { SchemaRegistry } from '../../src/platform/validation.ts';

const schemas = new SchemaRegistry(loadConfig({}).paths.schemas);

/** Asserts that a response body fits the schema the OpenAPI document promises for it. */
export function expectToMatchSchema(schemaId: string, body: unknown): void {
  const validate = schemas.validator(schemaId);
  expect(validate(body), `${schemaId}: ${JSON.stringify(validate.errors)}`).to.equal(true);
}
