import fc from 'fast-check';
import { computeScore } from '../../src/domain/score.js';
import {
  fillScoreValueFacts,
  scoreValueOf,
  type ScoreValueFacts,
} from '../../src/domain/score-value.js';
import { computeFacts } from '../../src/domain/facts.js';
import { buildStats, statsEntryOf } from '../../src/domain/stats.js';
import { evaluatePurchaseFactors } from '../../src/domain/purchase-factors.js';
import { makeContext } from '../../src/domain/context.js';
import { settingsSchema } from '../../src/domain/settings.js';
import type { Account } from '../../src/domain/snapshot.js';
import { generateDemoPortal } from '../../src/demo/index.js';
import { groupAccountRecords } from '../../src/sync/group-records.js';
import { toAccount } from '../../src/sync/to-account.js';
import { accountArb } from './arbitraries.js';
import { ctxAt, settingsWith } from './builders.js';

/**
 * The portfolio pass ranks by scoreValueOf and explains by computeScore: the
 * two must give the same number for every account, or an account's place
 * would not match its score (the pass throws if they differ).
 */

function mismatches(accounts: Account[], ctx: ReturnType<typeof ctxAt>): string[] {
  const facts = accounts.map((a) => computeFacts(a, ctx));
  const stats = buildStats(
    accounts.map((a, i) => statsEntryOf(a, facts[i])),
    ctx.asOf,
  );
  const out: string[] = [];
  accounts.forEach((a, i) => {
    const full = computeScore(a, facts[i], ctx, stats, evaluatePurchaseFactors(a), null).value;
    // What the portfolio pass ranks by: the lean facts and the lean score.
    const lean: ScoreValueFacts = {
      trailingRevenue: NaN,
      closedWonInWinWindow: NaN,
      closedLostInWinWindow: NaN,
    };
    fillScoreValueFacts(a, ctx, lean);
    for (const key of Object.keys(lean) as (keyof ScoreValueFacts)[])
      if (lean[key] !== facts[i][key]) out.push(`${a.id} ${key}: ${facts[i][key]} vs ${lean[key]}`);
    const value = scoreValueOf(a, lean, ctx, stats);
    if (full !== value) out.push(`${a.id}: ${full} vs ${value}`);
  });
  return out;
}

describe('scoreValueOf (with fillScoreValueFacts) equals computeScore(...).value', () => {
  it('on every account of a 1,000-company demo portfolio, with default and other settings', () => {
    const portal = generateDemoPortal({ seed: 7, companies: 1_000 });
    for (const input of [
      {},
      { score: { weights: { sales: 0.1, potential: 0.2, reference: 0.3, winnability: 0.4 } } },
      { score: { winnabilityBlend: { rating: 0.6, winRate: 0.2, purchaseFactors: 0.2 } } },
    ]) {
      const settings = settingsSchema.parse({ ...input, timeZone: portal.timeZone });
      const accounts = groupAccountRecords(portal).map((g) => toAccount(g, settings).account);
      expect(mismatches(accounts, makeContext(settings, portal.asOf))).toEqual([]);
    }
  });

  it('on random accounts and weights (fast-check)', () => {
    const weights = fc
      .tuple(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
      )
      .filter(([a, b, c]) => a + b + c <= 10)
      .map(([a, b, c]) => ({
        sales: a / 10,
        potential: b / 10,
        reference: c / 10,
        winnability: (10 - a - b - c) / 10,
      }));
    const months = fc.integer({ min: 1, max: 36 });
    fc.assert(
      fc.property(
        fc.array(accountArb, { minLength: 1, maxLength: 10 }),
        weights,
        months,
        months,
        (accounts, w, sales, win) => {
          const settings = settingsWith({
            score: { weights: w, salesWindowMonths: sales, winRateWindowMonths: win },
          });
          const ctx = { ...ctxAt('2026-11-23'), settings };
          const named = accounts.map((a, i) => ({ ...a, id: `a${i}` }));
          expect(mismatches(named, ctx)).toEqual([]);
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
