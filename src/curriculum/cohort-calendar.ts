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
}

/** Minutes kept free between two sessions of a cohort on the same day. */
const BUFFER_MINUTES = 15;
/** Start times sit on a quarter-hour grid counted from the start of the working day. */
const GRID_MINUTES = 15;
/** How far a search may look before it gives up (then the item is flagged `not-scheduled`). */
export const SEARCH_HORIZON_DAYS = 730;

export function addDays(date: IsoDate, days: number): IsoDate {
  return asDate(date).plus({ days }).toISODate() as IsoDate;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(asDate(to).diff(asDate(from), 'days').days);
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
  return instant.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

function asDate(date: IsoDate): DateTime {
  // UTC has no DST, so plus({days}) here is pure calendar arithmetic.
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

  constructor(private readonly zone: string, private readonly options: ScheduleOptions) {
    this.closed = new Set(options.closedDates);
    this.startClock = parseClock(options.workingHours.start);
    this.endClock = parseClock(options.workingHours.end);
  }

  /** The local date of an instant in the engagement's zone. */
  localDate(instant: DateTime): IsoDate {
    return instant.setZone(this.zone).toISODate() as IsoDate;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.options.workingDays.includes(asDate(date).weekday) && !this.closed.has(date);
  }

  /** The first working day on or after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let day = date;
    for (let i = 0; i < SEARCH_HORIZON_DAYS && !this.isWorkingDay(day); i += 1) day = addDays(day, 1);
    return day;
  }

  workingDayMinutes(date: IsoDate): number {
    return this.at(date, this.endClock).diff(this.at(date, this.startClock), 'minutes').minutes;
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
    this.bookings.push({ ...slot, id, week: isoWeekKey(slot.date) });
  }

  /** A copy of the bookings, to roll back a tentative plan. */
  snapshot(): readonly Booking[] {
    return [...this.bookings];
  }

  restore(snapshot: readonly Booking[]): void {
    this.bookings = [...snapshot];
  }

  private slotOn(date: IsoDate, minutes: number, notBefore?: DateTime, endBy?: DateTime): Slot | null {
    if (!this.isWorkingDay(date) || !this.hasRoom(date)) return null;
    const dayStart = this.at(date, this.startClock);
    const dayEnd = this.at(date, this.endClock);
    let start = notBefore && notBefore > dayStart ? roundUpToGrid(dayStart, notBefore) : dayStart;
    for (;;) {
      const end = start.plus({ minutes });
      if (end > dayEnd || (endBy && end > endBy)) return null;
      const clash = this.bookings.find((b) => b.date === date && overlaps(b, start, end));
      if (!clash) return { date, start, end };
      start = roundUpToGrid(dayStart, clash.end.plus({ minutes: BUFFER_MINUTES }));
    }
  }

  private hasRoom(date: IsoDate): boolean {
    const week = isoWeekKey(date);
    const sameDay = this.bookings.filter((b) => b.date === date).length;
    const sameWeek = this.bookings.filter((b) => b.week === week).length;
    return sameDay < this.options.maxSessionsPerDay && sameWeek < this.options.maxSessionsPerWeek;
  }

  private at(date: IsoDate, clock: { hour: number; minute: number }): DateTime {
    const day = asDate(date);
    return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, ...clock }, { zone: this.zone });
  }
}

function overlaps(booking: Slot, start: DateTime, end: DateTime): boolean {
  const buffer = { minutes: BUFFER_MINUTES };
  return start < booking.end.plus(buffer) && booking.start < end.plus(buffer);
}

function roundUpToGrid(dayStart: DateTime, instant: DateTime): DateTime {
  const offset = Math.ceil(instant.diff(dayStart, 'minutes').minutes / GRID_MINUTES) * GRID_MINUTES;
  return dayStart.plus({ minutes: offset });
}

function parseClock(clock: string): { hour: number; minute: number } {
  const [hour, minute] = clock.split(':').map(Number);
  return { hour, minute };
}
