import type { Account, MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { CadenceResult, CommitteeResult, TierResult } from './evaluation.js';
import { addMonths } from './dates.js';
import { dateLabel } from './date-labels.js';
import { touchesAny, touchMemberIds } from './committee.js';
import { trimmed } from './trimmed.js';

/**
 * §7 engagement cadence, rules of §11.
 *
 * - Relationship age runs from the first won deal. Before it there is no cadence
 *   (phase `none`, nothing expected, never overdue): a prospect is paced by its
 *   deals, not by an account-management rhythm.
 * - Phases: younger than `newRelationshipMonths` (3) → new: a formal touch every 7
 *   days; younger than `establishedMonths` (12) → developing: a business review
 *   every 14 days and an executive touch every 30; older → established: a strategy
 *   session every 91 days. A strategic-tier account also needs an executive touch
 *   every 30 days when its phase does not already ask for one.
 * - Touch = a logged meeting, call or email with a committee member (see
 *   committee.ts for who counts); executive touch = one with a decision maker;
 *   strategy session = a meeting with a decision maker.
 * - Each interval is tracked on its own from its last matching touch: next due =
 *   last + days; overdue when today > last + overdueFactor (1.5) × days. The clock
 *   never starts before the relationship does: with no matching touch ever, or a
 *   last one before the first won deal, it runs from the first won deal.
 * - `expectedTouchesPer90Days` = Σ 90 ÷ interval days (for health's interaction).
 */

type Kind = CadenceResult['intervals'][number]['kind'];
type Phase = CadenceResult['phase'];

const PHASE_KINDS: Record<Exclude<Phase, 'none'>, Kind[]> = {
  new: ['formal_touch'],
  developing: ['business_review', 'executive_touch'],
  established: ['strategy_session'],
};
const PHASE_KINDS_STRATEGIC: Record<Exclude<Phase, 'none'>, Kind[]> = {
  new: ['formal_touch', 'executive_touch'],
  developing: PHASE_KINDS.developing,
  established: ['strategy_session', 'executive_touch'],
};
const PHASE_CODES: Record<Exclude<Phase, 'none'>, string> = {
  new: 'cadence.phase.new',
  developing: 'cadence.phase.developing',
  established: 'cadence.phase.established',
};

/** Message code per interval kind, indexed by (never touched ? 2 : 0) + (overdue ? 1 : 0); built once. */
const INTERVAL_CODES = Object.fromEntries(
  (['formal_touch', 'business_review', 'executive_touch', 'strategy_session'] as const).map((k) => [
    k,
    ['last_on_track', 'last_overdue', 'never_on_track', 'never_overdue'].map((state) => `cadence.${k}.${state}`),
  ]),
) as Record<Kind, string[]>;

export function evaluateCadence(
  _account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  committee: CommitteeResult,
  tier: Pick<TierResult, 'tier'>,
): Required<CadenceResult> {
  const s = ctx.settings.cadence;
  const today = ctx.today;
  const memberIds = touchMemberIds(committee);
  const dmIds = committee.decisionMakerIds;

  const start = facts.firstWonDay;
  const phase: Phase =
    start === null
      ? 'none'
      : today < addMonths(start, s.newRelationshipMonths)
        ? 'new'
        : today < addMonths(start, s.establishedMonths)
          ? 'developing'
          : 'established';
  const strategic = tier.tier === 'strategic' && s.strategicMonthlyExecutive;
  const wanted: readonly Kind[] = phase === 'none' ? [] : strategic ? PHASE_KINDS_STRATEGIC[phase] : PHASE_KINDS[phase];

  // The latest touch of each kind this phase needs: a day no later than the best so far
  // cannot improve it, so the contact lists are compared only for the few that can.
  const needExecutive = dmIds.length > 0 && wanted.includes('executive_touch');
  const needStrategy = dmIds.length > 0 && wanted.includes('strategy_session');
  let lastTouch: number | null = null;
  let lastExecutive: number | null = null;
  let lastStrategy: number | null = null;
  const touches = facts.touches;
  const touchDays = facts.touchDays;
  for (let i = 0; i < touches.length; i++) {
    const day = touchDays[i];
    const t = touches[i];
    if ((lastTouch === null || day > lastTouch) && touchesAny(t.contactIds, memberIds)) lastTouch = day;
    const executive = needExecutive && (lastExecutive === null || day > lastExecutive);
    const strategy = needStrategy && t.type === 'meeting' && (lastStrategy === null || day > lastStrategy);
    if ((executive || strategy) && touchesAny(t.contactIds, dmIds)) {
      if (executive) lastExecutive = day;
      if (strategy) lastStrategy = day;
    }
  }

  if (start === null || phase === 'none') {
    return {
      relationshipAgeDays: null,
      phase: 'none',
      intervals: [],
      lastTouch: lastTouch === null ? null : dateLabel(lastTouch),
      nextDue: null,
      overdue: false,
      expectedTouchesPer90Days: 0,
      explanation: [{ code: 'cadence.phase.none', params: {} }],
    };
  }

  const ageDays = today - start;
  const since = dateLabel(start);
  const explanation: MessageRef[] = [{ code: PHASE_CODES[phase], params: { since, ageDays } }];
  if (strategic && phase !== 'developing') {
    explanation.push({ code: 'cadence.strategic_executive', params: { days: s.monthlyDays } });
  }

  const intervals: CadenceResult['intervals'] = [];
  let nextDue: number | null = null;
  let overdue = false;
  let expected = 0;
  for (const kind of wanted) {
    const days = daysOf(kind, ctx);
    const last = kind === 'executive_touch' ? lastExecutive : kind === 'strategy_session' ? lastStrategy : lastTouch;
    const base = last === null ? start : Math.max(last, start);
    const due = base + days;
    const overdueOn = Math.floor(base + s.overdueFactor * days) + 1; // first day with today > base + factor × days
    const isOverdue = today >= overdueOn;
    const lastDate = last === null ? null : dateLabel(last);
    const dueDate = dateLabel(due);
    const overdueDate = dateLabel(overdueOn);
    intervals.push({ kind, days, lastTouch: lastDate, nextDue: dueDate, overdueOn: overdueDate, overdue: isOverdue });
    if (nextDue === null || due < nextDue) nextDue = due;
    if (isOverdue) overdue = true;
    expected += 90 / days;
    explanation.push({
      code: INTERVAL_CODES[kind][(last === null ? 2 : 0) + (isOverdue ? 1 : 0)],
      params: { days, lastTouch: lastDate, since, nextDue: dueDate, overdueOn: overdueDate },
    });
  }

  return {
    relationshipAgeDays: ageDays,
    phase,
    intervals: trimmed(intervals),
    lastTouch: lastTouch === null ? null : dateLabel(lastTouch),
    nextDue: nextDue === null ? null : dateLabel(nextDue),
    overdue,
    expectedTouchesPer90Days: expected,
    explanation: trimmed(explanation),
  };
}

function daysOf(kind: Kind, ctx: EvalContext): number {
  const s = ctx.settings.cadence;
  switch (kind) {
    case 'formal_touch':
      return s.weeklyDays;
    case 'business_review':
      return s.biweeklyDays;
    case 'executive_touch':
      return s.monthlyDays;
    case 'strategy_session':
      return s.quarterlyDays;
  }
}
