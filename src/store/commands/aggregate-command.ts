import { Long } from 'bson';
import { allDocuments, findMatching } from '../engine/data-access.ts';
import { compileFilter, runPipeline } from '../engine/filter.ts';
import { StoreError } from '../errors.ts';
import { cloneDocument, isPlainObject, type Doc } from '../values/documents.ts';
import { docArg, numberArg, refuseCollation, type CommandContext, type CommandHandler } from './command-context.ts';
import { writeAggregateOutput } from './aggregate-output.ts';

/** Stages that need a server feature this store does not have; refused by name. */
const UNSUPPORTED_STAGES = ['$geoNear', '$search', '$searchMeta', '$vectorSearch', '$collStats', '$indexStats', '$currentOp', '$listSessions', '$listLocalSessions', '$changeStream', '$planCacheStats'];

const aggregate: CommandHandler = (context) => {
  const { body } = context;
  refuseCollation(body, 'aggregate');
  if (body.explain === true) throw new StoreError('InvalidOptions', "The embedded store does not support 'aggregate.explain'");
  const pipeline = body.pipeline;
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) {
    throw new StoreError('TypeMismatch', "BSON field 'aggregate.pipeline' is missing or is not an array of objects");
  }
  checkStages(pipeline as Doc[]);
  const target = body.aggregate;
  const isCollectionless = target === 1;
  if (!isCollectionless && typeof target !== 'string') throw new StoreError('InvalidNamespace', "BSON field 'aggregate.aggregate' must be a collection name or 1");

  const stages = [...(pipeline as Doc[])];
  const last = stages[stages.length - 1];
  const output = last && ('$out' in last || '$merge' in last) ? stages.pop() : undefined;
  const input = isCollectionless ? [] : matchedInput(context, target as string, stages);
  const results = runPipeline(input, stages, { collectionResolver: (name: string) => resolveForeign(context, name), variables: docArg(body, 'let', 'aggregate') });

  if (output) {
    writeAggregateOutput(context, output, results);
    return { cursor: { firstBatch: [], id: Long.ZERO, ns: `${context.db}.${String(target)}` }, ok: 1 };
  }
  const ns = isCollectionless ? `${context.db}.$cmd.aggregate` : `${context.db}.${String(target)}`;
  const cursorOptions = docArg(body, 'cursor', 'aggregate') ?? {};
  const batch = context.services.cursors.open(ns, results, numberArg(cursorOptions, 'batchSize', 'aggregate.cursor'));
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns }, ok: 1 };
};

/** Stages that never edit the documents they receive: a pipeline of only these needs no copies. */
const READ_ONLY_STAGES = new Set(['$match', '$group', '$sort', '$limit', '$skip', '$count', '$sortByCount']);

/**
 * The collection's documents after the pipeline's leading `$match` stages, which can use an
 * index. Copied unless every later stage only reads: mingo's stages edit documents in place,
 * stored ones are frozen, and mingo's CommonJS build would drop such edits silently.
 */
function matchedInput(context: CommandContext, name: string, stages: Doc[]): Doc[] {
  const collection = context.data.collection(context.db, name);
  let docs: Doc[] | undefined;
  while (stages.length > 0 && isPlainObject(stages[0].$match) && Object.keys(stages[0]).length === 1) {
    const filter = compileFilter(stages.shift()!.$match, '$match');
    docs = docs ? docs.filter((doc) => filter.test(doc)) : findMatching(collection, filter);
  }
  const input = docs ?? allDocuments(collection);
  const isReadOnly = stages.every((stage) => Object.keys(stage).every((name) => READ_ONLY_STAGES.has(name)));
  return isReadOnly ? input : input.map(cloneDocument);
}

/** `$lookup`/`$unionWith`/`$graphLookup` read other collections of the same database, as copies. */
function resolveForeign(context: CommandContext, name: string): Doc[] {
  return allDocuments(context.data.collection(context.db, name)).map(cloneDocument);
}

/**
 * mingo would run `$out`/`$merge` against its own in-memory arrays, silently writing nowhere;
 * the server handles them as the last stage and refuses them anywhere else.
 */
function checkStages(pipeline: Doc[]): void {
  pipeline.forEach((stage, index) => {
    const name = Object.keys(stage)[0];
    if (UNSUPPORTED_STAGES.includes(name)) throw new StoreError('Location40324', `${name} is not supported by the embedded store`);
    if ((name === '$out' || name === '$merge') && index !== pipeline.length - 1) {
      throw new StoreError('Location40324', `${name} can only be the final stage in the pipeline`);
    }
    refuseNestedOutput(Object.values(stage));
  });
}

function refuseNestedOutput(values: unknown[]): void {
  for (const value of values) {
    if (Array.isArray(value)) refuseNestedOutput(value);
    else if (isPlainObject(value)) {
      if ('$out' in value || '$merge' in value) throw new StoreError('Location40324', '$out and $merge are only allowed as the final stage of the top-level pipeline');
      refuseNestedOutput(Object.values(value));
    }
  }
}

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
