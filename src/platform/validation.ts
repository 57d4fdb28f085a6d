import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Request, RequestHandler } from 'express';
import { AppError, StartupError, ValidationError, type FieldProblem } from './errors.ts';

// ajv-formats ships CommonJS with a default export property.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** A fresh ajv configured the house way: every error, strict, formats. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

/**
 * The one registry of JSON Schemas from `schemas/`. Each schema is registered by its `$id`
 * and compiled once; routes validate bodies with `validateBody(id)`.
 */
export class SchemaRegistry {
  readonly ajv: Ajv = createAjv();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly schemas = new Map<string, Record<string, unknown>>();

  constructor(schemasDir: string) {
    for (const file of fs.readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json')).sort()) {
      const schema = readJsonFile(path.join(schemasDir, file)) as Record<string, unknown>;
      const id = schema.$id;
      if (typeof id !== 'string' || `${id}.schema.json` !== file) {
        throw new StartupError(`Schema ${file} must have "$id": "${file.replace('.schema.json', '')}".`);
      }
      this.schemas.set(id, schema);
      this.ajv.addSchema(schema as AnySchema);
    }
  }

  /** Every registered schema by id (the OpenAPI document is built from these). */
  all(): ReadonlyMap<string, Record<string, unknown>> {
    return this.schemas;
  }

  validator(id: string): ValidateFunction {
    let fn = this.compiled.get(id);
    if (!fn) {
      fn = this.ajv.getSchema(id);
      if (!fn) throw new Error(`Unknown schema "${id}"`);
      this.compiled.set(id, fn);
    }
    return fn;
  }

  /** Throws a 400 ValidationError listing every problem when `data` does not fit schema `id`. */
  assert<T>(id: string, data: unknown, message = 'The request body is not valid.'): T {
    const fn = this.validator(id);
    if (!fn(data)) throw new ValidationError(message, toFieldProblems(fn.errors));
    return data as T;
  }

  /** Express middleware: the body must fit schema `id`; code past it trusts the shape. */
  validateBody(id: string): RequestHandler {
    return (req, _res, next) => {
      this.assert(id, req.body);
      next();
    };
  }

  /** Validates a catalogue file at start-up; a bad file stops the start naming the file and pointer. */
  assertCatalogueFile(id: string, data: unknown, file: string): void {
    const fn = this.validator(id);
    if (!fn(data)) {
      const problems = toFieldProblems(fn.errors).map((p) => `${p.pointer || '/'}: ${p.message}`);
      throw new StartupError(`${file} is not a valid ${id}:`, problems);
    }
  }
}

/**
 * 415 when a request carries a body that is not declared JSON (`fetch` sends a string as text/plain):
 * only JSON is parsed, so its fields would go unseen, an optional `version` guard silently skipped.
 */
export function assertJsonIfBody(req: Request): void {
  // `req.is` is null without a body; an empty one (Content-Length: 0, as many clients send) is none too.
  if (req.get('content-length') !== '0' && req.is('application/json') === false) throw new AppError(415, 'unsupported-media-type', 'Send the request body as application/json.');
}

/** ajv errors as `{pointer, message}`, one per problem, in plain words. */
export function toFieldProblems(errors: ErrorObject[] | null | undefined): FieldProblem[] {
  return (errors ?? []).map((error) => {
    let pointer = error.instancePath;
    let message = error.message ?? 'is not valid';
    if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      pointer = `${pointer}/${escapePointer(extra)}`;
      message = 'is not an allowed field';
    } else if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      pointer = `${pointer}/${escapePointer(missing)}`;
      message = 'is required';
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    return { pointer, message };
  });
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads and parses a JSON file, naming the file when it is not JSON. */
export function readJsonFile(file: string): unknown {
  const text = readTextFile(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StartupError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * A text file of ours (a schema, a question bank, a training module), without the byte-order mark
 * Windows editors put first, which is not part of the JSON. A file that cannot be read (a folder, no
 * permission) is named in a StartupError like any other bad file, not left to crash with a stack.
 */
function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new StartupError(`${file} cannot be read: ${(error as Error).message}`);
  }
}
