import type { EntryLocation, RosterEntry, RosterProblem } from './roster-rules.ts';

/**
 * The manager loops an upload would make: chains of "is managed by" that come back to where they
 * started (Ann manages Bo, Bo manages Ann). In a real organisation every chain ends at someone with no
 * manager on the roster, so a loop is almost always two columns swapped, and each person in it would
 * review the tasks of their own reviewer. The roster as it stands (`onRoster`: email → manager email)
 * and the upload are read together, since a loop can run through people who are not in the upload.
 * `keepManagers`: the upload has no manager column, so everyone keeps the manager they have (and it can
 * make no loop).
 */
export function managerLoopProblems(
  upload: readonly RosterEntry[],
  onRoster: ReadonlyMap<string, string>,
  locate: EntryLocation,
  options: { keepManagers?: boolean } = {},
): RosterProblem[] {
  const managerOf = new Map(onRoster);
  // Where the upload gives someone another manager than the roster has: only such a link can close a loop.
  const changedAt = new Map<string, number>();
  upload.forEach((entry, index) => {
    const manager = entry.managerEmail ?? (options.keepManagers ? onRoster.get(entry.email) : undefined);
    if (manager) managerOf.set(entry.email, manager);
    else managerOf.delete(entry.email);
    if (manager !== onRoster.get(entry.email)) changedAt.set(entry.email, index);
  });
  return findLoops(managerOf, [...changedAt.keys()]).flatMap((loop) => {
    // Reported once, at the first link of the upload in it. A loop without one was on the roster before
    // loops were refused: it is not this upload's doing, so it does not block it.
    const changed = loop.flatMap((email) => (changedAt.has(email) ? [changedAt.get(email)!] : []));
    if (changed.length === 0) return [];
    const index = Math.min(...changed);
    const where = locate(index);
    const chain = [...rotateTo(loop, upload[index].email), upload[index].email].join(' → ');
    const message = `This makes a loop of managers (${chain}): someone in it must report to a person outside it.`;
    return [{ pointer: `${where.pointer}/managerEmail`, ...(where.line ? { line: where.line } : {}), message: where.line ? `Line ${where.line}: ${message}` : message }];
  });
}

/**
 * Each loop reachable from `starts`, once, as the emails along it. Everyone has at most one manager,
 * so a walk up from a person either ends, meets a walk already finished, or closes a loop: every
 * person is walked through once, however long the chains.
 */
export function findLoops(managerOf: ReadonlyMap<string, string>, starts: readonly string[]): string[][] {
  const finished = new Set<string>();
  const loops: string[][] = [];
  for (const start of starts) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let email: string | undefined = start;
    while (email !== undefined && !finished.has(email)) {
      const seenAt = onPath.get(email);
      if (seenAt !== undefined) {
        loops.push(path.slice(seenAt));
        break;
      }
      onPath.set(email, path.length);
      path.push(email);
      email = managerOf.get(email);
    }
    for (const walked of path) finished.add(walked);
  }
  return loops;
}

function rotateTo(loop: readonly string[], first: string): string[] {
  const at = loop.indexOf(first);
  return [...loop.slice(at), ...loop.slice(0, at)];
}
