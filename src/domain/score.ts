import type { Account, AccountState, MessageRef } from './snapshot.js';
import type { ScoreFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { FactorResult, PurchaseFactorsResult, ScoreResult, ValueBasis } from './evaluation.js';
import type { FactorName } from './settings.js';
import type { PortfolioStats, StatMetric } from './stats.js';
import { ratingTo100, round1 } from './rounding.js';
import { deepFreeze, Memo, MemoByNumber, none, sharedRef } from './shared.js';

/**
 * §1 / §11 account score: four factors normalised to 0–100 (one decimal),
 * weighted and summed. Every factor says how it was made (basis) and with which
 * inputs (message refs), so a rep can check the number by hand.
 */

const NEUTRAL = 50;
const order: readonly FactorName[] = ['sales', 'potential', 'reference', 'winnability'];

/** Code for a message naming the segment, or its variant for accounts without one (built once). */
const SALES_PERCENTILE = ['score.sales.percentile', 'score.sales.percentile_unsegmented'];
const POTENTIAL_ANNUAL = [
  'score.potential.annual_revenue',
  'score.potential.annual_revenue_unsegmented',
];
const POTENTIAL_EMPLOYEES = ['score.potential.employees', 'score.potential.employees_unsegmented'];
const seg = (codes: readonly string[], segment: string | null) => codes[segment === null ? 1 : 0];
const ref = (code: string, params: MessageRef['params'] = {}): MessageRef => ({ code, params });

interface Part {
  value: number;
  basis: ValueBasis;
  explanation: MessageRef[];
}

// Factor results (and refs) that are the same for every account with the same rating or the
// same missing input, under the same weight: built once, shared and frozen (see shared.ts).
const salesNone = new MemoByNumber<FactorResult>();
const potentialRated = new MemoByNumber<FactorResult>();
const potentialEstimated = new MemoByNumber<FactorResult>();
const referenceRated = new MemoByNumber<FactorResult>();
const referenceNotRated = new MemoByNumber<FactorResult>();
const winRatingRefs = new Memo<MessageRef>();
const winRateRefs = new Memo<MessageRef>();
const winRateMissing = new Memo<MessageRef>();
const pfRefs = new MemoByNumber<MessageRef>();
const RATING_MISSING = sharedRef('score.winnability.rating_missing', { value: NEUTRAL });
const PF_MISSING = sharedRef('score.winnability.purchase_factors_missing', { value: NEUTRAL });

/** A factor result shared by every account with the same inputs (frozen). */
function sharedFactor(
  memo: MemoByNumber<FactorResult>,
  weight: number,
  key: number,
  name: FactorName,
  p: Part,
): FactorResult {
  return key < 0
    ? factor(name, p, weight)
    : memo.set(weight, key, deepFreeze(factor(name, p, weight)));
}

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
  facts: ScoreFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
  weight: number,
): FactorResult {
  const revenue = facts.trailingRevenue;
  const months = ctx.settings.score.salesWindowMonths;
  if (revenue <= 0) {
    const key = Memo.key(months);
    return (
      salesNone.get(weight, key) ??
      sharedFactor(salesNone, weight, key, 'sales', {
        value: 0,
        basis: 'none',
        explanation: [ref('score.sales.none', { months })],
      })
    );
  }
  const p = percentileIn(stats, 'trailingRevenue', account.segment, revenue);
  if (p === null) {
    // Only on the incremental path: a segment the cached statistics have not seen yet.
    return factor(
      'sales',
      {
        value: NEUTRAL,
        basis: 'estimated',
        explanation: [ref('score.sales.no_peers', { revenue, months })],
      },
      weight,
    );
  }
  return factor(
    'sales',
    {
      value: p.percentile,
      basis: 'computed',
      explanation: [
        ref(seg(SALES_PERCENTILE, account.segment), {
          revenue,
          months,
          percentile: p.percentile,
          peers: p.peers,
          segment: account.segment,
        }),
      ],
    },
    weight,
  );
}

function potential(account: Account, stats: PortfolioStats, weight: number): FactorResult {
  const rating = account.ratings.potential;
  if (rating !== null) {
    const key = Memo.key(rating);
    const hit = potentialRated.get(weight, key);
    if (hit !== undefined) return hit;
    const value = round1(ratingTo100(rating));
    return sharedFactor(potentialRated, weight, key, 'potential', {
      value,
      basis: 'rating',
      explanation: [ref('score.potential.rating', { rating, value })],
    });
  }
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
      return factor(
        'potential',
        {
          value: p.percentile,
          basis: 'computed',
          explanation: [ref(seg(POTENTIAL_ANNUAL, segment), params)],
        },
        weight,
      );
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
      return factor(
        'potential',
        {
          value: p.percentile,
          basis: 'computed',
          explanation: [ref(seg(POTENTIAL_EMPLOYEES, segment), params)],
        },
        weight,
      );
    }
  }
  return (
    potentialEstimated.get(weight, 0) ??
    sharedFactor(potentialEstimated, weight, 0, 'potential', {
      value: NEUTRAL,
      basis: 'estimated',
      explanation: [ref('score.potential.estimated', { value: NEUTRAL })],
    })
  );
}

