import type { CatalogPart, Locale } from './types.js';
import { messages as score } from './score.js';
import { messages as rank } from './rank.js';
import { messages as tier } from './tier.js';
import { messages as purchaseFactors } from './purchase-factors.js';
import { messages as lifecycle } from './lifecycle.js';
import { messages as committee } from './committee.js';
import { messages as cadence } from './cadence.js';
import { messages as health } from './health.js';
import { messages as team } from './team.js';
import { messages as alerts } from './alerts.js';
import { messages as summary } from './summary.js';
import { messages as common } from './common.js';

/**
 * The whole message catalog: every area's part merged into one code → template
 * map per language. Rendering lives in render.ts (renderMessage, renderAll).
 */

export type { CatalogPart, Locale } from './types.js';

export const locales: readonly Locale[] = ['en', 'zh-CN'];

/** The parts by area, so tests can check each one (both languages, same placeholders, no clashes). */
export const catalogParts: Readonly<Record<string, CatalogPart>> = {
  score,
  rank,
  tier,
  'purchase-factors': purchaseFactors,
  lifecycle,
  committee,
  cadence,
  health,
  team,
  alerts,
  summary,
  common,
};

function merge(parts: Readonly<Record<string, CatalogPart>>): CatalogPart {
  const out: CatalogPart = { en: {}, 'zh-CN': {} };
  for (const part of Object.values(parts)) {
    for (const locale of locales) Object.assign(out[locale], part[locale]);
  }
  return out;
}

export const catalog: CatalogPart = merge(catalogParts);
