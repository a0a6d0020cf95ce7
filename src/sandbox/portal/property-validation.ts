import { isoTime } from './iso-time.js';
import { compactText } from './compact-text.js';
import type { PropertyDef } from './property-types.js';

/** HubSpot's per-property validation result, as embedded in its 400 messages. */
export interface PropertyValidationFailure {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  allowedValues?: string[];
}

export type Normalized =
  { ok: true; value: string | null } | { ok: false; failure: PropertyValidationFailure };

const MAX_STRING = 65536;
const DAY_MS = 86_400_000;

const fail = (
  name: string,
  error: string,
  message: string,
  allowedValues?: string[],
): Normalized => ({
  ok: false,
  failure: { isValid: false, message, error, name, localizedErrorMessage: message, allowedValues },
});

/**
 * Allowed option values of a definition, keyed by value to the option's own
 * string: stored values then share one string instance per option.
 */
const optionIndex = new WeakMap<PropertyDef['options'], Map<string, string>>();
function optionsOf(def: PropertyDef): Map<string, string> {
  let m = optionIndex.get(def.options);
  if (!m) optionIndex.set(def.options, (m = new Map(def.options.map((o) => [o.value, o.value]))));
  return m;
}

/** Shared instances of short free values (owner ids and the like). */
const shared = new Map<string, string>();
function share(v: string): string {
  if (v.length > 32) return v;
  const known = shared.get(v);
  if (known !== undefined) return known;
  if (shared.size < 100_000) shared.set(v, v);
  return v;
}

/**
 * The shared text of small whole numbers (ratings, percentages, counts) by
 * value: an array read instead of formatting and a lookup in the large map,
 * whose cache misses showed in batch updates of scores.
 */
const SMALL_INTS = 1024;
const smallInts = new Array<string | undefined>(SMALL_INTS);
function smallInt(n: number): string {
  return (smallInts[n] ??= share(String(n)));
}

/** Parses ms-since-epoch or ISO-8601 text; NaN when neither. */
export function parseTime(v: string): number {
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return NaN;
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
}

/**
 * Checks a written value against the property's type and gives back the
 * string HubSpot would store. Empty strings and null clear the value.
 */
export function normalizeValue(def: PropertyDef, raw: unknown): Normalized {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  const v =
    typeof raw === 'string'
      ? raw
      : typeof raw === 'number' || typeof raw === 'boolean'
        ? String(raw)
        : JSON.stringify(raw);
  const name = def.name;
  switch (def.type) {
    case 'number': {
      const n = Number(v.trim());
      if (v.trim() === '' || !Number.isFinite(n))
        return fail(name, 'INVALID_DECIMAL', `${v} was not a valid number.`);
      // Amounts, counts and durations repeat across millions of records: share short ones.
      if (Number.isInteger(n) && n >= 0 && n < SMALL_INTS) return { ok: true, value: smallInt(n) };
      const text = String(n);
      return { ok: true, value: text.length <= 8 ? share(text) : text };
    }
    case 'bool': {
      const s = v.toLowerCase();
      if (s !== 'true' && s !== 'false')
        return fail(name, 'INVALID_BOOLEAN', `${v} was not a valid boolean.`, ['true', 'false']);
      return { ok: true, value: s === 'true' ? 'true' : 'false' };
    }
    case 'date': {
      const t = parseTime(v);
      if (Number.isNaN(t)) return fail(name, 'INVALID_DATE', `${v} was not a valid date.`);
      if (t % DAY_MS !== 0) {
        const d = new Date(t);
        return fail(
          name,
          'INVALID_DATE',
          `${v} is at ${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}.${d.getUTCMilliseconds()} UTC, not midnight!`,
        );
      }
      return { ok: true, value: new Date(t).toISOString().slice(0, 10) };
    }
    case 'datetime': {
      const t = parseTime(v);
      if (Number.isNaN(t)) return fail(name, 'INVALID_DATETIME', `${v} was not a valid datetime.`);
      // Keep the caller's string when already canonical: one instance where a writer reuses it.
      const iso = isoTime(t);
      return { ok: true, value: iso === v ? v : iso };
    }
    case 'enumeration': {
      if (def.externalOptions) return { ok: true, value: share(compactText(v)) };
      const allowed = optionsOf(def);
      const single = allowed.get(v);
      if (single !== undefined) return { ok: true, value: single };
      const parts = def.fieldType === 'checkbox' ? v.split(';').filter((p) => p !== '') : [v];
      const bad = parts.find((p) => !allowed.has(p));
      if (bad !== undefined) {
        const values = [...allowed.keys()];
        return fail(
          name,
          'INVALID_OPTION',
          `${bad} was not one of the allowed options: [${values.join(', ')}]`,
          values,
        );
      }
      return { ok: true, value: parts.join(';') };
    }
    default:
      if (v.length > MAX_STRING) {
        return fail(
          name,
          'INVALID_STRING_LENGTH',
          `Property ${name} value exceeds the maximum length of ${MAX_STRING} characters.`,
        );
      }
      return { ok: true, value: compactText(v) };
  }
}

export function doesNotExist(name: string): PropertyValidationFailure {
  const message = `Property "${name}" does not exist`;
  return {
    isValid: false,
    message,
    error: 'PROPERTY_DOESNT_EXIST',
    name,
    localizedErrorMessage: message,
  };
}

export function readOnly(name: string): PropertyValidationFailure {
  const message = `"${name}" is a read only property; its value cannot be set.`;
  return {
    isValid: false,
    message,
    error: 'READ_ONLY_VALUE',
    name,
    localizedErrorMessage: message,
  };
}
