import { evaluateTier } from '../../src/domain/tier.js';
import { computeScore } from '../../src/domain/score.js';
import { computeFacts } from '../../src/domain/facts.js';
import { buildStats, statsEntryOf } from '../../src/domain/stats.js';
import { evaluatePurchaseFactors } from '../../src/domain/purchase-factors.js';
import type { Account, AccountState } from '../../src/domain/snapshot.js';
import type { SettingsInput } from '../../src/domain/settings.js';
import { ctxAt, makeAccount, previousState, won } from './builders.js';

function tier(
  account: Account,
  peers: Account[] = [],
  overrides: SettingsInput = {},
  previous: AccountState | null = null,
) {
  const ctx = ctxAt('2026-11-23', overrides);
  const all = [account, ...peers];
  const stats = buildStats(
    all.map((a) => statsEntryOf(a, computeFacts(a, ctx))),
    ctx.asOf,
  );
  const facts = computeFacts(account, ctx);
  const score = computeScore(
    account,
    facts,
    ctx,
    stats,
    evaluatePurchaseFactors(account),
    previous,
  );
  return { score, tier: evaluateTier(account, facts, ctx, stats, score, previous) };
}

// Sales percentile 50 (alone in its segment with revenue) or 0 (no revenue).
const withRevenue = (ratings: Partial<Account['ratings']> = {}, extra: Partial<Account> = {}) =>
  makeAccount({ deals: [won(1000, '2026-06-01')], ratings, ...extra });
const noRevenue = (ratings: Partial<Account['ratings']> = {}) => makeAccount({ ratings });

describe('§2 tier — contribution × importance, cut at 50 / 50 (≥ 50 is high)', () => {
  it.each([
    ['strategic: both high (50 is high)', withRevenue(), 'strategic'],
    ['potential: importance high, contribution low', noRevenue({ potential: 5 }), 'potential'],
    [
      'profit: contribution high, importance low',
      withRevenue({ potential: 1, reference: 1, strategicFit: 1 }),
      'profit',
    ],
    ['ordinary: both low', noRevenue({ potential: 1 }), 'ordinary'],
  ] as const)('%s', (_n, account, expected) => {
    expect(tier(account).tier.tier).toBe(expected);
  });

  it('importance = mean(potential, reference, strategic fit), one decimal; fit 50 when not rated', () => {
    const t = tier(noRevenue({ potential: 4, reference: 2 })).tier;
    expect(t.importance).toBe(50); // (75 + 25 + 50) / 3
    expect(t.importanceHigh).toBe(true);
    const r = tier(noRevenue({ potential: 4, reference: 2, strategicFit: 2 })).tier;
    expect(r.importance).toBe(41.7);
    expect(r.importanceHigh).toBe(false);
    expect(r.explanation[1]).toEqual({
      code: 'tier.importance.computed',
      params: { value: 41.7, potential: 75, reference: 25, fit: 25, fitRating: 2 },
    });
    expect(t.explanation[1].code).toBe('tier.importance.fit_not_rated');
  });

  it('contribution = the sales factor by default', () => {
    const peers = [makeAccount({ deals: [won(10, '2026-06-01')] })];
    const { score, tier: t } = tier(withRevenue(), peers);
    expect(t.contribution).toBe(score.factors.sales.value);
    expect(t.contribution).toBe(75);
    expect(t.explanation[0].code).toBe('tier.contribution.sales');
  });

  it('cuts are settings', () => {
    const t = tier(withRevenue(), [], { tier: { contributionCut: 60 } }).tier;
    expect(t.contribution).toBe(50);
    expect(t.contributionHigh).toBe(false);
    expect(t.tier).toBe('potential');
  });

  it('records the previous tier and says when it changed', () => {
    const t = tier(withRevenue(), [], {}, previousState({ tier: 'ordinary' })).tier;
    expect(t.previous).toBe('ordinary');
    expect(t.explanation.at(-1)).toEqual({
      code: 'tier.changed',
      params: { from: 'ordinary', to: 'strategic' },
    });
    expect(tier(withRevenue()).tier.previous).toBeNull();
  });
});

describe('§11 tier with margin — contribution = percentile of trailing revenue × margin', () => {
  const useMargin = { tier: { useMargin: true } };
  it('ranks revenue × margin within the segment', () => {
    // Me: 1000 × 40 % = 400; peer: 2000 × 10 % = 200 → my percentile 75 though my revenue is lower.
    const me = withRevenue({}, { marginPct: 40 });
    const peer = makeAccount({ deals: [won(2000, '2026-06-01')], marginPct: 10 });
    const { score, tier: t } = tier(me, [peer], useMargin);
    expect(score.factors.sales.value).toBe(25);
    expect(t.contribution).toBe(75);
    expect(t.explanation[0]).toEqual({
      code: 'tier.contribution.margin',
      params: { value: 75, revenue: 1000, margin: 40, revenueMargin: 400 },
    });
  });
  it('falls back to the sales factor when the account has no margin', () => {
    const t = tier(withRevenue(), [], useMargin).tier;
    expect(t.contribution).toBe(50);
    expect(t.explanation[0].code).toBe('tier.contribution.margin_missing');
  });
  it('no revenue contributes 0', () => {
    expect(tier(makeAccount({ marginPct: 30 }), [], useMargin).tier.contribution).toBe(0);
  });
});
