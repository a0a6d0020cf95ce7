import type { Account, PurchaseFactorName } from './snapshot.js';
import { purchaseFactorNames } from './snapshot.js';
import type { PurchaseFactorsResult } from './evaluation.js';
import { round1 } from './rounding.js';
import { deepFreeze, Memo, none } from './shared.js';

/**
 * §8 purchase factors: eight ratings of us against the main competitor
 * (−2 much worse … +2 much better). The mean over the rated ones, mapped to
 * 0–100, is the advantage that feeds winnability (§11); the factors where we
 * are behind are the gaps, worst first.
 */
export function evaluatePurchaseFactors(account: Account): PurchaseFactorsResult {
  const pf = account.purchaseFactors;
  // The result depends on the eight ratings only: accounts rated alike share one (frozen)
  // result. Each rating is one of six values (null, −2…+2), so the eight make a base-6 code.
  let code = 0;
  for (let i = 0; i < purchaseFactorNames.length; i++) {
    const value = pf[purchaseFactorNames[i]];
    if (value === null) {
      code *= 6;
      continue;
    }
    if (!(Number.isInteger(value) && value >= -2 && value <= 2) || Object.is(value, -0)) {
      code = -1; // not a schema value: built, not shared
      break;
    }
    code = code * 6 + value + 3;
  }
  const key = code < 0 ? -1 : Memo.key(Math.floor(code / 8192), code % 8192);
  const hit = shared.get(key);
  if (hit !== undefined) return hit;
  const result = build(pf);
  return key < 0 ? result : shared.set(key, deepFreeze(result));
}

const shared = new Memo<PurchaseFactorsResult>(20_000);

function build(pf: Account['purchaseFactors']): PurchaseFactorsResult {
  // map: an exact-size list (push would leave room the kept list carries).
  const ratings = purchaseFactorNames.map((factor, i) => ratingEntry(i, pf[factor]));
  const gaps: { factor: PurchaseFactorName; value: number }[] = [];
  let sum = 0;
  let rated = 0;
  for (let i = 0; i < purchaseFactorNames.length; i++) {
    const factor = purchaseFactorNames[i];
    const value = pf[factor];
    if (value === null) continue;
    sum += value;
    rated++;
    if (value < 0) gaps.push({ factor, value });
  }
  // Stable sort keeps the catalogue order among equally bad factors.
  gaps.sort((a, b) => a.value - b.value);
  return {
    ratings,
    rated,
    advantage: rated === 0 ? null : round1(((sum / rated + 2) / 4) * 100),
    gaps: gaps.length === 0 ? none() : gaps.map((g) => g.factor),
  };
}

type RatingEntry = PurchaseFactorsResult['ratings'][number];
/** The 48 possible rating entries (8 factors × not rated, −2…+2), shared and frozen. */
const RATING_ENTRIES: RatingEntry[][] = purchaseFactorNames.map((factor) =>
  [null, -2, -1, 0, 1, 2].map((value) => Object.freeze({ factor, value })),
);
function ratingEntry(i: number, value: number | null): RatingEntry {
  if (value === null) return RATING_ENTRIES[i][0];
  if (Number.isInteger(value) && value >= -2 && value <= 2 && !Object.is(value, -0))
    return RATING_ENTRIES[i][value + 3];
  return { factor: purchaseFactorNames[i], value };
}
