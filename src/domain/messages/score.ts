import type { CatalogPart } from './types.js';

/** Messages of the score area: code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {},
  'zh-CN': {},
};
