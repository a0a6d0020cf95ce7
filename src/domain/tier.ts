import type { Account, AccountState, MessageRef, Tier } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { ScoreResult, TierResult } from './evaluation.js';
import type { PortfolioStats } from './stats.js';
import { ratingTo100, round1 } from './rounding.js';
import { trimmed } from './trimmed.js';

/**
 * §2 / §11 strategic value matrix: current contribution × strategic importance,
 * each 0–100 (one decimal), cut at 50 / 50 by default (≥ cut is high).
 */

const NEUTRAL = 50;
/** Codes as constants: a template literal would build a new string for every account. */
const MATRIX_CODES: Record<Tier, string> = {
  strategic: 'tier.matrix.strategic',
  potential: 'tier.matrix.potential',
  profit: 'tier.matrix.profit',
  ordinary: 'tier.matrix.ordinary',
};

function contributionOf(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
  score: ScoreResult,
): { value: number; explanation: MessageRef } {
  const sales = score.factors.sales.value;
  if (!ctx.settings.tier.useMargin)
    return {
      value: sales,
      explanation: { code: 'tier.contribution.sales', params: { value: sales } },
    };
  const margin = account.marginPct;
  if (margin === null) {
    return {
      value: sales,
      explanation: { code: 'tier.contribution.margin_missing', params: { value: sales } },
    };
  }
  const revenueMargin = (facts.trailingRevenue * margin) / 100;
  // Like the sales factor, an account that bought nothing contributes nothing.
  const p =
    facts.trailingRevenue > 0
      ? stats.percentile('revenueMargin', account.segment, revenueMargin)
      : 0;
  if (p === null) {
    return {
      value: sales,
      explanation: { code: 'tier.contribution.margin_missing', params: { value: sales } },
    };
  }
  const value = round1(p);
  return {
    value,
    explanation: {
      code: 'tier.contribution.margin',
      params: {
        value,
        revenue: facts.trailingRevenue,
        margin,
        revenueMargin: round1(revenueMargin),
      },
    },
  };
}

function tierOf(contributionHigh: boolean, importanceHigh: boolean): Tier {
  if (importanceHigh) return contributionHigh ? 'strategic' : 'potential';
  return contributionHigh ? 'profit' : 'ordinary';
}

export function evaluateTier(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
  score: ScoreResult,
  previous: AccountState | null,
): TierResult {
  const cuts = ctx.settings.tier;
  const contribution = contributionOf(account, facts, ctx, stats, score);
  const fitRating = account.ratings.strategicFit;
  const fit = fitRating === null ? NEUTRAL : ratingTo100(fitRating);
  const potential = score.factors.potential.value;
  const reference = score.factors.reference.value;
  const importance = round1((potential + reference + fit) / 3);
  const contributionHigh = contribution.value >= cuts.contributionCut;
  const importanceHigh = importance >= cuts.importanceCut;
  const tier = tierOf(contributionHigh, importanceHigh);

  const explanation: MessageRef[] = [
    contribution.explanation,
    {
      code: fitRating === null ? 'tier.importance.fit_not_rated' : 'tier.importance.computed',
      params:
        fitRating === null
          ? { value: importance, potential, reference, fit }
          : { value: importance, potential, reference, fit, fitRating },
    },
    {
      code: MATRIX_CODES[tier],
      params: {
        contribution: contribution.value,
        importance,
        contributionCut: cuts.contributionCut,
        importanceCut: cuts.importanceCut,
      },
    },
  ];
  const prev = previous ? previous.tier : null;
  if (prev !== null && prev !== tier)
    explanation.push({ code: 'tier.changed', params: { from: prev, to: tier } });
  return {
    tier,
    contribution: contribution.value,
    importance,
    contributionHigh,
    importanceHigh,
    previous: prev,
    explanation: trimmed(explanation),
  };
}
