/**
 * Calendar arithmetic on local dates (YYYY-MM-DD) as integer day numbers
 * (days since 1970-01-01). Integer days keep the hot path free of Date objects
 * and of time zones: the mapper already turned instants into portal-local dates.
 */

const MS_PER_DAY = 86_400_000;

const TABLE_FROM_YEAR = 1900;
const TABLE_YEARS = 300;
/** Day number of the 1st of every month of 1900–2199, in order. */
const MONTH_STARTS = Int32Array.from({ length: TABLE_YEARS * 12 }, (_, i) =>
  daysFromCivil(TABLE_FROM_YEAR + Math.floor(i / 12), (i % 12) + 1, 1),
);

/** Day number of a YYYY-MM-DD string (no validation beyond shape: inputs are schema-checked). */
export function dayNumber(date: string): number {
  // Digits read by char code: no substrings, no number parsing (this runs for every deal and engagement).
  const y0 = date.charCodeAt(0) - 48;
  const y1 = date.charCodeAt(1) - 48;
  const y2 = date.charCodeAt(2) - 48;
  const y3 = date.charCodeAt(3) - 48;
  const m0 = date.charCodeAt(5) - 48;
  const m1 = date.charCodeAt(6) - 48;
  const d0 = date.charCodeAt(8) - 48;
  const d1 = date.charCodeAt(9) - 48;
  // Any non-digit (or a short string: NaN) → the general path, which keeps its exact old meaning.
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >>> 0 > 9 || !(date.length >= 10)) {
    return daysFromCivil(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10));
  }
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  const month = (y - TABLE_FROM_YEAR) * 12 + m - 1;
  // A table of month starts instead of the civil arithmetic (its divisions) for common years.
  if (month >= 0 && month < MONTH_STARTS.length && m >= 1 && m <= 12) return MONTH_STARTS[month] + d - 1;
  return daysFromCivil(y, m, d);
}

export function fromDayNumber(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Same day of month `months` later (clamped to the month's last day). */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = civilFromDays(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = daysInMonth(ny, nm);
  return daysFromCivil(ny, nm, Math.min(d, last));
}

export function daysInMonth(y: number, m: number): number {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

/** A fiscal quarter: index is a running number (year × 4 + q − 1) so quarters subtract. */
export interface Quarter {
  index: number;
  /** Fiscal year label: the calendar year in which the fiscal year ends. */
  year: number;
  q: 1 | 2 | 3 | 4;
  label: string;
  startDay: number;
  /** Exclusive end. */
  endDay: number;
}

/** Running quarter index of a day; quarters start in `fiscalStartMonth` (1 = calendar). */
export function quarterIndexOf(day: number, fiscalStartMonth = 1): number {
  const { y, m } = civilFromDays(day);
  const monthsIntoFiscal = (y * 12 + (m - 1)) - (fiscalStartMonth - 1);
  return Math.floor(monthsIntoFiscal / 3);
}

export function quarterFromIndex(index: number, fiscalStartMonth = 1): Quarter {
  const startMonthTotal = index * 3 + (fiscalStartMonth - 1);
  const sy = Math.floor(startMonthTotal / 12);
  const sm = (startMonthTotal % 12) + 1;
  const endTotal = startMonthTotal + 3;
  const startDay = daysFromCivil(sy, sm, 1);
  const endDay = daysFromCivil(Math.floor(endTotal / 12), (endTotal % 12) + 1, 1);
  const fiscalMonth = ((index * 3) % 12 + 12) % 12; // months since fiscal year start
  const q = (Math.floor(fiscalMonth / 3) + 1) as 1 | 2 | 3 | 4;
  // Fiscal year named by the calendar year it ends in (FY starting Apr 2026 = FY2027).
  const fyStartTotal = startMonthTotal - fiscalMonth;
  const fyEndYear = Math.floor((fyStartTotal + 11) / 12);
  const year = fiscalStartMonth === 1 ? sy : fyEndYear;
  return { index, year, q, label: `${year}Q${q}`, startDay, endDay };
}

/** The last `n` completed quarters before the quarter containing `today`, oldest first. */
export function lastCompletedQuarters(today: number, n: number, fiscalStartMonth = 1): Quarter[] {
  const current = quarterIndexOf(today, fiscalStartMonth);
  const out: Quarter[] = [];
  for (let i = n; i >= 1; i--) out.push(quarterFromIndex(current - i, fiscalStartMonth));
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date of an instant in a time zone (formatter cached: it is costly to build). */
export function localDateOf(instant: number | string | Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const d = instant instanceof Date ? instant : new Date(instant);
  return f.format(d);
}

export function dayOfInstant(instant: string | number, timeZone: string): number {
  return dayNumber(localDateOf(instant, timeZone));
}

export function msToDays(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}
