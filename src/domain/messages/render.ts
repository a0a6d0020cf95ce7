import type { MessageRef } from '../snapshot.js';
import type { Locale } from './types.js';
import { catalog } from './index.js';

/**
 * Turns a MessageRef into text in one language.
 *
 * Placeholders: `{name}` or `{name:format}`. Formats:
 * - (none)  number → locale grouping, at most one decimal; string as is; boolean → yes/no; null → "—"
 * - `score` one decimal always (72 → "72.0"), as §11 rounds every score to one decimal
 * - `int`   whole number with grouping
 * - `pct`   number with at most one decimal followed by "%"
 * - `money` portal currency when `options.currency` is given, else a grouped whole number
 * - `date`  a YYYY-MM-DD local date (or an ISO instant, shown in `options.timeZone`) as a locale date
 * - `@prefix` the value names another message: renders `prefix.value` (e.g. `{stage:@summary.stage}`),
 *   falling back to the raw value when that message does not exist
 * An unknown code renders as `[code]` and a missing param leaves `{name}` visible: never a throw.
 */

export interface RenderOptions {
  /** ISO 4217 code of the portal's home currency, e.g. "USD", "CNY". */
  currency?: string | null;
  /** Time zone used to show ISO instants as dates (local dates are shown as they are). */
  timeZone?: string;
}

type Segment = string | { name: string; format: string };

const compiled = new Map<string, Segment[]>();

/** Splits a template once into literal text and placeholders (cached per template string). */
export function compileTemplate(template: string): Segment[] {
  const hit = compiled.get(template);
  if (hit) return hit;
  const out: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '{') {
      const end = template.indexOf('}', i + 1);
      const inner = end > i ? template.slice(i + 1, end) : '';
      const colon = inner.indexOf(':');
      const name = colon === -1 ? inner : inner.slice(0, colon);
      if (end > i && isName(name)) {
        if (text) out.push(text);
        text = '';
        out.push({ name, format: colon === -1 ? '' : inner.slice(colon + 1) });
        i = end + 1;
        continue;
      }
    }
    text += ch;
    i++;
  }
  if (text) out.push(text);
  compiled.set(template, out);
  return out;
}

function isName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    const digit = c >= 48 && c <= 57;
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

/** The placeholders of a template as `name` or `name:format`, sorted (used to compare languages). */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const seg of compileTemplate(template)) {
    if (typeof seg !== 'string') names.push(seg.format ? `${seg.name}:${seg.format}` : seg.name);
  }
  return [...new Set(names)].sort();
}

export function hasMessage(code: string, locale: Locale): boolean {
  return Object.prototype.hasOwnProperty.call(catalog[locale], code);
}

export function renderMessage(
  ref: MessageRef,
  locale: Locale,
  options: RenderOptions = {},
): string {
  const template = hasMessage(ref.code, locale)
    ? catalog[locale][ref.code]
    : hasMessage(ref.code, 'en')
      ? catalog.en[ref.code]
      : null;
  if (template === null) return `[${ref.code}]`;
  let out = '';
  for (const seg of compileTemplate(template)) {
    if (typeof seg === 'string') {
      out += seg;
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(ref.params, seg.name)) {
      out += seg.format ? `{${seg.name}:${seg.format}}` : `{${seg.name}}`;
      continue;
    }
    out += formatValue(ref.params[seg.name], seg.format, locale, options);
  }
  return out;
}

/** Renders each ref; joined with `separator` when given. */
export function renderAll(
  refs: readonly MessageRef[],
  locale: Locale,
  options?: RenderOptions,
): string[];
export function renderAll(
  refs: readonly MessageRef[],
  locale: Locale,
  options: RenderOptions,
  separator: string,
): string;
export function renderAll(
  refs: readonly MessageRef[],
  locale: Locale,
  options: RenderOptions = {},
  separator?: string,
): string[] | string {
  const lines = refs.map((r) => renderMessage(r, locale, options));
  return separator === undefined ? lines : lines.join(separator);
}

const NONE = '—';
const yesNo: Record<Locale, [string, string]> = { en: ['yes', 'no'], 'zh-CN': ['是', '否'] };

export function formatValue(
  value: string | number | boolean | null,
  format: string,
  locale: Locale,
  options: RenderOptions = {},
): string {
  if (value === null) return NONE;
  if (typeof value === 'boolean') return value ? yesNo[locale][0] : yesNo[locale][1];
  if (format.startsWith('@')) {
    const code = `${format.slice(1)}.${String(value)}`;
    return hasMessage(code, locale) || hasMessage(code, 'en')
      ? renderMessage({ code, params: {} }, locale, options)
      : String(value);
  }
  if (format === 'date')
    return typeof value === 'string' ? formatDate(value, locale, options.timeZone) : String(value);
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return String(value);
  switch (format) {
    case 'score':
      return numberFormat(locale, 'score').format(value);
    case 'int':
      return numberFormat(locale, 'int').format(value);
    case 'pct':
      return `${numberFormat(locale, 'plain').format(value)}%`;
    case 'money':
      return options.currency
        ? currencyFormat(locale, options.currency).format(value)
        : numberFormat(locale, 'int').format(value);
    default:
      return numberFormat(locale, 'plain').format(value);
  }
}

// Intl formatters are costly to build: one per locale and kind.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, kind: 'score' | 'int' | 'plain'): Intl.NumberFormat {
  const key = `${locale}|${kind}`;
  let f = numberFormats.get(key);
  if (!f) {
    const digits = kind === 'score' ? 1 : 0;
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: kind === 'int' ? 0 : 1,
    });
    numberFormats.set(key, f);
  }
  return f;
}

function currencyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const key = `${locale}|money|${currency}`;
  let f = numberFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        maximumFractionDigits: 0,
        minimumFractionDigits: 0,
      });
    } catch {
      // An unknown currency code must not break rendering: show the number with the code.
      const plain = numberFormat(locale, 'int');
      f = { format: (n: number) => `${plain.format(n)} ${currency}` } as Intl.NumberFormat;
    }
    numberFormats.set(key, f);
  }
  return f;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatDate(value: string, locale: Locale, timeZone = 'UTC'): string {
  const isLocalDate = value.length === 10 && value[4] === '-' && value[7] === '-';
  const ms = isLocalDate
    ? Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8, 10))
    : Date.parse(value);
  if (Number.isNaN(ms)) return value;
  // A local date is already in the portal zone: show it in UTC so it never shifts a day.
  const zone = isLocalDate ? 'UTC' : timeZone;
  const key = `${locale}|${zone}`;
  let f = dateFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    }
    dateFormats.set(key, f);
  }
  return f.format(ms);
}
