import type { MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { ValueBasis } from './evaluation.js';
import { addMonths } from './dates.js';
import { round1 } from './rounding.js';
import { frozen } from './shared.js';

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

export function part(value: number, basis: ValueBasis, code: string, params: MessageRef['params'] = {}): HealthPart {
  return { value: round1(value), basis, explanation: { code, params } };
}

const constants = new Map<string, HealthPart>();

/** A part without parameters, the same for every account that has it: shared (see shared.ts). */
export function constantPart(value: number, basis: ValueBasis, code: string): HealthPart {
  const hit = constants.get(code);
  if (hit !== undefined && hit.value === round1(value) && hit.basis === basis) return hit;
  const p = frozen(part(value, basis, code));
  if (hit === undefined) constants.set(code, p);
  return p;
}

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
  if (first === null) {
    return {
      stability: constantPart(50, 'estimated', 'health.stability.no_history'),
      growth: constantPart(50, 'estimated', 'health.growth.no_history'),
      frequency: constantPart(50, 'estimated', 'health.frequency.no_history'),
    };
  }
  return { stability: stability(facts, ctx, first), growth: growth(facts, ctx, first), frequency: frequency(facts, ctx, first) };
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
  if (k < 2) return part(50, 'estimated', 'health.stability.too_new', { quarters: k, wanted });
  const mean = sum / k;
  if (mean <= 0) return part(0, 'computed', 'health.stability.no_revenue', { quarters: k });
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
    return first > addMonths(ctx.today, -months)
      ? part(50, 'estimated', 'health.growth.new_customer', { trailing, months })
      : part(100, 'computed', 'health.growth.resumed', { trailing, months });
  }
  return part(50, 'estimated', 'health.growth.no_revenue', { months });
}

function frequency(facts: AccountFacts, ctx: EvalContext, first: number): HealthPart {
  const days = ctx.settings.health.frequencyWindowDays;
  const span = ctx.settings.health.growthSpanPct;
  const recent = facts.wonRecent;
  const earlier = facts.wonEarlier;
  if (earlier > 0) {
    const pct = ((recent - earlier) / earlier) * 100;
    return part(changeToScore(pct, span), 'computed', 'health.frequency.computed', {
      recent,
      earlier,
      changePct: round1(pct),
      days,
    });
  }
  if (recent > 0) {
    return first > ctx.today - days
      ? part(50, 'estimated', 'health.frequency.new_customer', { recent, days })
      : part(100, 'computed', 'health.frequency.resumed', { recent, days });
  }
  return part(50, 'estimated', 'health.frequency.none', { days });
}
