// Copy of extensions/app/shared/i18n.ts, made by scripts/gen-extension-shared.ts (HubSpot builds each UI folder alone): edit the original.
import type { Locale } from './generated/catalog.js';
import type { MessageParams, MessageRef } from './generated/contract.js';
import {
  compileTemplate,
  formatValue,
  hasMessage,
  renderMessage,
  type RenderOptions,
} from './generated/render.js';
import { sharedText } from './text.js';

/**
 * Text in the user's language. Engine results arrive as message refs (code +
 * params) rendered from the generated catalog; UI labels come from small text
 * tables per folder, written with the same `{param:format}` placeholders.
 */

export type { Locale } from './generated/catalog.js';
export type TextTable = Record<Locale, Record<string, string>>;

/** HubSpot's user locale (e.g. "zh-cn", "zh-tw", "en-us") → one of ours: any Chinese → zh-CN, else en. */
export function localeOf(raw: string | null | undefined): Locale {
  return typeof raw === 'string' && raw.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface I18n {
  locale: Locale;
  options: RenderOptions;
  /** A UI label (or, failing that, a catalog message) by code. */
  t(code: string, params?: MessageParams): string;
  /** An engine message ref. */
  msg(ref: MessageRef): string;
  /** Number with locale grouping and at most `digits` decimals. */
  num(value: number | null, digits?: number): string;
  /** A score: always one decimal. */
  score(value: number | null): string;
  pct(value: number | null): string;
  money(value: number | null): string;
  /** A local date (YYYY-MM-DD) or instant, as a date. */
  date(value: string | null): string;
  /** An instant as date and time in the portal's time zone. */
  dateTime(value: string | null): string;
}

export interface I18nOptions {
  locale: Locale;
  texts?: readonly TextTable[];
  currency?: string | null;
  timeZone?: string;
}

const NONE = '—';

export function createI18n({
  locale,
  texts = [],
  currency = null,
  timeZone = 'UTC',
}: I18nOptions): I18n {
  const options: RenderOptions = { currency, timeZone };
  const tables = [sharedText, ...texts];
  const templateOf = (code: string): string | null => {
    for (const lang of [locale, 'en'] as const) {
      for (const table of tables) {
        const hit = table[lang][code];
        if (hit !== undefined) return hit;
      }
    }
    return null;
  };
  const fill = (template: string, params: MessageParams): string =>
    compileTemplate(template)
      .map((seg) => {
        if (typeof seg === 'string') return seg;
        if (!Object.prototype.hasOwnProperty.call(params, seg.name)) return `{${seg.name}}`;
        return formatValue(params[seg.name] ?? null, seg.format, locale, options);
      })
      .join('');
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const num = (value: number | null, digits = 1): string => {
    if (value === null || !Number.isFinite(value)) return NONE;
    let f = numberFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numberFormats.set(digits, f);
    }
    return f.format(value);
  };
  const dateTimeFormat = safeDateTimeFormat(locale, timeZone);
  return {
    locale,
    options,
    t: (code, params = {}) => {
      const template = templateOf(code);
      if (template !== null) return fill(template, params);
      return hasMessage(code, locale) || hasMessage(code, 'en')
        ? renderMessage({ code, params }, locale, options)
        : `[${code}]`;
    },
    msg: (ref) => renderMessage(ref, locale, options),
    num,
    score: (value) => (value === null ? NONE : formatValue(value, 'score', locale, options)),
    pct: (value) => (value === null ? NONE : formatValue(value, 'pct', locale, options)),
    money: (value) => (value === null ? NONE : formatValue(value, 'money', locale, options)),
    date: (value) => (value === null ? NONE : formatValue(value, 'date', locale, options)),
    dateTime: (value) => {
      if (value === null) return NONE;
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? value : dateTimeFormat.format(ms);
    },
  };
}

function safeDateTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    // An unknown zone from the portal must not break the card.
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
  }
}
