import type { Change } from '../engine/changes.ts';
import { normaliseIndexSpec, type IndexSpec } from '../engine/index-spec.ts';
import { StoreError } from '../errors.ts';
import { isPlainObject, type Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { arrayArg, collectionArg, type CommandContext, type CommandHandler } from './command-context.ts';

function refuseInTransaction(context: CommandContext): void {
  if (context.data.inTransaction) {
    throw new StoreError('OperationNotSupportedInTransaction', `Cannot run '${context.name}' in a multi-document transaction on the embedded store`);
  }
}

const optionsKey = (spec: IndexSpec) => valueKey([spec.unique === true, spec.sparse === true, spec.partialFilterExpression ?? null, spec.expireAfterSeconds ?? null]);
const keyKey = (spec: IndexSpec) => valueKey(spec.key);

/** Returns the specs still to build, refusing the clashes mongod refuses (same name or same key, different index). */
function newSpecs(existing: IndexSpec[], requested: IndexSpec[]): IndexSpec[] {
  const fresh: IndexSpec[] = [];
  for (const spec of requested) {
    const all = [...existing, ...fresh];
    const sameName = all.find((other) => other.name === spec.name);
    const sameKey = all.find((other) => keyKey(other) === keyKey(spec) && optionsKey(other) === optionsKey(spec));
    if (sameName) {
      if (keyKey(sameName) !== keyKey(spec)) {
        throw new StoreError('IndexKeySpecsConflict', `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName)}`);
      }
      if (optionsKey(sameName) !== optionsKey(spec)) {
        throw new StoreError('IndexOptionsConflict', `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName)}`);
      }
      continue;
    }
    if (sameKey) throw new StoreError('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
    if (keyKey(spec) === valueKey({ _id: 1 })) continue;
    fresh.push(spec);
  }
  return fresh;
}

const createIndexes: CommandHandler = (context) => {
  refuseInTransaction(context);
  const name = collectionArg(context);
  const requested = arrayArg(context.body, 'indexes', 'createIndexes').map(normaliseIndexSpec);
  const collection = context.data.collection(context.db, name);
  const isCreated = !collection.exists();
  const existing = collection.indexSpecs();
  const before = isCreated ? 1 : existing.length;
  const fresh = newSpecs(existing, requested);
  const changes: Change[] = fresh.map((spec) => ({ t: 'createIndex', db: context.db, c: name, spec }));
  if (isCreated && changes.length === 0) changes.push({ t: 'createCollection', db: context.db, c: name, options: {} });
  context.data.commitBatch(changes);
  const reply: Doc = { numIndexesBefore: before, numIndexesAfter: before + fresh.length, createdCollectionAutomatically: isCreated, ok: 1 };
  if (fresh.length === 0) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: CommandHandler = (context) => {
  const collection = context.data.collection(context.db, collectionArg(context));
  if (!collection.exists()) throw new StoreError('NamespaceNotFound', `ns does not exist: ${collection.ns}`);
  const batch = context.services.cursors.open(collection.ns, collection.indexSpecs(), undefined);
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns: collection.ns }, ok: 1 };
};

const dropIndexes: CommandHandler = (context) => {
  refuseInTransaction(context);
  const name = collectionArg(context);
  const collection = context.data.collection(context.db, name);
  if (!collection.exists()) throw new StoreError('NamespaceNotFound', `ns not found ${collection.ns}`);
  const specs = collection.indexSpecs();
  const wanted = context.body.index;
  let names: string[];
  if (wanted === '*') names = specs.filter((spec) => spec.name !== '_id_').map((spec) => spec.name);
  else if (typeof wanted === 'string') names = [wanted];
  else if (Array.isArray(wanted)) names = wanted.map(String);
  else if (isPlainObject(wanted)) {
    const match = specs.find((spec) => valueKey(spec.key) === valueKey(wanted));
    if (!match) throw new StoreError('IndexNotFound', `can't find index with key: ${JSON.stringify(wanted)}`);
    names = [match.name];
  } else throw new StoreError('TypeMismatch', "BSON field 'dropIndexes.index' must be a string, an array of strings or an object");
  for (const index of names) {
    if (index === '_id_') throw new StoreError('InvalidOptions', 'cannot drop _id index');
    if (!specs.some((spec) => spec.name === index)) throw new StoreError('IndexNotFound', `index not found with name [${index}]`);
  }
  context.data.commitBatch(names.map((index) => ({ t: 'dropIndex', db: context.db, c: name, name: index })));
  return { nIndexesWas: specs.length, ok: 1 };
};

export const indexCommands: Record<string, CommandHandler> = { createIndexes, listIndexes, dropIndexes, deleteIndexes: dropIndexes };
export { refuseInTransaction };
