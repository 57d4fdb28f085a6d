import { isPlainObject, type Doc } from '../values/documents.ts';

/**
 * The projections applications send most, applied without the query engine: fields included
 * (1 / true), top-level or dotted into embedded documents (`answers.jobTitle`), or top-level
 * fields excluded (0 / false). mingo resolves every path of every document through its general
 * machinery, which for a 40,000-document listing of five fields cost more than finding and
 * encoding the documents; picking properties costs a few µs.
 * Anything else (operators, `$` keys, other values, dotted exclusions, overlapping paths) returns
 * null, and so does `apply` for a document where a dotted path meets an array or a value that is
 * not a document (mongod's rules there are subtler): the caller then uses mingo.
 */
export interface SimpleProjection {
  apply(doc: Doc): Doc | null;
}

/** Included fields: `true` for a whole value, a subtree for the fields kept inside an embedded document. */
type Inclusion = Map<string, true | Inclusion>;

export function simpleProjection(projection: Doc): SimpleProjection | null {
  const included: Inclusion = new Map();
  const excluded = new Set<string>();
  let isIdIncluded = true;
  for (const [path, value] of Object.entries(projection)) {
    const isIncluded = value === 1 || value === true ? true : value === 0 || value === false ? false : null;
    if (isIncluded === null || path.includes('$')) return null;
    if (path === '_id') isIdIncluded = isIncluded;
    else if (!isIncluded) {
      if (path.includes('.')) return null;
      excluded.add(path);
    } else if (!addPath(included, path.split('.'))) return null;
  }
  // Mixing inclusion and exclusion is an error mongod reports; mingo reports it the same way.
  if (included.size > 0 && excluded.size > 0) return null;
  // `{_id: 1}` alone is an inclusion of nothing else; `{_id: 0}` alone excludes only _id.
  const isInclusion = included.size > 0 || (isIdIncluded && excluded.size === 0);
  if (isInclusion) {
    if (included.has('_id')) return null;
    if (isIdIncluded) included.set('_id', true);
    return { apply: (doc) => pickIncluded(doc, included) };
  }
  if (!isIdIncluded) excluded.add('_id');
  return { apply: (doc) => pickExcept(doc, excluded) };
}

/** Adds `a.b.c` to the tree; false when it overlaps a path already there (`a` and `a.b`: mongod refuses it). */
function addPath(tree: Inclusion, parts: string[]): boolean {
  if (parts.some((part) => part === '')) return false;
  const [head, ...rest] = parts;
  const existing = tree.get(head);
  if (rest.length === 0) {
    if (existing !== undefined) return false;
    tree.set(head, true);
    return true;
  }
  if (existing === true) return false;
  const subtree = existing ?? new Map();
  tree.set(head, subtree);
  return addPath(subtree, rest);
}

/** The kept fields, in the stored order (as mongod returns them); null when a document needs mingo. */
function pickIncluded(doc: Doc, tree: Inclusion): Doc | null {
  const projected: Doc = {};
  for (const field in doc) {
    const kept = tree.get(field);
    if (kept === undefined) continue;
    if (kept === true) {
      projected[field] = doc[field];
      continue;
    }
    const value = doc[field];
    if (!isPlainObject(value)) return null;
    const inner = pickIncluded(value, kept);
    if (inner === null) return null;
    projected[field] = inner;
  }
  return projected;
}

function pickExcept(doc: Doc, excluded: ReadonlySet<string>): Doc {
  const projected: Doc = {};
  for (const field in doc) if (!excluded.has(field)) projected[field] = doc[field];
  return projected;
}
