import fc from 'fast-check';
import { computeScore } from '../../src/domain/score.js';
import { computeFacts } from '../../src/domain/facts.js';
import { buildStats, statsEntryOf } from '../../src/domain/stats.js';
import { evaluatePurchaseFactors } from '../../src/domain/purchase-factors.js';
import { keyCount } from '../../src/domain/rank.js';
import { Ranking, type RankUpdate } from '../../src/domain/ranking.js';
import { evaluatePortfolio } from '../../src/domain/portfolio.js';
import type { Account } from '../../src/domain/snapshot.js';
import { ctxAt, settingsWith, won } from './builders.js';
import { accountArb } from './arbitraries.js';

/** Property-based checks of the score and key-account rules (§1, §11). Seeds are fixed: runs are reproducible. */

const ctx = ctxAt('2026-11-23');
function scorer(peers: Account[]) {
  const stats = buildStats(
    peers.map((a) => statsEntryOf(a, computeFacts(a, ctx))),
    ctx.asOf,
  );
  return (a: Account) =>
    computeScore(a, computeFacts(a, ctx), ctx, stats, evaluatePurchaseFactors(a), null);
}

describe('§11 properties — score', () => {
  it('the score and every factor stay within 0–100, one decimal', () => {
    fc.assert(
      fc.property(fc.array(accountArb, { minLength: 1, maxLength: 8 }), (accounts) => {
        const score = scorer(accounts);
        for (const a of accounts) {
          const r = score(a);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(100);
          expect(Math.round(r.value * 10) / 10).toBe(r.value);
          for (const f of Object.values(r.factors)) {
            expect(f.value).toBeGreaterThanOrEqual(0);
            expect(f.value).toBeLessThanOrEqual(100);
          }
        }
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  type Raise = (a: Account, k: number) => Account;
  // Raising a value that exists; going from "not rated" to a low rating is not a raise (neutral 50 → e.g. 25).
  const up = (r: number | null, k: number) => (r === null ? null : Math.min(5, r + k));
  const raises: [string, Raise][] = [
    [
      'potential rating',
      (a, k) => ({ ...a, ratings: { ...a.ratings, potential: up(a.ratings.potential, k) } }),
    ],
    [
      'reference rating',
      (a, k) => ({ ...a, ratings: { ...a.ratings, reference: up(a.ratings.reference, k) } }),
    ],
    [
      'winnability rating',
      (a, k) => ({ ...a, ratings: { ...a.ratings, winnability: up(a.ratings.winnability, k) } }),
    ],
    [
      'a new won deal (revenue and win rate)',
      (a, k) => ({ ...a, deals: [...a.deals, won(1000 * k, '2026-11-01')] }),
    ],
    [
      'annual revenue',
      (a, k) => ({
        ...a,
        annualRevenue: a.annualRevenue === null ? null : a.annualRevenue + 1000 * k,
      }),
    ],
    ['employees', (a, k) => ({ ...a, employees: a.employees === null ? null : a.employees + k })],
    [
      'a purchase factor',
      (a, k) => ({
        ...a,
        purchaseFactors: {
          ...a.purchaseFactors,
          price: a.purchaseFactors.price === null ? null : Math.min(2, a.purchaseFactors.price + k),
        },
      }),
    ],
  ];
  it.each(raises)('raising %s never lowers the score (same statistics)', (_n, raise) => {
    fc.assert(
      fc.property(
        fc.array(accountArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (accounts, k) => {
          const score = scorer(accounts);
          for (const a of accounts) {
            const before = score(a).value;
            const after = score(raise(a, k)).value;
            expect(after).toBeGreaterThanOrEqual(before);
          }
        },
      ),
      { seed: 23, numRuns: 100 },
    );
  });
});

describe('§11 properties — key accounts', () => {
  const entryArb = fc.record({
    score: fc.integer({ min: 0, max: 1000 }).map((x) => x / 10),
    revenue: fc.integer({ min: 0, max: 5 }),
    segment: fc.constantFrom('A', 'B'),
    disqualified: fc.boolean(),
    wasKey: fc.boolean(),
  });
  const shareArb = fc.constantFrom(5, 10, 12.5, 20, 33, 50);
  const countKeys = (r: Ranking) => [...r.entries()].filter((e) => e.isKey).length;

  it('first evaluation: the key count is exactly ceil(X % × eligible)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 120 }), shareArb, (entries, share) => {
        const updates: RankUpdate[] = entries.map((e, i) => ({
          ...e,
          id: String(i),
          wasKey: null,
        }));
        const r = Ranking.build(updates, settingsWith({ score: { keyAccountSharePct: share } }));
        const eligible = entries.filter((e) => !e.disqualified).length;
        expect(countKeys(r)).toBe(keyCount(share, eligible));
        for (const e of r.entries()) if (e.isKey) expect(e.disqualified).toBe(false);
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('re-evaluation: the key count lies between the exact share and the share plus the margin', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 120 }),
        shareArb,
        fc.integer({ min: 0, max: 10 }),
        (entries, share, margin) => {
          const updates: RankUpdate[] = entries.map((e, i) => ({ ...e, id: String(i) }));
          const r = Ranking.build(
            updates,
            settingsWith({ score: { keyAccountSharePct: share, hysteresisPts: margin } }),
          );
          const n = entries.length;
          const eligible = entries.filter((e) => !e.disqualified).length;
          const exact = keyCount(share, eligible);
          // Stayers sit at rank percentile ≤ X + margin, i.e. in the first ⌊(X + margin) % × n⌋ positions.
          const band = Math.floor(((share + margin) * n) / 100 + 1e-9);
          const keys = countKeys(r);
          expect(keys).toBeGreaterThanOrEqual(exact);
          expect(keys).toBeLessThanOrEqual(Math.max(exact, band));
          for (const e of r.entries())
            if (e.isKey && !e.exact) expect(e.pct).toBeLessThanOrEqual(share + margin);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('end to end: a first portfolio evaluation marks exactly ceil(20 % × eligible) key accounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(accountArb, fc.option(fc.integer({ min: 0, max: 200 }), { nil: null })), {
          minLength: 1,
          maxLength: 15,
        }),
        (specs) => {
          const accounts = specs.map(([a, days], i) => ({
            ...a,
            id: String(i + 1),
            avgDaysToPay: days,
          }));
          const r = evaluatePortfolio(
            accounts.map((account) => ({ account, previous: null })),
            settingsWith(),
            '2026-11-23T12:00:00.000Z',
          );
          const eligible = accounts.filter(
            (a) => a.avgDaysToPay === null || a.avgDaysToPay <= 90,
          ).length;
          expect(r.evaluations.filter((e) => e.rank.isKeyAccount).length).toBe(
            keyCount(20, eligible),
          );
        },
      ),
      { seed: 13, numRuns: 25 },
    );
  });
});
