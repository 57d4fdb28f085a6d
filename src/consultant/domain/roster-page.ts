/**
 * One page of the roster as the overview shows it: filtered by words of a name or e-mail, a
 * department and a stage, 50 people at a time. A roster of thousands would otherwise be one
 * table of thousands of rows, each with its forms; a consultant chasing late intakes wants
 * "Finance, not submitted" instead.
 */
export const ROSTER_PAGE_SIZE = 50;

export interface RosterFilter {
  /** Words that must all appear in the name or e-mail, in any case and with or without accents. */
  text: string;
  department: string;
  stage: string;
  page: number;
}

interface Listed {
  name: string;
  email: string;
  department: string;
  stage: string;
}

export interface RosterPage<T> {
  people: T[];
  /** People on the roster, before filtering. */
  total: number;
  /** People the filter matches. */
  matching: number;
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last person shown among the matching. */
  from: number;
  to: number;
  isFiltered: boolean;
}

/** Reads the filter from a query string; anything unexpected (arrays, objects, junk pages) falls back to "all". */
export function readRosterFilter(query: Record<string, unknown>, known: { departments: readonly string[]; stages: readonly string[] }): RosterFilter {
  const text = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
  const department = typeof query.department === 'string' && known.departments.includes(query.department) ? query.department : '';
  const stage = typeof query.stage === 'string' && known.stages.includes(query.stage) ? query.stage : '';
  const page = typeof query.page === 'string' && /^\d{1,6}$/.test(query.page) ? Math.max(1, Number(query.page)) : 1;
  return { text, department, stage, page };
}

export function pageRoster<T extends Listed>(roster: readonly T[], filter: RosterFilter): RosterPage<T> {
  const words = searchable(filter.text).split(/\s+/).filter(Boolean);
  const matches = roster.filter((person) => {
    if (filter.department && person.department !== filter.department) return false;
    if (filter.stage && person.stage !== filter.stage) return false;
    const haystack = searchable(`${person.name} ${person.email}`);
    return words.every((word) => haystack.includes(word));
  });
  const pageCount = Math.max(1, Math.ceil(matches.length / ROSTER_PAGE_SIZE));
  // A page past the end (the roster shrank since the link was made) shows the last one.
  const page = Math.min(filter.page, pageCount);
  const start = (page - 1) * ROSTER_PAGE_SIZE;
  const people = matches.slice(start, start + ROSTER_PAGE_SIZE);
  return {
    people,
    total: roster.length,
    matching: matches.length,
    page,
    pageCount,
    from: people.length > 0 ? start + 1 : 0,
    to: start + people.length,
    isFiltered: words.length > 0 || filter.department !== '' || filter.stage !== '',
  };
}

// Letters that are not a base letter plus an accent, so taking accents off leaves them as they are.
const OWN_LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** Text as a consultant types it into a search box: lower case, no accents, "Ørsted" as "orsted". */
function searchable(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[øæœßđðłþı]/g, (letter) => OWN_LETTERS[letter]);
}
