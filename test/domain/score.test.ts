import { computeScore } from '../../src/domain/score.js';
import { computeFacts } from '../../src/domain/facts.js';
import { buildStats, statsEntryOf, type PortfolioStats } from '../../src/domain/stats.js';
import { evaluatePurchaseFactors } from '../../src/domain/purchase-factors.js';
import type { Account, AccountState } from '../../src/domain/snapshot.js';
import type { SettingsInput } from '../../src/domain/settings.js';
import { ctxAt, lost, makeAccount, previousState, won } from './builders.js';

const TODAY = '2026-11-23';

function statsOf(accounts: Account[], overrides: SettingsInput = {}): PortfolioStats {
  const ctx = ctxAt(TODAY, overrides);
  return buildStats(
    accounts.map((a) => statsEntryOf(a, computeFacts(a, ctx))),
    ctx.asOf,
  );
}

/** Scores `account` against itself plus `peers` (the statistics of that portfolio). */
function score(
  account: Account,
  peers: Account[] = [],
  overrides: SettingsInput = {},
  previous: AccountState | null = null,
) {
  const ctx = ctxAt(TODAY, overrides);
  const stats = statsOf([account, ...peers], overrides);
  return computeScore(
    account,
    computeFacts(account, ctx),
    ctx,
    stats,
    evaluatePurchaseFactors(account),
    previous,
  );
}

describe('§11 sales — percentile of trailing-12-month closed-won revenue in the segment', () => {
  const peer = (id: string, amount: number, segment = 'Manufacturing') =>
    makeAccount({ id, segment, deals: amount > 0 ? [won(amount, '2026-06-01')] : [] });

  it('no closed-won revenue → 0 (none), not the tie share of the zeros', () => {
    const r = score(peer('a', 0), [peer('b', 0), peer('c', 100)]);
    expect(r.factors.sales).toMatchObject({ value: 0, basis: 'none' });
    expect(r.factors.sales.explanation[0]).toEqual({
      code: 'score.sales.none',
      params: { months: 12 },
    });
  });
  it.each([
    ['lowest of three', 100, 16.7],
    ['middle of three', 200, 50],
    ['highest of three', 300, 83.3],
  ])('%s', (_n, amount, expected) => {
    const peers = [peer('p1', 100), peer('p2', 200), peer('p3', 300)].filter(
      (p) => p.deals[0].amount !== amount,
    );
    const r = score(peer('me', amount), peers);
    expect(r.factors.sales).toMatchObject({ value: expected, basis: 'computed' });
  });
  it('zero-revenue peers count as lower; other segments do not count', () => {
    const r = score(peer('me', 100), [peer('z1', 0), peer('z2', 0), peer('big', 10_000, 'Retail')]);
    // (2 lower + ½ × 1 equal) ÷ 3 = 83.3
    expect(r.factors.sales.value).toBe(83.3);
    expect(r.factors.sales.explanation[0]).toEqual({
      code: 'score.sales.percentile',
      params: { revenue: 100, months: 12, percentile: 83.3, peers: 3, segment: 'Manufacturing' },
    });
  });
  it('an account without a segment is ranked among the others without one', () => {
    const r = score(peer('me', 100, null as unknown as string), [
      peer('n2', 300, null as unknown as string),
      peer('m', 1),
    ]);
    expect(r.factors.sales.value).toBe(25);
    expect(r.factors.sales.explanation[0].code).toBe('score.sales.percentile_unsegmented');
  });
  it.each([
    ['exactly 12 months ago is outside the window', '2025-11-23', 0],
    ['a day later is inside', '2025-11-24', 50],
    ['today is inside', TODAY, 50],
    ['a future close date is not revenue yet', '2026-12-01', 0],
  ])('window boundary: %s', (_n, closeDate, expected) => {
    const r = score(makeAccount({ id: 'w', deals: [won(500, closeDate)] }));
    expect(r.factors.sales.value).toBe(expected);
  });
  it('the window follows the setting', () => {
    const a = makeAccount({ id: 'w', deals: [won(500, '2025-06-01')] });
    expect(score(a).factors.sales.value).toBe(0);
    expect(score(a, [], { score: { salesWindowMonths: 24 } }).factors.sales.value).toBe(50);
  });
  it('a segment missing from cached statistics → 50 (estimated)', () => {
    const ctx = ctxAt(TODAY);
    const a = peer('new', 100, 'Brand-new segment');
    const stats = statsOf([peer('x', 5)]);
    const r = computeScore(a, computeFacts(a, ctx), ctx, stats, evaluatePurchaseFactors(a), null);
    expect(r.factors.sales).toMatchObject({ value: 50, basis: 'estimated' });
    expect(r.factors.sales.explanation[0].code).toBe('score.sales.no_peers');
  });
});

describe('§11 potential — rating, else company size percentile in the segment, else 50 estimated', () => {
  it.each([
    [1, 0],
    [2, 25],
    [3, 50],
    [4, 75],
    [5, 100],
    [3.5, 62.5],
  ])('rating %d → %d', (rating, expected) => {
    const r = score(makeAccount({ ratings: { potential: rating }, annualRevenue: 1 }));
    expect(r.factors.potential).toMatchObject({ value: expected, basis: 'rating' });
  });
  it('annual revenue percentile when not rated', () => {
    const r = score(makeAccount({ annualRevenue: 5e6 }), [
      makeAccount({ annualRevenue: 1e6 }),
      makeAccount({ annualRevenue: null }),
    ]);
    expect(r.factors.potential).toMatchObject({ value: 75, basis: 'computed' });
    expect(r.factors.potential.explanation[0]).toMatchObject({
      code: 'score.potential.annual_revenue',
      params: { annualRevenue: 5e6, percentile: 75, peers: 2 },
    });
  });
  it('employees when annual revenue is unknown', () => {
    const r = score(makeAccount({ employees: 10 }), [
      makeAccount({ employees: 500 }),
      makeAccount({ employees: 500 }),
    ]);
    expect(r.factors.potential).toMatchObject({ value: 16.7, basis: 'computed' });
    expect(r.factors.potential.explanation[0].code).toBe('score.potential.employees');
  });
  it('nothing known → 50 (estimated), never 0', () => {
    const r = score(makeAccount(), [makeAccount({ annualRevenue: 1e9 })]);
    expect(r.factors.potential).toMatchObject({ value: 50, basis: 'estimated' });
  });
});

