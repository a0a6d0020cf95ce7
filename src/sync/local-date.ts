import { fromDayNumber } from '../domain/dates.js';

/**
 * Instants ↔ local calendar days in one IANA time zone, fast enough for
 * millions of records: the zone offset is computed with Intl (microseconds)
 * once per UTC day, and only on a day with an offset change once per
 * 15-minute bucket (every modern change happens on a 15-minute boundary).
 */

const MS_PER_DAY = 86_400_000;
const BUCKET_MS = 900_000;
const MAX_CACHED = 250_000;

export class ZonedCalendar {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly dayOffsets = new Map<number, number>();
  private readonly offsets = new Map<number, number>();
  private readonly dates = new Map<number, string>();

  constructor(readonly timeZone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset of local time from UTC in ms (New York in winter: −5 h) at an instant. */
  offsetAt(ms: number): number {
    // Most UTC days have one offset all day: cache per day, per bucket only around a change.
    const day = Math.floor(ms / MS_PER_DAY);
    let offset = this.dayOffsets.get(day);
    if (offset === undefined) {
      const start = this.computeOffset(day * MS_PER_DAY);
      const end = this.computeOffset((day + 1) * MS_PER_DAY - BUCKET_MS);
      offset = start === end ? start : NaN;
      if (this.dayOffsets.size >= MAX_CACHED) this.dayOffsets.clear();
      this.dayOffsets.set(day, offset);
    }
    if (!Number.isNaN(offset)) return offset;
    const bucket = Math.floor(ms / BUCKET_MS);
    let exact = this.offsets.get(bucket);
    if (exact === undefined) {
      exact = this.computeOffset(bucket * BUCKET_MS);
      if (this.offsets.size >= MAX_CACHED) this.offsets.clear();
      this.offsets.set(bucket, exact);
    }
    return exact;
  }

  /** Local day number (days since 1970-01-01) of an instant. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / MS_PER_DAY);
  }

  /** Local date YYYY-MM-DD of an instant. */
  dateOf(ms: number): string {
    return this.dateOfDay(this.dayOf(ms));
  }

  dateOfDay(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) {
      date = fromDayNumber(day);
      if (this.dates.size >= MAX_CACHED) this.dates.clear();
      this.dates.set(day, date);
    }
    return date;
  }

  /**
   * The instant of a local wall-clock time (day number + minutes after local
   * midnight). A time skipped by a DST change resolves with the earlier offset.
   */
  instantOf(day: number, minutes: number): number {
    const wall = day * MS_PER_DAY + minutes * 60_000;
    const first = wall - this.offsetAt(wall);
    const second = wall - this.offsetAt(first);
    return second === first ? first : Math.min(first, second);
  }

  private computeOffset(ms: number): number {
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const part of this.formatter.formatToParts(new Date(ms))) {
      const v = Number(part.value);
      if (part.type === 'year') y = v;
      else if (part.type === 'month') mo = v;
      else if (part.type === 'day') d = v;
      else if (part.type === 'hour') h = v;
      else if (part.type === 'minute') mi = v;
      else if (part.type === 'second') s = v;
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) - ms;
  }
}

const calendars = new Map<string, ZonedCalendar>();

/** One shared calendar per time zone (its caches warm up once). */
export function zonedCalendar(timeZone: string): ZonedCalendar {
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    calendar = new ZonedCalendar(timeZone);
    calendars.set(timeZone, calendar);
  }
  return calendar;
}
