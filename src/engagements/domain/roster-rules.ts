import type { FieldProblem } from '../../platform/errors.ts';
import type { RoleLevel } from './engagement.ts';

/** One person as sent (JSON body or CSV row), already shape-checked against `people-add`. */
export interface RosterEntry {
  name: string;
  email: string;
  department: string;
  roleLevel: RoleLevel;
  managerEmail?: string;
}

/** Where an entry came from, for messages: its JSON pointer and, for CSV, its line. */
export type EntryLocation = (index: number) => { pointer: string; line?: number };

export type RosterProblem = FieldProblem & { line?: number };

/**
 * Departments are matched case-, spacing- and Unicode-form-insensitively (an accent may arrive as one
 * character or as letter plus combining mark, and both look the same); the engagement's spelling wins.
 */
export function canonicalDepartment(departments: readonly string[], name: string): string | undefined {
  const key = (value: string) => value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return departments.find((d) => key(d) === key(name));
}

/**
 * The rules of a roster upload beyond its shape: emails compared lowercased, each email once per upload,
 * departments among the engagement's, nobody their own manager. Returns the entries normalised, or every problem.
 */
export function prepareRoster(departments: readonly string[], entries: RosterEntry[], locate: EntryLocation): { people: RosterEntry[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const firstIndexOf = new Map<string, number>();
  const people = entries.map((entry, index) => {
    const where = locate(index);
    const report = (field: string, message: string) =>
      problems.push({ pointer: `${where.pointer}/${field}`, ...(where.line ? { line: where.line } : {}), message: where.line ? `Line ${where.line}: ${message}` : message });
    const email = entry.email.trim().toLowerCase();
    const managerEmail = entry.managerEmail?.trim().toLowerCase();
    const department = canonicalDepartment(departments, entry.department);
    if (!department) report('department', `"${entry.department}" is not a department of this engagement (${departments.join(', ')}).`);
    const first = firstIndexOf.get(email);
    if (first !== undefined) {
      const other = locate(first);
      report('email', `This email appears twice in the upload (also ${other.line ? `line ${other.line}` : other.pointer}).`);
    } else firstIndexOf.set(email, index);
    if (managerEmail === email) report('managerEmail', 'A person cannot be their own manager.');
    return {
      name: entry.name.trim(),
      email,
      department: department ?? entry.department,
      roleLevel: entry.roleLevel,
      ...(managerEmail ? { managerEmail } : {}),
    };
  });
  return { people, problems };
}
