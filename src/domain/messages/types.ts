/**
 * Message catalogs: every text the engine's results need, keyed by a stable
 * code, in English and Simplified Chinese. Templates use `{param}` placeholders
 * filled from a MessageRef's params. Each area of the engine has its own part
 * (score.ts, health.ts, ...); index.ts merges them.
 */
export type Locale = 'en' | 'zh-CN';
export type CatalogPart = Record<Locale, Record<string, string>>;
