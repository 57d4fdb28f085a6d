import { ID_INDEX } from '../engine/collection.ts';
import { compileFilter } from '../engine/filter.ts';
import { StoreError } from '../errors.ts';
import type { Doc } from '../values/documents.ts';
import { collectionArg, docArg, refuseCollation, refuseOptions, type CommandHandler } from './command-context.ts';
import { refuseInTransaction } from './index-commands.ts';

/** Collection options that need a server feature this store lacks: refused, never ignored. */
const UNSUPPORTED_CREATE_OPTIONS = ['capped', 'size', 'max', 'validator', 'timeseries', 'viewOn', 'pipeline', 'clusteredIndex', 'expireAfterSeconds', 'changeStreamPreAndPostImages', 'encryptedFields', 'storageEngine', 'indexOptionDefaults'];

const create: CommandHandler = (context) => {
  refuseInTransaction(context);
  refuseOptions(context.body, 'create', UNSUPPORTED_CREATE_OPTIONS);
  refuseCollation(context.body, 'create');
  const name = collectionArg(context);
  context.data.commitBatch([{ t: 'createCollection', db: context.db, c: name, options: {} }]);
  return { ok: 1 };
};

const drop: CommandHandler = (context) => {
  refuseInTransaction(context);
  const collection = context.data.collection(context.db, collectionArg(context));
  const indexes = collection.indexSpecs().length;
  if (collection.exists()) context.data.commitBatch([{ t: 'dropCollection', db: context.db, c: collection.name }]);
  return { ns: collection.ns, nIndexesWas: indexes, ok: 1 };
};

const dropDatabase: CommandHandler = (context) => {
  refuseInTransaction(context);
  context.data.commitBatch([{ t: 'dropDatabase', db: context.db }]);
  return { dropped: context.db, ok: 1 };
};

const listCollections: CommandHandler = (context) => {
  const { engine, cursors } = context.services;
  const filter = compileFilter(docArg(context.body, 'filter', 'listCollections'));
  const isNameOnly = context.body.nameOnly === true;
  const infos: Doc[] = engine.collections(context.db).map((collection) => ({
    name: collection.name,
    type: 'collection',
    options: collection.options,
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: ID_INDEX,
  }));
  const docs = infos.filter((info) => filter.test(info)).map((info) => (isNameOnly ? { name: info.name, type: info.type } : info));
  const ns = `${context.db}.$cmd.listCollections`;
  const batch = cursors.open(ns, docs, undefined);
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns }, ok: 1 };
};

const listDatabases: CommandHandler = (context) => {
  const { engine } = context.services;
  const filter = compileFilter(docArg(context.body, 'filter', 'listDatabases'));
  const databases = engine
    .databaseNames()
    .map((name) => ({ name, sizeOnDisk: 0, empty: engine.collections(name).length === 0 }))
    .filter((info) => filter.test(info))
    .map((info) => (context.body.nameOnly === true ? { name: info.name } : info));
  return { databases, totalSize: 0, ok: 1 };
};

const collStats: CommandHandler = (context) => {
  const collection = context.services.engine.collection(context.db, collectionArg(context));
  if (!collection) throw new StoreError('NamespaceNotFound', `Collection [${context.db}.${String(context.body.collStats)}] not found.`);
  return { ns: collection.ns, count: collection.docs.size, nindexes: collection.indexes.size + 1, ok: 1 };
};

const dbStats: CommandHandler = (context) => {
  const collections = context.services.engine.collections(context.db);
  const objects = collections.reduce((sum, collection) => sum + collection.docs.size, 0);
  return { db: context.db, collections: collections.length, views: 0, objects, ok: 1 };
};

export const catalogCommands: Record<string, CommandHandler> = { create, drop, dropDatabase, listCollections, listDatabases, collStats, dbStats };
