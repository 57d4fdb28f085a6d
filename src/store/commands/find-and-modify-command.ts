import { applyUpdate, buildUpsertDocument } from '../engine/apply-update.ts';
import { findMatching } from '../engine/data-access.ts';
import { compileFilter, shapeResults } from '../engine/filter.ts';
import { StoreError } from '../errors.ts';
import type { Doc } from '../values/documents.ts';
import { collectionArg, docArg, refuseCollation, type CommandHandler } from './command-context.ts';
import { findFirst } from './write-commands.ts';

/**
 * findAndModify (mongoose's findOneAndUpdate/Delete/Replace). A duplicate key is thrown, so it
 * reaches the client at the top level of the reply with `keyPattern`/`keyValue`, as from mongod.
 */
const findAndModify: CommandHandler = (context) => {
  const { body } = context;
  refuseCollation(body, 'findAndModify');
  const collection = context.data.collection(context.db, collectionArg(context));
  const query = docArg(body, 'query', 'findAndModify') ?? {};
  const isRemove = body.remove === true;
  if (isRemove && body.update !== undefined) throw new StoreError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!isRemove && body.update === undefined) throw new StoreError('FailedToParse', 'Either an update or remove=true must be specified');
  if (isRemove && body.upsert === true) throw new StoreError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  const fields = docArg(body, 'fields', 'findAndModify');
  const project = (doc: Doc | null): Doc | null => (doc && fields ? shapeResults([doc], { filter: query, projection: fields })[0] : doc);

  const sort = docArg(body, 'sort', 'findAndModify');
  const target = sort
    ? shapeResults(findMatching(collection, compileFilter(query, 'query')), { filter: query, sort, limit: 1 })[0]
    : findFirst(collection, query)[0];

  if (isRemove) {
    if (target) collection.remove(target);
    return { lastErrorObject: { n: target ? 1 : 0 }, value: project(target ?? null), ok: 1 };
  }
  const spec = { u: body.update, filter: query, arrayFilters: body.arrayFilters as Doc[] | undefined };
  if (!target) {
    if (body.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const doc = buildUpsertDocument(spec);
    collection.insert(doc);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id }, value: project(body.new === true ? doc : null), ok: 1 };
  }
  const { doc, isModified } = applyUpdate(target, spec);
  if (isModified) collection.replace(target, doc);
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(body.new === true ? doc : target), ok: 1 };
};

export const findAndModifyCommands: Record<string, CommandHandler> = { findAndModify, findandmodify: findAndModify };
