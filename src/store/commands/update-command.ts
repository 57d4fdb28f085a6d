import { applyUpdate, buildUpsertDocument, classifyUpdate, type UpdateSpec } from '../engine/apply-update.ts';
import { findMatching, type CollectionAccess } from '../engine/data-access.ts';
import { compileFilter } from '../engine/filter.ts';
import { StoreError } from '../errors.ts';
import { isPlainObject, type Doc } from '../values/documents.ts';
import { collectionArg, refuseCollation, type CommandHandler } from './command-context.ts';
import { findFirst, runStatements, withWriteErrors } from './write-commands.ts';

export interface StatementOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
}

/** Parses one `updates` entry into what `applyUpdate` needs. */
export function readUpdateStatement(statement: unknown): UpdateSpec & { isMulti: boolean; isUpsert: boolean } {
  if (!isPlainObject(statement)) throw new StoreError('TypeMismatch', 'an update statement must be an object');
  refuseCollation(statement, 'update');
  const filter = statement.q === undefined ? {} : statement.q;
  if (!isPlainObject(filter)) throw new StoreError('TypeMismatch', "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
  const arrayFilters = statement.arrayFilters;
  if (arrayFilters !== undefined && !Array.isArray(arrayFilters)) {
    throw new StoreError('TypeMismatch', "BSON field 'update.updates.arrayFilters' is the wrong type, expected type 'array'");
  }
  const isMulti = statement.multi === true;
  if (isMulti && classifyUpdate(statement.u) === 'replacement') {
    throw new StoreError('InvalidOptions', 'multi update is not supported for replacement-style update');
  }
  return { u: statement.u, filter, arrayFilters: arrayFilters as Doc[] | undefined, isMulti, isUpsert: statement.upsert === true };
}

/** Applies one update statement: to the first match, every match (`multi`), or an upsert. */
export function runUpdateStatement(collection: CollectionAccess, spec: ReturnType<typeof readUpdateStatement>): StatementOutcome {
  const matches = spec.isMulti ? findMatching(collection, compileFilter(spec.filter, 'q')) : findFirst(collection, spec.filter);
  if (matches.length === 0) {
    if (!spec.isUpsert) return { matched: 0, modified: 0 };
    const doc = buildUpsertDocument(spec);
    collection.insert(doc);
    return { matched: 0, modified: 0, upsertedId: doc._id };
  }
  let modified = 0;
  for (const previous of matches) {
    const { doc, isModified } = applyUpdate(previous, spec);
    if (!isModified) continue;
    collection.replace(previous, doc);
    modified += 1;
  }
  return { matched: matches.length, modified };
}

const update: CommandHandler = (context) => {
  const collection = context.data.collection(context.db, collectionArg(context));
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = runStatements(context, 'updates', (statement, index) => {
    const outcome = runUpdateStatement(collection, readUpdateStatement(statement));
    if (outcome.upsertedId !== undefined) {
      upserted.push({ index, _id: outcome.upsertedId });
      n += 1;
    } else {
      n += outcome.matched;
      nModified += outcome.modified;
    }
  });
  const reply: Doc = { n, nModified, ok: 1 };
  if (upserted.length > 0) reply.upserted = upserted;
  return withWriteErrors(reply, writeErrors);
};

export const updateCommands: Record<string, CommandHandler> = { update };
