import type { Change } from '../engine/changes.ts';
import { allDocuments } from '../engine/data-access.ts';
import { StoreError } from '../errors.ts';
import { freezeDocument, isPlainObject, valuesAtPath, withIdFirst, type Doc } from '../values/documents.ts';
import { tupleKey } from '../values/value-keys.ts';
import type { CommandContext } from './command-context.ts';
import { prepareInsert } from './write-commands.ts';

/**
 * `$out` and `$merge`, done by the server in one atomic commit: either every result lands or
 * (on a duplicate key, say) the target is left as it was.
 */
export function writeAggregateOutput(context: CommandContext, stage: Doc, results: Doc[]): void {
  if (context.data.inTransaction) {
    throw new StoreError('OperationNotSupportedInTransaction', `${Object.keys(stage)[0]} cannot be used in a transaction`);
  }
  if ('$out' in stage) writeOut(context, stage.$out, results);
  else writeMerge(context, stage.$merge, results);
}

function target(context: CommandContext, spec: unknown, field: string): { db: string; c: string } {
  if (typeof spec === 'string') return { db: context.db, c: spec };
  if (isPlainObject(spec) && typeof spec.coll === 'string') return { db: typeof spec.db === 'string' ? spec.db : context.db, c: spec.coll };
  throw new StoreError('FailedToParse', `${field} must be a collection name or { db, coll }`);
}

/** `$out` replaces the target's documents and keeps its indexes, as mongod does. */
function writeOut(context: CommandContext, spec: unknown, results: Doc[]): void {
  const { db, c } = target(context, spec, '$out');
  const collection = context.data.collection(db, c);
  const changes: Change[] = allDocuments(collection).map((doc) => ({ t: 'delete', db, c, id: doc._id }));
  if (!collection.exists()) changes.push({ t: 'createCollection', db, c, options: {} });
  for (const doc of results) changes.push({ t: 'insert', db, c, doc: prepareInsert(doc) });
  context.data.commitBatch(changes);
}

const WHEN_MATCHED = ['merge', 'replace', 'keepExisting', 'fail'];
const WHEN_NOT_MATCHED = ['insert', 'discard', 'fail'];

function writeMerge(context: CommandContext, spec: unknown, results: Doc[]): void {
  const options = isPlainObject(spec) ? spec : { into: spec };
  const { db, c } = target(context, options.into, '$merge.into');
  const on = options.on === undefined ? ['_id'] : Array.isArray(options.on) ? (options.on as string[]) : [String(options.on)];
  const whenMatched = String(options.whenMatched ?? 'merge');
  const whenNotMatched = String(options.whenNotMatched ?? 'insert');
  if (!WHEN_MATCHED.includes(whenMatched) || !WHEN_NOT_MATCHED.includes(whenNotMatched)) {
    throw new StoreError('InvalidOptions', `The embedded store supports $merge whenMatched ${WHEN_MATCHED.join('|')} and whenNotMatched ${WHEN_NOT_MATCHED.join('|')}`);
  }
  const keyOf = (doc: Doc) => tupleKey(on.map((field) => valuesAtPath(doc, field)[0] ?? null));
  const byKey = new Map(allDocuments(context.data.collection(db, c)).map((doc) => [keyOf(doc), doc]));
  const changes: Change[] = [];
  for (const result of results) {
    const existing = byKey.get(keyOf(result));
    if (!existing) {
      if (whenNotMatched === 'fail') throw new StoreError('BadValue', '$merge could not find a matching document in the target collection');
      if (whenNotMatched === 'insert') changes.push({ t: 'insert', db, c, doc: prepareInsert(result) });
      continue;
    }
    if (whenMatched === 'fail') throw new StoreError('DuplicateKey', '$merge found an existing document with the same key and whenMatched is "fail"');
    if (whenMatched === 'keepExisting') continue;
    const merged = whenMatched === 'merge' ? { ...existing, ...result } : { ...result };
    changes.push({ t: 'replace', db, c, doc: freezeDocument(withIdFirst({ ...merged, _id: existing._id })) });
  }
  context.data.commitBatch(changes);
}
