import type { Account, AccountState, LifecycleStage, MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { LifecycleResult } from './evaluation.js';
import { dateLabel } from './date-labels.js';
import { lifecycleStages } from './snapshot.js';
import { deepFreeze, Memo, ScopedMemo, sharedRef } from './shared.js';

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

const ORDER: Record<LifecycleStage, number> = {
  stranger: 0,
  user: 1,
  customer: 2,
  repeat: 3,
  major: 4,
};

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

  const { stage: computedStage, rule } = computeStage(
    account,
    facts,
    ctx,
    wonQuarters,
    window,
    majorRevenueThreshold,
  );

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
    history =
      history.length === 0
        ? firstHistory(computedStage, ctx)
        : [...history, { stage: computedStage, on: ctx.todayDate }];
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
    nextControlPoint: CONTROL_POINTS[ORDER[stage]],
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
        return rule('repeat', 'lifecycle.rule.repeat_no_threshold', {
          wonQuarters,
          window,
          revenue,
          months,
        });
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
    const min = s.repeatMinQuarters;
    if (wonQuarters >= min) {
      const key = Memo.key(wonQuarters, window, min);
      return (
        repeatRules.get(key) ??
        keep(
          repeatRules,
          key,
          rule('repeat', 'lifecycle.rule.repeat', { wonQuarters, window, min }),
        )
      );
    }
    const wonDeals = facts.wonDeals.length;
    const memo = customerRules.on(window, min);
    const key = Memo.key(wonDeals, wonQuarters);
    return (
      memo.get(key) ??
      keep(
        memo,
        key,
        rule('customer', 'lifecycle.rule.customer', { wonDeals, wonQuarters, window, min }),
      )
    );
  }
  const days = s.userEngagementDays;
  if (facts.lastTouchDay !== null && facts.lastTouchDay > ctx.today - days) {
    return rule('user', 'lifecycle.rule.user_engaged', {
      lastTouch: dateLabel(facts.lastTouchDay),
      days,
    });
  }
  const openDeals = facts.openDeals;
  if (openDeals > 0) {
    const key = Memo.key(openDeals);
    return (
      openDealRules.get(key) ??
      keep(openDealRules, key, rule('user', 'lifecycle.rule.user_open_deal', { openDeals }))
    );
  }
  if (account.productUsage === 'trial') return USER_TRIAL;
  if (account.productUsage === 'active') return USER_ACTIVE;
  const key = Memo.key(days);
  return (
    strangerRules.get(key) ??
    keep(strangerRules, key, rule('stranger', 'lifecycle.rule.stranger', { days }))
  );
}

function rule(
  stage: LifecycleStage,
  code: string,
  params: MessageRef['params'],
): { stage: LifecycleStage; rule: MessageRef } {
  return { stage, rule: { code, params } };
}

// Shared, frozen parts of results (see shared.ts).
type StageRule = { stage: LifecycleStage; rule: MessageRef };
const repeatRules = new Memo<StageRule>();
const customerRules = new ScopedMemo<StageRule>();
const openDealRules = new Memo<StageRule>();
const strangerRules = new Memo<StageRule>();
const USER_TRIAL = deepFreeze(rule('user', 'lifecycle.rule.user_trial', {}));
const USER_ACTIVE = deepFreeze(rule('user', 'lifecycle.rule.user_active', {}));
function keep(memo: Memo<StageRule>, key: number, r: StageRule): StageRule {
  return key < 0 ? r : memo.set(key, deepFreeze(r));
}
const CONTROL_POINTS = lifecycleStages.map((stage) => sharedRef(`lifecycle.control.${stage}`));

/** A first history, [stage since today], is the same for every account at that stage on that day: shared. */
let historyDay = '';
const firstHistories: (LifecycleResult['history'] | undefined)[] = [];
function firstHistory(stage: LifecycleStage, ctx: EvalContext): LifecycleResult['history'] {
  if (ctx.todayDate !== historyDay) {
    historyDay = ctx.todayDate;
    firstHistories.fill(undefined);
  }
  const i = ORDER[stage];
  return (firstHistories[i] ??= deepFreeze([{ stage, on: ctx.todayDate }]));
}

/** Position of a stage in the lifecycle (stranger 0 … major 4), for callers comparing stages. */
export function stageOrder(stage: LifecycleStage): number {
  return ORDER[stage];
}
