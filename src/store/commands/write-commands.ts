import { ObjectId } from 'bson';
import { findMatching, type CollectionAccess } from '../engine/data-access.ts';
import { compileFilter } from '../engine/filter.ts';
import { StoreError, writeErrorEntry } from '../errors.ts';
import { freezeDocument, isPlainObject, withIdFirst, type Doc } from '../values/documents.ts';
import { arrayArg, collectionArg, refuseCollation, type CommandContext, type CommandHandler } from './command-context.ts';
import { toStoreError } from './dispatch-errors.ts';

/** Runs statements in order; an ordered batch stops at the first error, an unordered one carries on. */
export function runStatements(context: CommandContext, field: string, run: (statement: unknown, index: number) => void): Doc[] {
  const statements = arrayArg(context.body, field, context.name);
  const isOrdered = context.body.ordered !== false;
  const writeErrors: Doc[] = [];
  for (let index = 0; index < statements.length; index++) {
    try {
      run(statements[index], index);
    } catch (error) {
      const failure = toStoreError(error);
      // A labelled error (a transaction's write conflict) fails the whole command, so the driver sees the label and retries.
      if (failure.labels.length > 0) throw failure;
      writeErrors.push(writeErrorEntry(index, failure));
      if (isOrdered) break;
    }
  }
  return writeErrors;
}

export function withWriteErrors(reply: Doc, writeErrors: Doc[]): Doc {
  return writeErrors.length > 0 ? { ...reply, writeErrors } : reply;
}

/** Checks a document for insertion; gives it an ObjectId `_id` first when it has none. */
export function prepareInsert(raw: unknown): Doc {
  if (!isPlainObject(raw)) throw new StoreError('TypeMismatch', 'a document to insert must be an object');
  const id = raw._id;
  if (Array.isArray(id)) throw new StoreError('InvalidIdField', "can't use an array for _id");
  if (id instanceof RegExp) throw new StoreError('InvalidIdField', "can't use a regex for _id");
  if (id === undefined) return freezeDocument({ _id: new ObjectId(), ...raw });
  return freezeDocument(withIdFirst(raw));
}

const insert: CommandHandler = (context) => {
  const collection = context.data.collection(context.db, collectionArg(context));
  const batch = insertAsOneCommit(context);
  if (batch !== undefined) return { n: batch, ok: 1 };
  let n = 0;
  const writeErrors = runStatements(context, 'documents', (raw) => {
    collection.insert(prepareInsert(raw));
    n += 1;
  });
  return withWriteErrors({ n, ok: 1 }, writeErrors);
};

/**
 * Several documents outside a transaction are first tried as one atomic commit: one journal
 * record instead of one per document, so replaying an `insertMany` at start-up costs one
 * record. If any document fails (a duplicate key...), nothing was applied and the statements
 * run one by one instead, with the usual partial-success semantics. Returns the count when the
 * batch went in whole.
 */
function insertAsOneCommit(context: CommandContext): number | undefined {
  const documents = context.body.documents;
  if (context.data.inTransaction || !Array.isArray(documents) || documents.length < 2) return undefined;
  const c = collectionArg(context);
  try {
    context.data.commitBatch(documents.map((raw) => ({ t: 'insert', db: context.db, c, doc: prepareInsert(raw) })));
    return documents.length;
  } catch (error) {
    toStoreError(error);
    return undefined;
  }
}

const remove: CommandHandler = (context) => {
  const collection = context.data.collection(context.db, collectionArg(context));
  let n = 0;
  const writeErrors = runStatements(context, 'deletes', (statement) => {
    if (!isPlainObject(statement)) throw new StoreError('TypeMismatch', 'a delete statement must be an object');
    refuseCollation(statement, 'delete');
    const limit = Number(statement.limit ?? 0);
    if (limit !== 0 && limit !== 1) throw new StoreError('BadValue', 'The limit field in delete objects must be 0 or 1');
    const matches = limit === 1 ? findFirst(collection, statement.q) : findMatching(collection, compileFilter(statement.q, 'q'));
    for (const doc of matches) collection.remove(doc);
    n += matches.length;
  });
  return withWriteErrors({ n, ok: 1 }, writeErrors);
};

/** The first matching document in natural order, without testing the rest of the collection. */
export function findFirst(collection: CollectionAccess, rawFilter: unknown): Doc[] {
  const filter = compileFilter(rawFilter, 'q');
  for (const doc of collection.candidates(filter.raw)) if (filter.test(doc)) return [doc];
  return [];
}

export const writeCommands: Record<string, CommandHandler> = { insert, delete: remove };