function reference(account: Account, weight: number): FactorResult {
  const rating = account.ratings.reference;
  if (rating === null) {
    return (
      referenceNotRated.get(weight, 0) ??
      sharedFactor(referenceNotRated, weight, 0, 'reference', {
        value: NEUTRAL,
        basis: 'not_rated',
        explanation: [ref('score.reference.not_rated', { value: NEUTRAL })],
      })
    );
  }
  const key = Memo.key(rating);
  const hit = referenceRated.get(weight, key);
  if (hit !== undefined) return hit;
  const value = round1(ratingTo100(rating));
  return sharedFactor(referenceRated, weight, key, 'reference', {
    value,
    basis: 'rating',
    explanation: [ref('score.reference.rating', { rating, value })],
  });
}

function winnability(
  account: Account,
  facts: ScoreFacts,
  ctx: EvalContext,
  pf: PurchaseFactorsResult,
  weight: number,
): FactorResult {
  const blend = ctx.settings.score.winnabilityBlend;
  const months = ctx.settings.score.winRateWindowMonths;
  let known = 0;

  const rating = account.ratings.winnability;
  let ratingValue = NEUTRAL;
  let ratingRef = RATING_MISSING;
  if (rating !== null) {
    ratingValue = ratingTo100(rating);
    known++;
    const key = Memo.key(rating);
    ratingRef =
      winRatingRefs.get(key) ??
      keepRef(winRatingRefs, key, ref('score.winnability.rating', { rating, value: ratingValue }));
  }

  const won = facts.closedWonInWinWindow;
  const lost = facts.closedLostInWinWindow;
  let winRate = NEUTRAL;
  let winRateRef: MessageRef;
  if (won + lost > 0) {
    winRate = (won / (won + lost)) * 100;
    known++;
    const key = Memo.key(won, lost, months);
    winRateRef =
      winRateRefs.get(key) ??
      keepRef(
        winRateRefs,
        key,
        ref('score.winnability.win_rate', { won, lost, winRate: round1(winRate), months }),
      );
  } else {
    const key = Memo.key(months);
    winRateRef =
      winRateMissing.get(key) ??
      keepRef(
        winRateMissing,
        key,
        ref('score.winnability.win_rate_missing', { months, value: NEUTRAL }),
      );
  }

  let advantage = NEUTRAL;
  let pfRef = PF_MISSING;
  if (pf.advantage !== null) {
    advantage = pf.advantage;
    known++;
    const key = Memo.key(pf.rated);
    pfRef =
      pfRefs.get(advantage, key) ??
      (key < 0
        ? ref('score.winnability.purchase_factors', { advantage, rated: pf.rated })
        : pfRefs.set(
            advantage,
            key,
            sharedRef('score.winnability.purchase_factors', { advantage, rated: pf.rated }),
          ));
  }

  const value = round1(
    blend.rating * ratingValue + blend.winRate * winRate + blend.purchaseFactors * advantage,
  );
  // Rated when the rating is the only input; estimated when nothing is known.
  const basis: ValueBasis =
    known === 0 ? 'estimated' : known === 1 && rating !== null ? 'rating' : 'computed';
  return {
    name: 'winnability',
    value,
    weight,
    contribution: round1(weight * value),
    basis,
    explanation: [ratingRef, winRateRef, pfRef],
  };
}

function keepRef(memo: Memo<MessageRef>, key: number, r: MessageRef): MessageRef {
  return key < 0 ? r : memo.set(key, sharedRef(r.code, r.params));
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
  facts: ScoreFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
  pf: PurchaseFactorsResult,
  previous: AccountState | null,
): ScoreResult {
  const weights = ctx.settings.score.weights;
  const factors = {
    sales: sales(account, facts, ctx, stats, weights.sales),
    potential: potential(account, stats, weights.potential),
    reference: reference(account, weights.reference),
    winnability: winnability(account, facts, ctx, pf, weights.winnability),
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
  let changes: ScoreResult['changes'] = none();
  if (previous) {
    for (const name of order) {
      const from = previous.factors[name];
      const to = factors[name].value;
      if (from !== to) {
        if (changes.length === 0) changes = [];
        changes.push({
          factor: name,
          from,
          to,
          contributionDelta: round1(weights[name] * (to - from)),
        });
      }
    }
    if (changes.length > 1)
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
    changes,
    explanation,
  };
}
