import type { Account, PurchaseFactorName } from './snapshot.js';
import { purchaseFactorNames } from './snapshot.js';
import type { PurchaseFactorsResult } from './evaluation.js';
import { round1 } from './rounding.js';
import { frozen } from './shared.js';

type Rating = PurchaseFactorsResult['ratings'][number];

/** Shared rating entries per factor, for −2…+2 (index value + 2) and not rated (index 5). */
const ENTRIES = Object.fromEntries(
  purchaseFactorNames.map((factor) => [
    factor,
    [-2, -1, 0, 1, 2, null].map((value) => frozen<Rating>({ factor, value })),
  ]),
) as Record<PurchaseFactorName, Rating[]>;

/** The ratings list of an account that rated nothing (most accounts): shared. */
const NONE_RATED = frozen(purchaseFactorNames.map((factor) => ENTRIES[factor][5]));

function entryOf(factor: PurchaseFactorName, value: number | null): Rating {
  if (value === null) return ENTRIES[factor][5];
  return Number.isInteger(value) && value >= -2 && value <= 2 ? ENTRIES[factor][value + 2] : { factor, value };
}
import { trimmed } from './trimmed.js';

/**
 * §8 purchase factors: eight ratings of us against the main competitor
 * (−2 much worse … +2 much better). The mean over the rated ones, mapped to
 * 0–100, is the advantage that feeds winnability (§11); the factors where we
 * are behind are the gaps, worst first.
 */
/** The result of an account that rated nothing (most accounts): shared. */
const NOTHING_RATED: PurchaseFactorsResult = frozen({
  ratings: NONE_RATED,
  rated: 0,
  advantage: null,
  gaps: [],
});

/**
 * The advantage alone (null when nothing is rated): the mean rating over the
 * rated factors, mapped to 0–100. The eight ratings are read as fixed
 * properties: a loop over the names would be a keyed lookup each.
 */
export function advantageOf(pf: Account['purchaseFactors']): number | null {
  let sum = 0;
  let rated = 0;
  const values = [
    pf.brand,
    pf.industryStandard,
    pf.afterSales,
    pf.performance,
    pf.solutionSpeed,
    pf.supply,
    pf.price,
    pf.decisionRelationship,
  ];
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    rated++;
  }
  return rated === 0 ? null : round1(((sum / rated + 2) / 4) * 100);
}

export function evaluatePurchaseFactors(account: Account): PurchaseFactorsResult {
  const pf = account.purchaseFactors;
  if (advantageOf(pf) === null) return NOTHING_RATED;
  const ratings: PurchaseFactorsResult['ratings'] = [];
  const gaps: { factor: PurchaseFactorName; value: number }[] = [];
  let sum = 0;
  let rated = 0;
  for (const factor of purchaseFactorNames) {
    const value = pf[factor];
    ratings.push(entryOf(factor, value));
    if (value === null) continue;
    sum += value;
    rated++;
    if (value < 0) gaps.push({ factor, value });
  }
  // Stable sort keeps the catalogue order among equally bad factors.
  gaps.sort((a, b) => a.value - b.value);
  return {
    ratings: rated === 0 ? NONE_RATED : trimmed(ratings),
    rated,
    advantage: rated === 0 ? null : round1(((sum / rated + 2) / 4) * 100),
    gaps: gaps.map((g) => g.factor),
  };
}
