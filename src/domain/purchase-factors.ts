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
 * The eight ratings in purchaseFactorNames order, read as fixed properties: a
 * loop over the names would be a keyed lookup each.
 */
function ratingsOf(pf: Account['purchaseFactors']): (number | null)[] {
  return [
    pf.brand,
    pf.industryStandard,
    pf.afterSales,
    pf.performance,
    pf.solutionSpeed,
    pf.supply,
    pf.price,
    pf.decisionRelationship,
  ];
}

/** The mean of the rated values mapped from −2…+2 to 0–100; null when nothing is rated. */
function advantageFrom(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let rated = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    rated++;
  }
  return rated === 0 ? null : round1(((sum / rated + 2) / 4) * 100);
}

/** The advantage alone (what the score needs). */
export function advantageOf(pf: Account['purchaseFactors']): number | null {
  return advantageFrom(ratingsOf(pf));
}

export function evaluatePurchaseFactors(account: Account): PurchaseFactorsResult {
  const values = ratingsOf(account.purchaseFactors);
  const advantage = advantageFrom(values);
  if (advantage === null) return NOTHING_RATED;
  const ratings: PurchaseFactorsResult['ratings'] = new Array(values.length);
  const gaps: { factor: PurchaseFactorName; value: number }[] = [];
  let rated = 0;
  for (let i = 0; i < values.length; i++) {
    const factor = purchaseFactorNames[i];
    const value = values[i];
    ratings[i] = entryOf(factor, value);
    if (value === null) continue;
    rated++;
    if (value < 0) gaps.push({ factor, value });
  }
  // Stable sort keeps the catalogue order among equally bad factors.
  gaps.sort((a, b) => a.value - b.value);
  return { ratings, rated, advantage, gaps: gaps.map((g) => g.factor) };
}
