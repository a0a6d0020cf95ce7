import type { Account, AccountState, LifecycleStage, MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { LifecycleResult } from './evaluation.js';
import { dateLabel } from './date-labels.js';
import { lifecycleStages } from './snapshot.js';
import { frozen } from './shared.js';

/**
 * §3 lifecycle stage, rules of §11: the highest stage whose rule holds wins.
 *
 * - user: an engagement in the last `userEngagementDays` (180) days, an open deal,
 *   or product usage (trial or active) — and no won deal;
 * - customer: at least one won deal (closed-won with a close date up to today);
 * - repeat: won deals in ≥ `repeatMinQuarters` (2) of the last `quartersWindow` (4)
 *   completed quarters;
 * - major: won deals in ≥ `majorMinQuarters` (3) of them and trailing-12-month
 *   revenue ≥ the segment threshold (its 80th percentile, supplied by the caller);
 *   without a threshold an account cannot be major, and the rule says so.
 *
 * History and backward moves follow the *computed* stage, so a pin is never a move:
 * `history` gains an entry (dated today) whenever the computed stage differs from
 * the last recorded one, and the first evaluation records the initial stage.
 * `previous` is that last recorded computed stage (the last history entry, else
 * `previous.stage`), which keeps this right whichever stage the caller stores in
 * the state. `movedBackward` = computed stage below it, pinned or not.
 */

const ORDER: Record<LifecycleStage, number> = { stranger: 0, user: 1, customer: 2, repeat: 3, major: 4 };
/** The next control point of each stage: the same for every account in it, shared (see shared.ts). */
const CONTROL_POINTS = Object.fromEntries(
  lifecycleStages.map((stage) => [stage, frozen<MessageRef>({ code: `lifecycle.control.${stage}`, params: {} })]),
) as Record<LifecycleStage, MessageRef>;

export function evaluateLifecycle(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  previous: AccountState | null,
  majorRevenueThreshold: number | null,
): LifecycleResult {
  const s = ctx.settings.lifecycle;
  const n = facts.quarterWonCount.length;
  const window = Math.min(s.quartersWindow, n);
  let wonQuarters = 0;
  for (let i = n - window; i < n; i++) if (facts.quarterWonCount[i] > 0) wonQuarters++;

  const { stage: computedStage, rule } = computeStage(account, facts, ctx, wonQuarters, window, majorRevenueThreshold);

  const pinned = account.pinnedStage !== null;
  const stage = account.pinnedStage ?? computedStage;

  let previousStage: LifecycleStage | null = null;
  let history: LifecycleResult['history'] = [];
  if (previous !== null) {
    const h = previous.stageHistory;
    previousStage = h.length > 0 ? h[h.length - 1].stage : previous.stage;
    history = h;
  }
  if (previousStage !== computedStage || history.length === 0) {
    history = [...history, { stage: computedStage, on: ctx.todayDate }];
  }
  const movedBackward = previousStage !== null && ORDER[computedStage] < ORDER[previousStage];

  return {
    stage,
    computedStage,
    pinned,
    rule,
    history,
    movedBackward,
    previous: previousStage,
    nextControlPoint: CONTROL_POINTS[stage],
    wonQuartersInWindow: wonQuarters,
  };
}

function computeStage(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  wonQuarters: number,
  window: number,
  threshold: number | null,
): { stage: LifecycleStage; rule: MessageRef } {
  const s = ctx.settings.lifecycle;
  const revenue = facts.trailingRevenue;
  const months = ctx.settings.score.salesWindowMonths;
  if (facts.hasWonDeal) {
    if (wonQuarters >= s.majorMinQuarters) {
      if (threshold === null) {
        return rule('repeat', 'lifecycle.rule.repeat_no_threshold', { wonQuarters, window, revenue, months });
      }
      if (revenue >= threshold) {
        return rule('major', 'lifecycle.rule.major', {
          wonQuarters,
          window,
          revenue,
          months,
          threshold,
          percentile: s.majorRevenuePercentile,
        });
      }
      return rule('repeat', 'lifecycle.rule.repeat_below_threshold', {
        wonQuarters,
        window,
        revenue,
        months,
        threshold,
        percentile: s.majorRevenuePercentile,
      });
    }
    if (wonQuarters >= s.repeatMinQuarters) {
      return rule('repeat', 'lifecycle.rule.repeat', { wonQuarters, window, min: s.repeatMinQuarters });
    }
    return rule('customer', 'lifecycle.rule.customer', {
      wonDeals: facts.wonDealIds.length,
      wonQuarters,
      window,
      min: s.repeatMinQuarters,
    });
  }
  const days = s.userEngagementDays;
  if (facts.lastTouchDay !== null && facts.lastTouchDay > ctx.today - days) {
    return rule('user', 'lifecycle.rule.user_engaged', { lastTouch: dateLabel(facts.lastTouchDay), days });
  }
  if (facts.openDeals > 0) return rule('user', 'lifecycle.rule.user_open_deal', { openDeals: facts.openDeals });
  if (account.productUsage === 'trial' || account.productUsage === 'active') {
    return rule('user', `lifecycle.rule.user_${account.productUsage}`, {});
  }
  return rule('stranger', 'lifecycle.rule.stranger', { days });
}

function rule(stage: LifecycleStage, code: string, params: MessageRef['params']): { stage: LifecycleStage; rule: MessageRef } {
  return { stage, rule: { code, params } };
}

/** Position of a stage in the lifecycle (stranger 0 … major 4), for callers comparing stages. */
export function stageOrder(stage: LifecycleStage): number {
  return ORDER[stage];
}
