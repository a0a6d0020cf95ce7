import { z } from 'zod';
import { fromDayNumber, dayNumber } from '../domain/dates.js';
import type { ZonedCalendar } from './local-date.js';
import { crmObjectTypeSchema, type CrmObjectType } from './records.js';

/**
 * Reads HubSpot's string-valued properties into typed values. A value that is
 * set but unusable (rating "7", satisfaction "abc") becomes null and a
 * warning — never an exception, never a silent zero. An unset value (null,
 * missing or blank) is simply null.
 */

export const mappingWarningSchema = z.object({
  objectType: crmObjectTypeSchema,
  objectId: z.string(),
  property: z.string(),
  value: z.string(),
  problem: z.string(),
});
export type MappingWarning = z.infer<typeof mappingWarningSchema>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DIGITS = /^-?\d+$/;

export class ValueReader {
  constructor(
    private readonly warnings: MappingWarning[],
    private readonly objectType: CrmObjectType,
    private readonly objectId: string,
    private readonly props: Record<string, string | null | undefined>,
  ) {}

  /** Trimmed text; blank = null. */
  text(name: string): string | null {
    const v = this.props[name];
    if (v === null || v === undefined) return null;
    const t = v.trim();
    return t === '' ? null : t;
  }

  number(
    name: string,
    range: { min?: number; max?: number; integer?: boolean } = {},
  ): number | null {
    const raw = this.text(name);
    if (raw === null) return null;
    const n = Number(raw);
    if (!Number.isFinite(n)) return this.warn(name, raw, 'not a number');
    if (range.integer && !Number.isInteger(n)) return this.warn(name, raw, 'not a whole number');
    if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) {
      return this.warn(name, raw, `out of range ${range.min ?? '−∞'}…${range.max ?? '∞'}`);
    }
    return n;
  }

  /** A 1–5 rating. */
  rating(name: string): number | null {
    return this.number(name, { min: 1, max: 5 });
  }

  /** A purchase-factor advantage −2…+2. */
  advantage(name: string): number | null {
    return this.number(name, { min: -2, max: 2, integer: true });
  }

  bool(name: string): boolean | null {
    const raw = this.text(name);
    if (raw === null) return null;
    const v = raw.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
    return this.warn(name, raw, 'not true or false');
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | null {
    const raw = this.text(name);
    if (raw === null) return null;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    return this.warn(name, raw, `not one of ${allowed.join(', ')}`);
  }

  /**
   * A date-typed property. HubSpot stores those as midnight UTC, so the UTC
   * calendar date is the date the user picked (no zone conversion).
   */
  date(name: string): string | null {
    const raw = this.text(name);
    if (raw === null) return null;
    if (DATE_ONLY.test(raw)) {
      // Reject impossible dates such as 2026-02-30 (they would roll over silently).
      return fromDayNumber(dayNumber(raw)) === raw ? raw : this.warn(name, raw, 'not a date');
    }
    const ms = parseInstant(raw);
    if (ms === null) return this.warn(name, raw, 'not a date');
    return new Date(ms).toISOString().slice(0, 10);
  }

  /** A datetime property as the portal-local calendar date. */
  localDate(name: string, calendar: ZonedCalendar): string | null {
    const raw = this.text(name);
    if (raw === null) return null;
    const ms = parseInstant(raw);
    if (ms === null) return this.warn(name, raw, 'not a date-time');
    return calendar.dateOf(ms);
  }

  /** Records a problem that is not about a single value's format. */
  warn(property: string, value: string, problem: string): null {
    this.warnings.push({
      objectType: this.objectType,
      objectId: this.objectId,
      property,
      value,
      problem,
    });
    return null;
  }
}

/** ISO 8601 instant or epoch milliseconds (both occur in HubSpot payloads) → ms; null if neither. */
export function parseInstant(raw: string): number | null {
  if (DIGITS.test(raw)) {
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : null;
  }
  // Date.parse accepts loose formats and reads a zone-less time in the process's
  // zone; require ISO with an explicit zone (a bare date means midnight UTC).
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(raw))
    return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : ms;
}
