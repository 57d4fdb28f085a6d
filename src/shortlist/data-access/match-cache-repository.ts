import { Types, type ClientSession, type Connection } from 'mongoose';
import type { TaskMatchResult } from '../../matching/index.ts';
import { decodeMatches, encodeMatches, type EncodedMatches } from '../domain/match-cache-codec.ts';
import { packJson, unpackJson } from './gzip-json.ts';
import { matchCacheModel, type MatchCacheDoc } from './match-cache-model.ts';

/** Distinct tasks per stored part: about 2 MB of JSON before gzip. */
export const MATCH_CACHE_PART_SIZE = 20_000;

/** The engagement's cached results matched under `fingerprint`, by task key; empty when there are none. */
export async function loadMatchCache(connection: Connection, engagementId: string, fingerprint: string): Promise<Map<string, TaskMatchResult>> {
  const MatchCache = await matchCacheModel(connection);
  const parts = await MatchCache.collection.find({ engagementId: new Types.ObjectId(engagementId), fingerprint }, { projection: { data: 1 } }).toArray();
  const results = new Map<string, TaskMatchResult>();
  for (const part of parts) decodeMatches(await unpackJson<EncodedMatches>(part.data), results);
  return results;
}

/**
 * Replaces the engagement's cache with these results, in one transaction (a reader sees the old
 * parts or the new ones). Results of tasks that are gone (reworded, erased) are not carried over.
 */
export async function saveMatchCache(connection: Connection, engagementId: string, fingerprint: string, results: ReadonlyMap<string, TaskMatchResult>): Promise<void> {
  const MatchCache = await matchCacheModel(connection);
  const entries = [...results];
  const parts: Array<Omit<MatchCacheDoc, '_id' | 'createdAt'>> = [];
  for (let start = 0; start < entries.length; start += MATCH_CACHE_PART_SIZE) {
    const slice = new Map(entries.slice(start, start + MATCH_CACHE_PART_SIZE));
    const encoded = encodeMatches(slice);
    parts.push({ engagementId: new Types.ObjectId(engagementId), fingerprint, part: parts.length, entryCount: encoded.entries.length, data: await packJson(encoded) });
  }
  await connection.transaction(async (session) => {
    await MatchCache.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
    if (parts.length > 0) await MatchCache.insertMany(parts, { session });
  });
}

/** The engagement's match cache, inside the caller's transaction (removing a demo engagement). */
export async function deleteMatchCacheOf(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const MatchCache = await matchCacheModel(connection);
  await MatchCache.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
}
