import type { MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import { windowsOf } from './windows.js';
import type { EvalContext } from './context.js';
import type { ValueBasis } from './evaluation.js';
import { round1 } from './rounding.js';
import { Memo, ScopedMemo } from './shared.js';

/**
 * §5/§11 business health: stability, growth and frequency, each 0–100 with its
 * basis. Choices the formula leaves open (documented, tested):
 * - No won deal at all = no revenue history: every part is 50 (estimated).
 * - Stability uses the last `stabilityQuarters` (4) completed quarters, but only
 *   those ending after the first won deal: quarters before the relationship are
 *   not a zero-revenue history. Fewer than 2 such quarters → 50 (estimated, too
 *   new). Mean revenue 0 over them → 0 (no revenue, computed). Population CV.
 * - Growth and frequency map the change −span % → 0, 0 % → 50, +span % → 100
 *   (span 50, clamped). With nothing in the earlier window: when the first won
 *   deal falls inside the recent window the account is new and there is no base
 *   (50, estimated); otherwise revenue/purchases resumed after a pause (100). Both
 *   windows empty → 50 (estimated).
 */

export interface HealthPart {
  value: number;
  basis: ValueBasis;
  explanation: MessageRef;
}

export function part(
  value: number,
  basis: ValueBasis,
  code: string,
  params: MessageRef['params'] = {},
): HealthPart {
  return { value: round1(value), basis, explanation: { code, params } };
}

/** Keeps a part in a memo, frozen, when its key is cacheable (see Memo); returns it. */
export function keep(memo: Memo<HealthPart>, key: number, p: HealthPart): HealthPart {
  if (key < 0) return p;
  Object.freeze(p.explanation.params);
  Object.freeze(p.explanation);
  return memo.set(key, Object.freeze(p));
}

// Parts that take a few values for every account (see shared.ts).
const NO_HISTORY = Object.freeze({
  stability: keep(new Memo(), 0, part(50, 'estimated', 'health.stability.no_history')),
  growth: keep(new Memo(), 0, part(50, 'estimated', 'health.growth.no_history')),
  frequency: keep(new Memo(), 0, part(50, 'estimated', 'health.frequency.no_history')),
});
const tooNew = new Memo<HealthPart>();
const noRevenue = new Memo<HealthPart>();
const growthNone = new Memo<HealthPart>();
const frequencyParts = new ScopedMemo<HealthPart>();
const frequencyNewOrResumed = new Memo<HealthPart>();
const frequencyNone = new Memo<HealthPart>();

/** −span % → 0, 0 % → 50, +span % → 100, clamped. */
export function changeToScore(changePct: number, spanPct: number): number {
  const v = 50 + (50 * changePct) / spanPct;
  return v < 0 ? 0 : v > 100 ? 100 : v;
}

export function businessParts(
  facts: AccountFacts,
  ctx: EvalContext,
): { stability: HealthPart; growth: HealthPart; frequency: HealthPart } {
  const first = facts.firstWonDay;
  if (first === null) return NO_HISTORY;
  return {
    stability: stability(facts, ctx, first),
    growth: growth(facts, ctx, first),
    frequency: frequency(facts, ctx, first),
  };
}

function stability(facts: AccountFacts, ctx: EvalContext, first: number): HealthPart {
  const wanted = ctx.settings.health.stabilityQuarters;
  const total = facts.quarterRevenue.length;
  const from = total - Math.min(wanted, total);
  let k = 0;
  let sum = 0;
  for (let i = from; i < total; i++) {
    if (facts.quarters[i].endDay <= first) continue;
    k++;
    sum += facts.quarterRevenue[i];
  }
  if (k < 2) {
    const key = Memo.key(k, wanted);
    return (
      tooNew.get(key) ??
      keep(tooNew, key, part(50, 'estimated', 'health.stability.too_new', { quarters: k, wanted }))
    );
  }
  const mean = sum / k;
  if (mean <= 0) {
    const key = Memo.key(k);
    return (
      noRevenue.get(key) ??
      keep(noRevenue, key, part(0, 'computed', 'health.stability.no_revenue', { quarters: k }))
    );
  }
  let sq = 0;
  for (let i = total - k; i < total; i++) {
    const d = facts.quarterRevenue[i] - mean;
    sq += d * d;
  }
  const cv = Math.sqrt(sq / k) / mean;
  return part(100 * (1 - Math.min(1, cv)), 'computed', 'health.stability.computed', {
    quarters: k,
    mean: Math.round(mean),
    cvPct: round1(cv * 100),
  });
}

function growth(facts: AccountFacts, ctx: EvalContext, first: number): HealthPart {
  const months = ctx.settings.score.salesWindowMonths;
  const span = ctx.settings.health.growthSpanPct;
  const trailing = facts.trailingRevenue;
  const prior = facts.priorRevenue;
  if (prior > 0) {
    const pct = ((trailing - prior) / prior) * 100;
    return part(changeToScore(pct, span), 'computed', 'health.growth.computed', {
      trailing,
      prior,
      changePct: round1(pct),
      months,
    });
  }
  if (trailing > 0) {
    return first > windowsOf(ctx).salesStart
      ? part(50, 'estimated', 'health.growth.new_customer', { trailing, months })
      : part(100, 'computed', 'health.growth.resumed', { trailing, months });
  }
  const key = Memo.key(months);
  return (
    growthNone.get(key) ??
    keep(growthNone, key, part(50, 'estimated', 'health.growth.no_revenue', { months }))
  );
}

function frequency(facts: AccountFacts, ctx: EvalContext, first: number): HealthPart {
  const days = ctx.settings.health.frequencyWindowDays;
  const span = ctx.settings.health.growthSpanPct;
  const recent = facts.wonRecent;
  const earlier = facts.wonEarlier;
  if (earlier > 0) {
    // A few won-deal counts: the same part for many accounts (span and days are settings).
    const memo = frequencyParts.on(days, span);
    const key = Memo.key(recent, earlier);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const pct = ((recent - earlier) / earlier) * 100;
    return keep(
      memo,
      key,
      part(changeToScore(pct, span), 'computed', 'health.frequency.computed', {
        recent,
        earlier,
        changePct: round1(pct),
        days,
      }),
    );
  }
  if (recent > 0) {
    const isNew = first > ctx.today - days;
    const key = Memo.key(recent, days, isNew ? 1 : 0);
    return (
      frequencyNewOrResumed.get(key) ??
      keep(
        frequencyNewOrResumed,
        key,
        isNew
          ? part(50, 'estimated', 'health.frequency.new_customer', { recent, days })
          : part(100, 'computed', 'health.frequency.resumed', { recent, days }),
      )
    );
  }
  const key = Memo.key(days);
  return (
    frequencyNone.get(key) ??
    keep(frequencyNone, key, part(50, 'estimated', 'health.frequency.none', { days }))
  );
}
