import { ValidationError } from '../../platform/errors.ts';
import type { ErrorObject } from 'ajv';
import { toFieldProblems, type SchemaRegistry } from '../../platform/validation.ts';
import { parseRosterCsv } from './parse-roster-csv.ts';
import type { EntryLocation, RosterEntry } from './roster-rules.ts';

/** An upload's people as `addPeople` takes them, wherever they came from (JSON or CSV). */
export interface RosterUpload {
  entries: RosterEntry[];
  locate: EntryLocation;
  /** True for a CSV without the `managerEmail` column: the people it updates keep their managers. */
  keepManagers: boolean;
}

/**
 * A roster CSV as entries for `addPeople`: rows are checked with the same `people-add` schema as JSON,
 * and every problem (malformed rows and bad values alike) is reported by its line in one 400 `csv-invalid`.
 * `keepManagers` when the file has no `managerEmail` column: it then says nothing about managers.
 */
export function readRosterCsv(text: string, schemas: SchemaRegistry): RosterUpload {
  const parsed = parseRosterCsv(text);
  const validate = schemas.validator('people-add');
  const shapeProblems =
    parsed.people.length > 0 && !validate({ people: parsed.people })
      ? [
          ...tooManyPeople(validate.errors, parsed.lines),
          ...toFieldProblems(validate.errors).flatMap((problem) => {
            const match = /^\/people\/(\d+)(\/.*)?$/.exec(problem.pointer ?? '');
            if (!match) return [];
            const line = parsed.lines[Number(match[1])];
            const field = match[2] ? match[2].slice(1) : 'row';
            return [{ line, pointer: problem.pointer, message: `Line ${line}: ${field} ${problem.message}` }];
          }),
        ]
      : [];
  const problems = [...parsed.problems.map((p) => ({ ...p, message: `Line ${p.line}: ${p.message}` })), ...shapeProblems].sort((a, b) => a.line - b.line);
  if (problems.length) throw new ValidationError('The CSV has problems; nothing was changed.', problems, 'csv-invalid');
  return { entries: parsed.people as unknown as RosterEntry[], locate: (i) => ({ pointer: `/people/${i}`, line: parsed.lines[i] }), keepManagers: !parsed.hasManagerColumn };
}

/**
 * The schema's cap on one upload, reported at the first line over it. A CSV has no JSON body to
 * point into, and without this the cap, which is no row's problem, was dropped and the file let through.
 */
function tooManyPeople(errors: ErrorObject[] | null | undefined, lines: readonly number[]): Array<{ line: number; pointer: string; message: string }> {
  const cap = errors?.find((error) => error.keyword === 'maxItems' && error.instancePath === '/people');
  if (!cap) return [];
  const limit = Number((cap.params as { limit: number }).limit);
  const line = lines[limit];
  const count = (n: number) => n.toLocaleString('en-GB');
  return [{
    line,
    pointer: '/people',
    message: `Line ${line}: the file lists ${count(lines.length)} people and one upload takes at most ${count(limit)}. Split it and upload the parts one after another: people already on the roster are updated, never added twice.`,
  }];
}