describe('§11 reference — rating, else 50 not rated', () => {
  it.each([
    [null, 50, 'not_rated'],
    [1, 0, 'rating'],
    [2, 25, 'rating'],
    [5, 100, 'rating'],
  ] as const)('rating %s → %d (%s)', (rating, value, basis) => {
    expect(score(makeAccount({ ratings: { reference: rating } })).factors.reference).toMatchObject({
      value,
      basis,
    });
  });
});

describe('§11 winnability — 0.4 rating + 0.4 win rate (24 months) + 0.2 purchase-factor advantage', () => {
  it.each([
    ['nothing known: all neutral', null, [], {}, 50, 'estimated'],
    ['rating 5 only', 5, [], {}, 70, 'rating'],
    ['3 won 1 lost', null, ['w', 'w', 'w', 'l'], {}, 60, 'computed'],
    ['purchase factors all much better', null, [], { brand: 2 }, 60, 'computed'],
    ['everything at the bottom', 1, ['l', 'l'], { brand: -2 }, 0, 'computed'],
    ['everything at the top', 5, ['w'], { price: 2, supply: 2 }, 100, 'computed'],
  ] as const)('%s', (_n, rating, outcomes, pf, value, basis) => {
    const deals = outcomes.map((o) => (o === 'w' ? won(100, '2026-01-10') : lost('2026-01-10')));
    const r = score(makeAccount({ ratings: { winnability: rating }, deals, purchaseFactors: pf }));
    expect(r.factors.winnability).toMatchObject({ value, basis });
  });
  it('deals closed before the 24-month window do not count; open deals never count', () => {
    const deals = [
      lost('2024-11-23'),
      won(100, '2024-11-24'),
      { ...lost('2026-01-01'), status: 'open' as const },
    ];
    const r = score(makeAccount({ deals }));
    expect(r.factors.winnability.explanation[1]).toEqual({
      code: 'score.winnability.win_rate',
      params: { won: 1, lost: 0, winRate: 100, months: 24 },
    });
    expect(r.factors.winnability.value).toBe(70);
  });
  it('the blend follows the settings', () => {
    const r = score(makeAccount({ ratings: { winnability: 5 } }), [], {
      score: { winnabilityBlend: { rating: 1, winRate: 0, purchaseFactors: 0 } },
    });
    expect(r.factors.winnability.value).toBe(100);
  });
  it('explains each part, saying which were neutral', () => {
    const codes = score(makeAccount()).factors.winnability.explanation.map((e) => e.code);
    expect(codes).toEqual([
      'score.winnability.rating_missing',
      'score.winnability.win_rate_missing',
      'score.winnability.purchase_factors_missing',
    ]);
  });
});

describe('§11 score — Σ weight × factor, one decimal', () => {
  it('an unrated account with no revenue scores 0.3×50 + 0.15×50 + 0.15×50 = 30', () => {
    const r = score(makeAccount());
    expect(r.value).toBe(30);
    expect(r.factors.sales.contribution).toBe(0);
    expect(r.factors.potential.contribution).toBe(15);
    expect(r.previous).toBeNull();
    expect(r.changes).toEqual([]);
  });
  it('weights come from the settings', () => {
    const r = score(makeAccount({ ratings: { reference: 5 } }), [], {
      score: { weights: { sales: 0, potential: 0, reference: 1, winnability: 0 } },
    });
    expect(r.value).toBe(100);
  });
  it('rounds factors then the sum to one decimal', () => {
    // potential 16.7 (employees percentile) → 0.3 × 16.7 = 5.01; + 7.5 + 7.5 = 20.01 → 20
    const r = score(makeAccount({ employees: 10 }), [
      makeAccount({ employees: 500 }),
      makeAccount({ employees: 500 }),
    ]);
    expect(r.value).toBe(20);
    expect(r.factors.potential.contribution).toBe(5);
  });
  it('lists what moved since the previous state, largest contribution change first', () => {
    const prev = previousState({
      score: 40,
      factors: { sales: 0, potential: 50, reference: 0, winnability: 50 },
    });
    const r = score(makeAccount({ ratings: { reference: 5, potential: 4 } }), [], {}, prev);
    // potential 50 → 75 (+7.5), reference 0 → 100 (+15)
    expect(r.changes).toEqual([
      { factor: 'reference', from: 0, to: 100, contributionDelta: 15 },
      { factor: 'potential', from: 50, to: 75, contributionDelta: 7.5 },
    ]);
    expect(r.previous).toBe(40);
    expect(r.explanation[1]).toEqual({
      code: 'score.change',
      params: { from: 40, to: 45, delta: 5 },
    });
  });
  it('carries the trailing revenue for the ranking tie-break', () => {
    expect(
      score(makeAccount({ deals: [won(123, '2026-10-01'), won(7, '2026-01-01')] })).trailingRevenue,
    ).toBe(130);
  });
});
