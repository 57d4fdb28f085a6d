import type { Doc } from '../values/documents.ts';

/**
 * The projections applications send most — top-level fields only, each included (1 / true) or
 * excluded (0 / false) — applied without the query engine. mingo resolves every path of every
 * document through its general machinery, which for a 40,000-document listing of five fields
 * cost more than finding and encoding the documents; picking properties costs a few µs.
 * Anything else (dotted paths, operators, `$` keys, other values) returns null: the caller uses mingo.
 */
export interface TopLevelProjection {
  apply(doc: Doc): Doc;
}

export function topLevelProjection(projection: Doc): TopLevelProjection | null {
  const included = new Set<string>();
  const excluded = new Set<string>();
  let isIdIncluded = true;
  for (const [field, value] of Object.entries(projection)) {
    if (field.includes('.') || field.startsWith('$')) return null;
    const isIncluded = value === 1 || value === true ? true : value === 0 || value === false ? false : null;
    if (isIncluded === null) return null;
    if (field === '_id') isIdIncluded = isIncluded;
    else (isIncluded ? included : excluded).add(field);
  }
  // Mixing inclusion and exclusion is an error mongod reports; mingo reports it the same way.
  if (included.size > 0 && excluded.size > 0) return null;
  // `{_id: 1}` alone is an inclusion of nothing else; `{_id: 0}` alone excludes only _id.
  const isInclusion = included.size > 0 || (isIdIncluded && excluded.size === 0);
  if (isInclusion) return { apply: (doc) => pick(doc, (field) => (field === '_id' ? isIdIncluded : included.has(field))) };
  if (!isIdIncluded) excluded.add('_id');
  return { apply: (doc) => pick(doc, (field) => !excluded.has(field)) };
}

/** A new document with the fields kept, in the stored order (as mongod returns them). */
function pick(doc: Doc, isKept: (field: string) => boolean): Doc {
  const projected: Doc = {};
  for (const field in doc) if (isKept(field)) projected[field] = doc[field];
  return projected;
}
