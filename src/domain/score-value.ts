import type { Account } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { PortfolioStats, StatMetric } from './stats.js';
import { advantageOf } from './purchase-factors.js';
import { ratingTo100, round1 } from './rounding.js';
import { dayNumber } from './dates.js';
import { windowsOf } from './windows.js';

/**
 * The score's value alone, without its explanation: what the ranking needs.
 * A portfolio pass ranks every account before it completes any, so it needs
 * every score first; computing the explained score (score.ts) there as well
 * would make it twice per account, or keep it for every account until the
 * completion (which the garbage collector pays for). The same numbers as
 * computeScore, branch by branch: test/domain/score-value.test.ts checks that
 * they are equal on every account of the demo portfolios and on random ones.
 */

const NEUTRAL = 50;

/** The facts the score's value reads (a portfolio pass keeps only these between its passes). */
export type ScoreValueFacts = Pick<
  AccountFacts,
  'trailingRevenue' | 'closedWonInWinWindow' | 'closedLostInWinWindow'
>;

/**
 * Fills `out` with the score-value facts of an account, as computeDealFacts
 * computes them (same deals, same order, so the same sums): a portfolio pass
 * needs them for every account before it completes any, and computing the
 * whole deal facts twice, or keeping them for every account between the
 * passes (the collector then copies them), cost more. Tested equal to
 * computeDealFacts in test/domain/score-value.test.ts.
 */
export function fillScoreValueFacts(
  account: Account,
  ctx: EvalContext,
  out: ScoreValueFacts,
): void {
  const { today, salesStart, winStart } = windowsOf(ctx);
  let revenue = 0;
  let won = 0;
  let lost = 0;
  for (const deal of account.deals) {
    if (deal.status === 'open' || deal.closeDate === null) continue;
    const day = dayNumber(deal.closeDate);
    if (day > today) continue;
    const isWon = deal.status === 'won';
    if (day > winStart) {
      if (isWon) won++;
      else lost++;
    }
    if (isWon && day > salesStart) revenue += deal.amount ?? 0;
  }
  out.trailingRevenue = revenue;
  out.closedWonInWinWindow = won;
  out.closedLostInWinWindow = lost;
}

function percentileValue(
  stats: PortfolioStats,
  metric: StatMetric,
  segment: string | null,
  value: number,
): number | null {
  const p = stats.percentile(metric, segment, value);
  return p === null ? null : round1(p);
}

function salesValue(account: Account, facts: ScoreValueFacts, stats: PortfolioStats): number {
  const revenue = facts.trailingRevenue;
  if (revenue <= 0) return 0;
  return percentileValue(stats, 'trailingRevenue', account.segment, revenue) ?? NEUTRAL;
}

function potentialValue(account: Account, stats: PortfolioStats): number {
  const rating = account.ratings.potential;
  if (rating !== null) return round1(ratingTo100(rating));
  if (account.annualRevenue !== null) {
    const p = percentileValue(stats, 'annualRevenue', account.segment, account.annualRevenue);
    if (p !== null) return p;
  }
  if (account.employees !== null) {
    const p = percentileValue(stats, 'employees', account.segment, account.employees);
    if (p !== null) return p;
  }
  return NEUTRAL;
}

function referenceValue(account: Account): number {
  const rating = account.ratings.reference;
  return rating === null ? NEUTRAL : round1(ratingTo100(rating));
}

function winnabilityValue(account: Account, facts: ScoreValueFacts, ctx: EvalContext): number {
  const blend = ctx.settings.score.winnabilityBlend;
  const rating = account.ratings.winnability;
  const ratingValue = rating === null ? NEUTRAL : ratingTo100(rating);
  const won = facts.closedWonInWinWindow;
  const lost = facts.closedLostInWinWindow;
  const winRate = won + lost > 0 ? (won / (won + lost)) * 100 : NEUTRAL;
  const advantage = advantageOf(account.purchaseFactors) ?? NEUTRAL;
  return round1(
    blend.rating * ratingValue + blend.winRate * winRate + blend.purchaseFactors * advantage,
  );
}

export function scoreValueOf(
  account: Account,
  facts: ScoreValueFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
): number {
  const weights = ctx.settings.score.weights;
  return round1(
    weights.sales * salesValue(account, facts, stats) +
      weights.potential * potentialValue(account, stats) +
      weights.reference * referenceValue(account) +
      weights.winnability * winnabilityValue(account, facts, ctx),
  );
}
