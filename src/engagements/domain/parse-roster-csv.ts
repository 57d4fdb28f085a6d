import { parse, type CsvError } from 'csv-parse/sync';

export const ROSTER_COLUMNS = ['name', 'email', 'department', 'roleLevel', 'managerEmail'] as const;
const REQUIRED_COLUMNS = ['name', 'email', 'department', 'roleLevel'];

/** A problem with an uploaded roster, located by line (1 is the header). */
export interface LineProblem {
  line: number;
  pointer?: string;
  message: string;
}

export interface ParsedRoster {
  /** One object per good row, holding only non-empty cells; validation of the values comes later. */
  people: Array<Record<string, string>>;
  /** The line each entry of `people` ended on, to report later problems by line. */
  lines: number[];
  problems: LineProblem[];
  /** Whether the header has the optional `managerEmail` column (without it, the file says nothing about managers). */
  hasManagerColumn: boolean;
}

/**
 * Parses `text/csv` with the header `name,email,department,roleLevel,managerEmail` (any order,
 * `managerEmail` optional; commas, or semicolons throughout) using csv-parse. Malformed rows are
 * skipped and each reported by its line, so one upload lists every problem at once.
 */
export function parseRosterCsv(text: string): ParsedRoster {
  const errors: CsvError[] = [];
  const records = parse(text, {
    bom: true,
    delimiter: delimiterOf(text),
    // Spreadsheets mix line endings; without this the first line's ending would be imposed on all.
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: false,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (error) errors.push(error);
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;

  const headerLength = records[0]?.record.length ?? 0;
  // One problem per line: after a stray quote the parser may trip twice on the same row.
  const problems: LineProblem[] = errors
    .map((error) => ({ line: Number(error.lines ?? 0), message: describeCsvError(error, headerLength) }))
    .filter((problem, i, all) => all.findIndex((p) => p.line === problem.line) === i);
  if (records.length === 0) {
    return { people: [], lines: [], hasManagerColumn: false, problems: problems.length ? problems : [{ line: 1, message: 'The file is empty; it needs a header row and at least one person.' }] };
  }
  const [header, ...rows] = records;
  const columns = header.record.map((name) => ROSTER_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase()) ?? name);
  const unknown = columns.filter((c) => !(ROSTER_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (unknown.length || missing.length || new Set(columns).size !== columns.length) {
    const details = [
      ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
      ...(unknown.length ? [`unknown ${unknown.map((u) => `"${u}"`).join(', ')}`] : []),
      ...(new Set(columns).size !== columns.length ? ['a column appears twice'] : []),
    ];
    problems.unshift({ line: header.info.lines, message: `The header must be ${ROSTER_COLUMNS.join(',')} (${details.join('; ')}).` });
    return { people: [], lines: [], hasManagerColumn: false, problems };
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: header.info.lines, message: 'There are no people below the header.' });
  // Role levels are read like the header and the departments: a spreadsheet's "Manager" is the role manager.
  const cell = (column: string, value: string) => (column === 'roleLevel' ? value.toLowerCase() : value);
  const people = rows.map(({ record }) => Object.fromEntries(columns.map((c, i) => [c, cell(c, record[i])]).filter(([, value]) => value !== '')));
  return { people, lines: rows.map((r) => r.info.lines), hasManagerColumn: columns.includes('managerEmail'), problems: problems.sort((a, b) => a.line - b.line) };
}

/**
 * Spreadsheets in locales whose decimal mark is a comma (German, French…) save "CSV" with semicolons.
 * The header says which: semicolons and no comma there mean a semicolon file. One delimiter per file,
 * so a comma inside a name in such a file needs no quotes.
 */
function delimiterOf(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0];
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

function describeCsvError(error: CsvError, headerLength: number): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `This row has ${Array.isArray(error.record) ? error.record.length : 'a different number of'} values; the header has ${headerLength} columns.`;
    // csv-parse spells this one code without its CSV_ prefix: a quote inside an unquoted value (Ana "Al" Lima).
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_QUOTE_NOT_CLOSED':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'This row has a misplaced or unclosed double quote.';
    default:
      return error.message;
  }
}
