import { DateTime } from 'luxon';
import type { ScheduleOptions } from './schedule-options.ts';

/** A calendar date, `YYYY-MM-DD`. Day arithmetic runs on dates, never on 24-hour steps, so DST cannot shift a day. */
export type IsoDate = string;

export interface Slot {
  date: IsoDate;
  start: DateTime;
  end: DateTime;
}

interface Booking extends Slot {
  id: string;
  week: string;
  startMs: number;
  endMs: number;
}

/** What the calendar knows about one date; computed once, because zone offsets are costly to look up. */
export interface DayFacts {
  isWorking: boolean;
  week: string;
  /** Start and end of the working hours that day, as epoch milliseconds (the zone's offset already applied). */
  startMs: number;
  endMs: number;
}

/** Minutes kept free between two sessions of a cohort on the same day. */
const BUFFER_MINUTES = 15;
/** Start times sit on a quarter-hour grid counted from the start of the working day. */
const GRID_MINUTES = 15;
/** How far a search may look before it gives up (then the item is flagged `not-scheduled`). */
export const SEARCH_HORIZON_DAYS = 730;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Plain UTC arithmetic: UTC has no DST, so a day is always 24 hours here, and this runs in every search loop.
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

function utcMidnight(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** ISO week of a date, e.g. `2026-W10`: the week in which the cap is counted. */
export function isoWeekKey(date: IsoDate): string {
  return asDate(date).toFormat("kkkk-'W'WW");
}

/** Wall-clock time as ISO 8601 with a numeric offset (`+00:00` rather than `Z`, for uniform output). */
export function formatWithOffset(instant: DateTime): string {
  const iso = instant.toISO({ suppressMilliseconds: true }) as string;
  return iso.endsWith('Z') ? `${iso.slice(0, -1)}+00:00` : iso;
}

function asDate(date: IsoDate): DateTime {
  // Read in UTC so the weekday and ISO week are those of the calendar date, whatever the host's zone.
  return DateTime.fromISO(date, { zone: 'utc' });
}

/**
 * One cohort's bookings, and the search for free slots that respect working days and hours,
 * the daily and weekly caps, and a buffer between sessions. Holds state, hence a class.
 */
export class CohortCalendar {
  private bookings: Booking[] = [];
  private readonly closed: Set<string>;
  private readonly startClock: { hour: number; minute: number };
  private readonly endClock: { hour: number; minute: number };

  /** `days` may be shared by every cohort planned with the same zone and options. */
  constructor(
    private readonly zone: string,
    private readonly options: ScheduleOptions,
    private readonly days: Map<IsoDate, DayFacts> = new Map(),
  ) {
    this.closed = new Set(options.closedDates);
    this.startClock = parseClock(options.workingHours.start);
    this.endClock = parseClock(options.workingHours.end);
  }

  /** The local date of an instant in the engagement's zone. */
  localDate(instant: DateTime): IsoDate {
    return instant.setZone(this.zone).toISODate() as IsoDate;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.day(date).isWorking;
  }

  /** The first working day on or after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let day = date;
    for (let i = 0; i < SEARCH_HORIZON_DAYS && !this.isWorkingDay(day); i += 1) day = addDays(day, 1);
    return day;
  }

  workingDayMinutes(date: IsoDate): number {
    const { startMs, endMs } = this.day(date);
    return (endMs - startMs) / MINUTE_MS;
  }

  /** The latest day in [from, to] with room, taking the earliest free time that day; null when none. */
  findLatest(from: IsoDate, to: IsoDate, minutes: number, endBy?: DateTime): Slot | null {
    for (let day = to; day >= from; day = addDays(day, -1)) {
      const slot = this.slotOn(day, minutes, undefined, endBy);
      if (slot) return slot;
    }
    return null;
  }

  /** The earliest free slot on or after `from` (and not before `notBefore`); null past the horizon. */
  findEarliest(from: IsoDate, minutes: number, notBefore?: DateTime): Slot | null {
    let day = notBefore ? laterDate(from, this.localDate(notBefore)) : from;
    for (let i = 0; i < SEARCH_HORIZON_DAYS; i += 1, day = addDays(day, 1)) {
      const slot = this.slotOn(day, minutes, notBefore);
      if (slot) return slot;
    }
    return null;
  }

  book(id: string, slot: Slot): void {
    this.bookings.push({ ...slot, id, week: this.day(slot.date).week, startMs: slot.start.toMillis(), endMs: slot.end.toMillis() });
  }

  /** A copy of the bookings, to roll back a tentative plan. */
  snapshot(): readonly Booking[] {
    return [...this.bookings];
  }

  restore(snapshot: readonly Booking[]): void {
    this.bookings = [...snapshot];
  }

  // Instants as epoch milliseconds: adding minutes to an instant is exact across DST, and it keeps this loop cheap.
  private slotOn(date: IsoDate, minutes: number, notBefore?: DateTime, endBy?: DateTime): Slot | null {
    const { isWorking, startMs: dayStart, endMs: dayEnd } = this.day(date);
    if (!isWorking || !this.hasRoom(date)) return null;
    const floor = notBefore?.toMillis() ?? dayStart;
    const limit = Math.min(dayEnd, endBy?.toMillis() ?? dayEnd);
    const buffer = BUFFER_MINUTES * MINUTE_MS;
    let start = roundUpToGrid(dayStart, Math.max(dayStart, floor));
    for (;;) {
      const end = start + minutes * MINUTE_MS;
      if (end > limit) return null;
      const clash = this.bookings.find((b) => b.date === date && start < b.endMs + buffer && b.startMs < end + buffer);
      if (!clash) return { date, start: DateTime.fromMillis(start, { zone: this.zone }), end: DateTime.fromMillis(end, { zone: this.zone }) };
      start = roundUpToGrid(dayStart, clash.endMs + buffer);
    }
  }

  private hasRoom(date: IsoDate): boolean {
    const { week } = this.day(date);
    const sameDay = this.bookings.filter((b) => b.date === date).length;
    const sameWeek = this.bookings.filter((b) => b.week === week).length;
    return sameDay < this.options.maxSessionsPerDay && sameWeek < this.options.maxSessionsPerWeek;
  }

  private day(date: IsoDate): DayFacts {
    let facts = this.days.get(date);
    if (!facts) {
      const day = asDate(date);
      const at = (clock: { hour: number; minute: number }) =>
        DateTime.fromObject({ year: day.year, month: day.month, day: day.day, ...clock }, { zone: this.zone });
      facts = {
        isWorking: this.options.workingDays.includes(day.weekday) && !this.closed.has(date),
        week: isoWeekKey(date),
        startMs: at(this.startClock).toMillis(),
        endMs: at(this.endClock).toMillis(),
      };
      this.days.set(date, facts);
    }
    return facts;
  }
}

function roundUpToGrid(dayStart: number, instant: number): number {
  const grid = GRID_MINUTES * MINUTE_MS;
  return dayStart + Math.ceil((instant - dayStart) / grid) * grid;
}

function parseClock(clock: string): { hour: number; minute: number } {
  const [hour, minute] = clock.split(':').map(Number);
  return { hour, minute };
}
