import type { Settings } from '../domain/settings.js';

/**
 * The 3R deadlines: respond-by and plan-by are `hours` after an alert opens,
 * counted on the wall clock or in business hours (Mon–Fri, startHour–endHour
 * in the portal's time zone). Business time is measured as real elapsed time
 * inside each day's window, so a DST change (which happens at night) never
 * stretches or shrinks a working day.
 */

export type SlaSettings = Pick<Settings, 'timeZone'> & {
  alerts: Pick<Settings['alerts'], 'slaClock' | 'businessHours'>;
};

const MS_PER_HOUR = 3_600_000;

interface LocalParts {
  y: number;
  m: number;
  d: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    y: out.year,
    m: out.month,
    d: out.day,
    hour: out.hour === 24 ? 0 : out.hour,
    minute: out.minute,
    second: out.second,
  };
}

/** Offset of the zone from UTC at an instant, in ms (New York in winter: −5 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.hour, p.minute, p.second);
  return asUtc - (ms - (ms % 1000));
}

/**
 * The instant a local wall-clock time names. A time skipped by a DST jump
 * resolves to the instant just after the jump; a repeated one to the first.
 */
export function instantOfLocal(
  y: number,
  m: number,
  d: number,
  hour: number,
  timeZone: string,
): number {
  const guess = Date.UTC(y, m - 1, d, hour);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  if (first === second) return first;
  // The offset changed between the guesses: take the one whose reading matches, else the later.
  const p = localParts(Math.min(first, second), timeZone);
  return p.hour === hour ? Math.min(first, second) : Math.max(first, second);
}

/** Day of the week of a civil date: 0 = Sunday … 6 = Saturday. */
function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function nextCivilDay(y: number, m: number, d: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Adds `hours` of SLA time to `start`: wall-clock hours, or business hours in the portal's zone. */
export function addSlaHours(start: Date, hours: number, settings: SlaSettings): Date {
  const total = Math.max(0, hours) * MS_PER_HOUR;
  if (settings.alerts.slaClock !== 'business') return new Date(start.getTime() + total);
  const { startHour, endHour } = settings.alerts.businessHours;
  const tz = settings.timeZone;
  let remaining = total;
  let cursor = start.getTime();
  let day = localParts(cursor, tz);
  // At most a few hundred iterations: one per calendar day crossed (max SLA is 90 days).
  for (let guard = 0; guard < 2000; guard++) {
    const isWorkday = ![0, 6].includes(weekday(day.y, day.m, day.d));
    if (isWorkday) {
      const windowStart = instantOfLocal(day.y, day.m, day.d, startHour, tz);
      const next = nextCivilDay(day.y, day.m, day.d);
      const windowEnd =
        endHour >= 24
          ? instantOfLocal(next.y, next.m, next.d, 0, tz)
          : instantOfLocal(day.y, day.m, day.d, endHour, tz);
      const from = Math.max(cursor, windowStart);
      if (from < windowEnd) {
        const available = windowEnd - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
      }
    }
    const next = nextCivilDay(day.y, day.m, day.d);
    day = { ...next, hour: 0, minute: 0, second: 0 };
    cursor = instantOfLocal(next.y, next.m, next.d, 0, tz);
  }
  return new Date(cursor + remaining);
}

/** "2026-03-14 11:00" in the portal's zone (task bodies and digest lines). */
export function formatLocalDateTime(date: Date, timeZone: string): string {
  const p = localParts(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.y}-${pad(p.m)}-${pad(p.d)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDay(date: Date, timeZone: string): string {
  const p = localParts(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}
