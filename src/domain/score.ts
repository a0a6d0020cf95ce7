import type { Account, AccountState, MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { FactorResult, PurchaseFactorsResult, ScoreResult, ValueBasis } from './evaluation.js';
import type { FactorName } from './settings.js';
import type { PortfolioStats, StatMetric } from './stats.js';
import { ratingTo100, round1 } from './rounding.js';
import { frozen, SmallIntMemo } from './shared.js';
import { trimmed } from './trimmed.js';

/**
 * §1 / §11 account score: four factors normalised to 0–100 (one decimal),
 * weighted and summed. Every factor says how it was made (basis) and with which
 * inputs (message refs), so a rep can check the number by hand.
 */

const NEUTRAL = 50;
const order: readonly FactorName[] = ['sales', 'potential', 'reference', 'winnability'];

/** Code for a message naming the segment, or its variant for accounts without one. */
const seg = (code: string, segment: string | null) =>
  segment === null ? `${code}_unsegmented` : code;
const ref = (code: string, params: MessageRef['params'] = {}): MessageRef => ({ code, params });

interface Part {
  value: number;
  basis: ValueBasis;
  explanation: MessageRef[];
}

// Parts and refs the same for every account with the same rating or setting: shared (see shared.ts).
const rated = (factor: 'potential' | 'reference') =>
  new SmallIntMemo<Part>((rating) => {
    const value = round1(ratingTo100(rating));
    return { value, basis: 'rating', explanation: [ref(`score.${factor}.rating`, { rating, value })] };
  }, 6);
const potentialRated = rated('potential');
const referenceRated = rated('reference');
const POTENTIAL_ESTIMATED: Part = frozen({
  value: NEUTRAL,
  basis: 'estimated',
  explanation: [ref('score.potential.estimated', { value: NEUTRAL })],
});
const REFERENCE_NOT_RATED: Part = frozen({
  value: NEUTRAL,
  basis: 'not_rated',
  explanation: [ref('score.reference.not_rated', { value: NEUTRAL })],
});
const salesNone = new SmallIntMemo<Part>((months) => ({
  value: 0,
  basis: 'none',
  explanation: [ref('score.sales.none', { months })],
}));
const winnabilityRated = new SmallIntMemo((rating) =>
  ref('score.winnability.rating', { rating, value: ratingTo100(rating) }),
6);
const WINNABILITY_NOT_RATED = frozen(ref('score.winnability.rating_missing', { value: NEUTRAL }));
const winRateMissing = new SmallIntMemo((months) =>
  ref('score.winnability.win_rate_missing', { months, value: NEUTRAL }),
);
const PURCHASE_FACTORS_MISSING = frozen(
  ref('score.winnability.purchase_factors_missing', { value: NEUTRAL }),
);

function percentileIn(
  stats: PortfolioStats,
  metric: StatMetric,
  segment: string | null,
  value: number,
) {
  const p = stats.percentile(metric, segment, value);
  return p === null ? null : { percentile: round1(p), peers: stats.peers(metric, segment) };
}

function sales(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
): Part {
  const revenue = facts.trailingRevenue;
  const months = ctx.settings.score.salesWindowMonths;
  if (revenue <= 0) return salesNone.get(months);
  const p = percentileIn(stats, 'trailingRevenue', account.segment, revenue);
  if (p === null) {
    // Only on the incremental path: a segment the cached statistics have not seen yet.
    return {
      value: NEUTRAL,
      basis: 'estimated',
      explanation: [ref('score.sales.no_peers', { revenue, months })],
    };
  }
  return {
    value: p.percentile,
    basis: 'computed',
    explanation: [
      ref(seg('score.sales.percentile', account.segment), {
        revenue,
        months,
        percentile: p.percentile,
        peers: p.peers,
        segment: account.segment,
      }),
    ],
  };
}

function potential(account: Account, stats: PortfolioStats): Part {
  const rating = account.ratings.potential;
  if (rating !== null) return potentialRated.get(rating);
  const segment = account.segment;
  if (account.annualRevenue !== null) {
    const p = percentileIn(stats, 'annualRevenue', segment, account.annualRevenue);
    if (p !== null) {
      const params = {
        annualRevenue: account.annualRevenue,
        percentile: p.percentile,
        peers: p.peers,
        segment,
      };
      return {
        value: p.percentile,
        basis: 'computed',
        explanation: [ref(seg('score.potential.annual_revenue', segment), params)],
      };
    }
  }
  if (account.employees !== null) {
    const p = percentileIn(stats, 'employees', segment, account.employees);
    if (p !== null) {
      const params = {
        employees: account.employees,
        percentile: p.percentile,
        peers: p.peers,
        segment,
      };
      return {
        value: p.percentile,
        basis: 'computed',
        explanation: [ref(seg('score.potential.employees', segment), params)],
      };
    }
  }
  return POTENTIAL_ESTIMATED;
}

function reference(account: Account): Part {
  const rating = account.ratings.reference;
  return rating === null ? REFERENCE_NOT_RATED : referenceRated.get(rating);
}

function winnability(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  pf: PurchaseFactorsResult,
): Part {
  const blend = ctx.settings.score.winnabilityBlend;
  const months = ctx.settings.score.winRateWindowMonths;
  const explanation: MessageRef[] = [];
  let known = 0;

  const rating = account.ratings.winnability;
  let ratingValue = NEUTRAL;
  if (rating !== null) {
    ratingValue = ratingTo100(rating);
    known++;
    explanation.push(winnabilityRated.get(rating));
  } else explanation.push(WINNABILITY_NOT_RATED);

  const won = facts.closedWonInWinWindow;
  const lost = facts.closedLostInWinWindow;
  let winRate = NEUTRAL;
  if (won + lost > 0) {
    winRate = (won / (won + lost)) * 100;
    known++;
    explanation.push(
      ref('score.winnability.win_rate', { won, lost, winRate: round1(winRate), months }),
    );
  } else explanation.push(winRateMissing.get(months));

  let advantage = NEUTRAL;
  if (pf.advantage !== null) {
    advantage = pf.advantage;
    known++;
    explanation.push(ref('score.winnability.purchase_factors', { advantage, rated: pf.rated }));
  } else explanation.push(PURCHASE_FACTORS_MISSING);

  const value = round1(
    blend.rating * ratingValue + blend.winRate * winRate + blend.purchaseFactors * advantage,
  );
  // Rated when the rating is the only input; estimated when nothing is known.
  const basis: ValueBasis =
    known === 0 ? 'estimated' : known === 1 && rating !== null ? 'rating' : 'computed';
  return { value, basis, explanation: trimmed(explanation) };
}

function factor(name: FactorName, p: Part, weight: number): FactorResult {
  return {
    name,
    value: p.value,
    weight,
    contribution: round1(weight * p.value),
    basis: p.basis,
    explanation: p.explanation,
  };
}

export function computeScore(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
  pf: PurchaseFactorsResult,
  previous: AccountState | null,
): ScoreResult {
  const weights = ctx.settings.score.weights;
  const factors = {
    sales: factor('sales', sales(account, facts, ctx, stats), weights.sales),
    potential: factor('potential', potential(account, stats), weights.potential),
    reference: factor('reference', reference(account), weights.reference),
    winnability: factor('winnability', winnability(account, facts, ctx, pf), weights.winnability),
  };
  const value = round1(
    weights.sales * factors.sales.value +
      weights.potential * factors.potential.value +
      weights.reference * factors.reference.value +
      weights.winnability * factors.winnability.value,
  );

  const explanation: MessageRef[] = [
    ref('score.total', {
      score: value,
      sales: factors.sales.value,
      potential: factors.potential.value,
      reference: factors.reference.value,
      winnability: factors.winnability.value,
    }),
  ];
  const changes: ScoreResult['changes'] = [];
  if (previous) {
    for (const name of order) {
      const from = previous.factors[name];
      const to = factors[name].value;
      if (from !== to)
        changes.push({
          factor: name,
          from,
          to,
          contributionDelta: round1(weights[name] * (to - from)),
        });
    }
    changes.sort((a, b) => Math.abs(b.contributionDelta) - Math.abs(a.contributionDelta));
    if (previous.score !== value) {
      explanation.push(
        ref('score.change', {
          from: previous.score,
          to: value,
          delta: round1(value - previous.score),
        }),
      );
    }
  }

  return {
    value,
    factors,
    trailingRevenue: facts.trailingRevenue,
    previous: previous ? previous.score : null,
    changes: trimmed(changes),
    explanation: trimmed(explanation),
  };
}
