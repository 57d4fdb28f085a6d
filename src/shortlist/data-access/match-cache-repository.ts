import mongoose, { Types, type ClientSession, type Connection } from 'mongoose';
import type { TaskMatchResult } from '../../matching/index.ts';
import { decodeMatches, encodeMatches, type EncodedMatches } from '../domain/match-cache-codec.ts';
import { packJson, unpackJson } from './gzip-json.ts';
import { matchCacheModel, type MatchCacheDoc, type MatchCachePartKind } from './match-cache-model.ts';

/** Distinct tasks per stored part: about 2 MB of JSON before gzip. */
export const MATCH_CACHE_PART_SIZE = 20_000;

/** What a read of an engagement's match cache found. */
export interface StoredMatches {
  /** The results matched under the fingerprint asked for, by task key. */
  results: Map<string, TaskMatchResult>;
  /** Every part of the engagement the read saw, under any fingerprint: what a save then replaces. */
  partIds: readonly Types.ObjectId[];
  /** Whether any part under the fingerprint was written as tasks came in. */
  hasIncoming: boolean;
}

/** A part of the cache as listed, without its data. */
export interface ListedPart {
  _id: Types.ObjectId;
  entryCount: number;
}

/**
 * The engagement's cached results matched under `fingerprint` (computed and incoming parts alike).
 * Parts in `unread` (ids of incoming parts whose results the caller holds) are listed but not read.
 */
export async function loadMatchCache(connection: Connection, engagementId: string, fingerprint: string, unread: ReadonlySet<string> = new Set()): Promise<StoredMatches> {
  const MatchCache = await matchCacheModel(connection);
  // Listed first without their data: parts of other modules are only to be replaced, never read.
  const listed = await MatchCache.collection.find({ engagementId: new Types.ObjectId(engagementId) }, { projection: { fingerprint: 1, kind: 1 } }).toArray();
  const wanted = listed.filter((part) => part.fingerprint === fingerprint);
  const results = await readParts(connection, wanted.map((part) => part._id).filter((id) => !unread.has(id.toHexString())));
  return { results, partIds: listed.map((part) => part._id), hasIncoming: wanted.some((part) => part.kind === 'incoming') };
}

/**
 * Replaces the parts a read saw (`replacing`) with these results, in one transaction (a reader sees
 * the old parts or the new ones). Results of tasks that are gone (reworded, erased) are not carried
 * over. Parts written since that read (results that came in meanwhile) are left as they are, but for
 * `writtenSince`: incoming parts the caller wrote from results it holds and will write again.
 */
export async function saveMatchCache(
  connection: Connection,
  engagementId: string,
  fingerprint: string,
  results: ReadonlyMap<string, TaskMatchResult>,
  replacing: Pick<StoredMatches, 'partIds'>,
  writtenSince: Iterable<string> = [],
): Promise<void> {
  const MatchCache = await matchCacheModel(connection);
  const parts = await packParts(engagementId, fingerprint, 'computed', results);
  const partIds = [...replacing.partIds, ...[...writtenSince].map((id) => new Types.ObjectId(id))];
  await connection.transaction(async (session) => {
    await MatchCache.deleteMany({ _id: ours({ $in: partIds }) }, { session });
    if (parts.length > 0) await MatchCache.insertMany(parts, { session });
  });
}

/** The results in these parts (by id), whatever their engagement or fingerprint: parts a load left unread, read after all. */
export async function loadMatchCacheParts(connection: Connection, partIds: Iterable<string>): Promise<Map<string, TaskMatchResult>> {
  return readParts(connection, [...partIds].map((id) => new Types.ObjectId(id)));
}

/** Writes results that came in as incoming parts, beside the engagement's cache; the ids of the parts written. */
export async function appendIncomingMatches(connection: Connection, engagementId: string, fingerprint: string, results: ReadonlyMap<string, TaskMatchResult>): Promise<string[]> {
  const MatchCache = await matchCacheModel(connection);
  const parts = await packParts(engagementId, fingerprint, 'incoming', results);
  return parts.length > 0 ? (await MatchCache.insertMany(parts)).map((part) => part._id.toHexString()) : [];
}

/** The engagement's incoming parts under `fingerprint`, without their data. */
export async function listIncomingParts(connection: Connection, engagementId: string, fingerprint: string): Promise<ListedPart[]> {
  const MatchCache = await matchCacheModel(connection);
  return MatchCache.collection
    .find({ engagementId: new Types.ObjectId(engagementId), fingerprint, kind: 'incoming' }, { projection: { entryCount: 1 } })
    .toArray() as Promise<ListedPart[]>;
}

/**
 * Merges incoming parts into one (or a few, past `MATCH_CACHE_PART_SIZE`), in one transaction, and
 * gives the ids of the parts written. When any of them is gone already (a computation replaced it,
 * or another instance merged it), nothing is written and none come back: their results are stored
 * elsewhere.
 */
export async function mergeIncomingParts(connection: Connection, engagementId: string, fingerprint: string, partIds: readonly Types.ObjectId[]): Promise<string[] | undefined> {
  const MatchCache = await matchCacheModel(connection);
  const parts = await packParts(engagementId, fingerprint, 'incoming', await readParts(connection, partIds));
  try {
    return await connection.transaction(async (session) => {
      const { deletedCount } = await MatchCache.deleteMany({ _id: ours({ $in: [...partIds] }) }, { session });
      if (deletedCount !== partIds.length) throw new PartsGone();
      return (await MatchCache.insertMany(parts, { session })).map((part) => part._id.toHexString());
    });
  } catch (err) {
    if (err instanceof PartsGone) return undefined;
    throw err;
  }
}

/** The engagement's match cache, inside the caller's transaction (removing a demo engagement). */
export async function deleteMatchCacheOf(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const MatchCache = await matchCacheModel(connection);
  await MatchCache.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
}

/** An operator we write ourselves (sanitizeFilter is on globally): the ids come from our own reads. */
const ours = (operator: object) => mongoose.trusted(operator);

/** Aborts a merge whose parts changed under it. */
class PartsGone extends Error {}

async function readParts(connection: Connection, partIds: readonly Types.ObjectId[]): Promise<Map<string, TaskMatchResult>> {
  const results = new Map<string, TaskMatchResult>();
  if (partIds.length === 0) return results;
  const MatchCache = await matchCacheModel(connection);
  const parts = await MatchCache.collection.find({ _id: { $in: [...partIds] } }, { projection: { data: 1 } }).toArray();
  for (const part of parts) decodeMatches(await unpackJson<EncodedMatches>(part.data), results);
  return results;
}

async function packParts(engagementId: string, fingerprint: string, kind: MatchCachePartKind, results: ReadonlyMap<string, TaskMatchResult>) {
  const entries = [...results];
  const parts: Array<Omit<MatchCacheDoc, '_id' | 'createdAt'>> = [];
  for (let start = 0; start < entries.length; start += MATCH_CACHE_PART_SIZE) {
    const encoded = encodeMatches(new Map(entries.slice(start, start + MATCH_CACHE_PART_SIZE)));
    parts.push({ engagementId: new Types.ObjectId(engagementId), fingerprint, kind, part: parts.length, entryCount: encoded.entries.length, data: await packJson(encoded) });
  }
  return parts;
}
