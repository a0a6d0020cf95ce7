import type { Account, AlertEvidence } from './snapshot.js';
import { lifecycleStages, type LifecycleStage } from './snapshot.js';
import type { CadenceResult, LifecycleResult } from './evaluation.js';
import type { AlertCode } from './settings.js';
import { dayNumber } from './dates.js';
import { round1 } from './rounding.js';
import type { Hit, Params, Rule } from './alert-kinds.js';

/**
 * One function per §6 reason: each returns the reason's params and evidence when
 * its condition holds now, else null. `held` is the same reason when it was open
 * after the previous evaluation (some reasons stay open on remembered facts).
 */

const EPS = 1e-9;
const NOTE_MAX = 280;
const noEvidence = (
  facts: Params = {},
  contactIds: string[] = [],
  dealIds: string[] = [],
): AlertEvidence => ({
  contactIds,
  dealIds,
  facts,
});
const isDecisionMaker = (roles: readonly string[]) => roles.includes('decision_maker');
function contactById(
  contacts: Account['contacts'],
  id: string,
): Account['contacts'][number] | undefined {
  for (const c of contacts) if (c.id === id) return c;
  return undefined;
}

/**
 * Red: a decision maker left. A departure is a decision maker of the previous
 * evaluation now absent (archived/unlinked) or marked left; on a first
 * evaluation, a decision maker marked left. The alert remembers how many active
 * decision makers the account had before (`neededDecisionMakers`) and stays open
 * until that many are mapped again — the departed one is replaced — so a second
 * decision maker still in place does not silently close it.
 */
export const decisionMakerLeft: Rule = ({ account, previous, committee }, held) => {
  const departed: string[] = [];
  if (previous !== null) {
    for (const id of previous.decisionMakerIds) {
      const c = contactById(account.contacts, id);
      if (c === undefined || c.left) departed.push(id);
    }
  } else {
    for (const c of account.contacts) if (c.left && isDecisionMaker(c.roles)) departed.push(c.id);
  }
  const active = committee.decisionMakerIds.length;
  if (departed.length === 0 && held === undefined) return null;
  const heldNeed = held?.evidence.facts.neededDecisionMakers;
  let needed = typeof heldNeed === 'number' ? heldNeed : held !== undefined ? 1 : 0;
  if (departed.length > 0) needed = Math.max(needed, active + departed.length);
  if (active >= needed) return null;
  const ids = new Set<string>(held?.evidence.contactIds ?? []);
  for (const id of departed) ids.add(id);
  const contactIds = [...ids];
  const names = contactIds
    .map((id) => contactById(account.contacts, id)?.name ?? `#${id}`)
    .join(', ');
  const params: Params = { names, count: contactIds.length, stillMapped: active };
  return {
    params,
    evidence: noEvidence({ stillMapped: active, neededDecisionMakers: needed }, contactIds),
  };
};

export const budgetFrozen: Rule = ({ account }) =>
  account.budgetStatus === 'frozen'
    ? { params: {}, evidence: noEvidence({ budgetStatus: 'frozen' }) }
    : null;

export const competitorEntered: Rule = ({ account }) =>
  account.competitorActive === true
    ? { params: {}, evidence: noEvidence({ competitorActive: true }) }
    : null;

export const satisfactionLow: Rule = ({ account, ctx }) => {
  const threshold = ctx.settings.alerts.satisfactionBelow;
  const s = account.satisfaction;
  if (s === null || !(s < threshold)) return null;
  return {
    params: { satisfaction: s, threshold },
    evidence: noEvidence({ satisfaction: s, threshold }),
  };
};

/** Intent recorded as unclear, or a renewal within the window (default 90 days) with no intent recorded. */
export const renewalUnclear: Rule = ({ account, ctx }) => {
  const { date, intent } = account.renewal;
  const days = date === null ? null : dayNumber(date) - ctx.today;
  let variant: string | null = null;
  if (intent === 'unclear') variant = 'unclear';
  else if (
    intent === null &&
    days !== null &&
    days >= 0 &&
    days <= ctx.settings.alerts.renewalWindowDays
  ) {
    variant = 'none_recorded';
  }
  if (variant === null) return null;
  const params: Params = { variant, renewalDate: date, daysToRenewal: days };
  return { params, evidence: noEvidence({ renewalDate: date, intent }) };
};

/**
 * §11: each of the last two completed quarters ≤ (1 − fall %) × the same quarter a
 * year earlier (option: the quarter before). A base quarter without revenue cannot fall.
 */
export const revenueFalling: Rule = ({ facts, ctx }) => {
  const { revenueFallPct, revenueFallMode } = ctx.settings.alerts;
  const rev = facts.quarterRevenue;
  const n = rev.length;
  const lag = revenueFallMode === 'year_over_year' ? 4 : 1;
  if (n < lag + 2) return null;
  const keep = 100 - revenueFallPct;
  const i1 = n - 2;
  const i2 = n - 1;
  if (!falls(rev[i1], rev[i1 - lag], keep) || !falls(rev[i2], rev[i2 - lag], keep)) return null;
  const params: Params = {
    variant: revenueFallMode,
    fallPct: revenueFallPct,
    q1: facts.quarters[i1].label,
    q1Revenue: rev[i1],
    q1Base: rev[i1 - lag],
    q1Change: change(rev[i1], rev[i1 - lag]),
    q2: facts.quarters[i2].label,
    q2Revenue: rev[i2],
    q2Base: rev[i2 - lag],
    q2Change: change(rev[i2], rev[i2 - lag]),
  };
  const from = facts.quarters[i1].startDay;
  const to = facts.quarters[i2].endDay;
  const dealIds: string[] = [];
  const days = facts.wonDealDays;
  for (let i = 0; i < days.length; i++)
    if (days[i] >= from && days[i] < to) dealIds.push(facts.wonDealIds[i]);
  const evidenceFacts: Params = { ...params };
  delete evidenceFacts.variant;
  return { params, evidence: noEvidence(evidenceFacts, [], dealIds) };
};

/** §11: won deals in the last window (default 180 days) < ratio × those in the window before, which had ≥ the minimum. */
/** A base quarter without revenue cannot fall; the tolerance absorbs binary artefacts at exactly the line. */
function falls(cur: number, base: number, keepPct: number): boolean {
  return base > 0 && cur * 100 <= base * keepPct + EPS * base;
}
function change(cur: number, base: number): number {
  return round1(((cur - base) / base) * 100);
}

export const frequencyFalling: Rule = ({ facts, ctx }) => {
  const { frequencyFallRatio, frequencyMinEarlier } = ctx.settings.alerts;
  const { wonRecent, wonEarlier } = facts;
  if (wonEarlier < frequencyMinEarlier || !(wonRecent < frequencyFallRatio * wonEarlier - EPS))
    return null;
  const windowDays = ctx.settings.health.frequencyWindowDays;
  const dealIds: string[] = [];
  const days = facts.wonDealDays;
  for (let i = 0; i < days.length; i++)
    if (days[i] > ctx.today - 2 * windowDays) dealIds.push(facts.wonDealIds[i]);
  const params: Params = {
    recent: wonRecent,
    earlier: wonEarlier,
    windowDays,
    ratioPct: round1(frequencyFallRatio * 100),
  };
  return {
    params,
    evidence: noEvidence({ recent: wonRecent, earlier: wonEarlier, windowDays }, [], dealIds),
  };
};

/** §7: the cadence module marks an interval overdue past 1.5 × its length; the most overdue one is named. */
export const cadenceOverdue: Rule = ({ cadence }) => {
  if (!cadence.overdue) return null;
  const overdue = cadence.intervals.filter((i) => i.overdue);
  // Never touched first, then the earliest overdue date.
  overdue.sort((a, b) => rankOverdue(a) - rankOverdue(b));
  const worst = overdue[0];
  const params: Params = {
    variant: worst?.lastTouch ? 'late' : 'never',
    kind: worst?.kind ?? null,
    intervalDays: worst?.days ?? null,
    lastTouch: worst?.lastTouch ?? cadence.lastTouch,
    overdueOn: worst?.overdueOn ?? null,
    overdueCount: overdue.length,
  };
  return {
    params,
    evidence: noEvidence({
      overdue: overdue.map((i) => i.kind).join(','),
      lastTouch: cadence.lastTouch,
    }),
  };
};
const rankOverdue = (i: CadenceResult['intervals'][number]) =>
  i.lastTouch === null || i.overdueOn === null ? -Infinity : dayNumber(i.overdueOn);

export const noDecisionMaker: Rule = ({ rank, committee }) =>
  rank.isKeyAccount && !committee.hasDecisionMaker
    ? {
        params: { rankPct: rank.pct },
        evidence: noEvidence({ isKeyAccount: true, rankPct: rank.pct }),
      }
    : null;

export const singleThreaded: Rule = ({ rank, committee, ctx }) => {
  if (!rank.isKeyAccount || !committee.singleThreaded) return null;
  const windowDays = ctx.settings.health.interactionWindowDays;
  const since = ctx.today - windowDays;
  const anyRole = committee.members.some((m) => m.roles.length > 0);
  const engaged = committee.members.filter(
    (m) =>
      (!anyRole || m.roles.length > 0) && m.lastTouch !== null && dayNumber(m.lastTouch) > since,
  );
  const params: Params = {
    name: engaged[0]?.name ?? null,
    engagedContacts: committee.engagedContacts,
    windowDays,
  };
  return {
    params,
    evidence: noEvidence(
      { engagedContacts: committee.engagedContacts, windowDays },
      engaged.map((m) => m.contactId),
    ),
  };
};

const stageIndex = (s: unknown) => lifecycleStages.indexOf(s as LifecycleStage);

/**
 * Opens when the computed stage moved backwards (a pin is never a move, but a pinned
 * account whose computed stage falls is still told); stays open until the computed
 * stage is back at the stage it fell from.
 */
export const stageMovedBack: Rule = ({ lifecycle }, held) => {
  const now = stageIndex(lifecycle.computedStage);
  if (lifecycle.movedBackward && lifecycle.previous !== null) {
    const from =
      held && stageIndex(held.params.from) > stageIndex(lifecycle.previous)
        ? held.params.from
        : lifecycle.previous;
    return hitStage(String(from), lifecycle);
  }
  if (held !== undefined && now < stageIndex(held.params.from))
    return hitStage(String(held.params.from), lifecycle);
  return null;
};
const hitStage = (from: string, lifecycle: LifecycleResult): Hit => ({
  params: { from, to: lifecycle.computedStage },
  evidence: noEvidence({ from, to: lifecycle.computedStage, pinned: lifecycle.pinned }),
});

/** §11: overall health ≥ the drop (default 15 points) below the last quarterly snapshot. */
export const healthFell: Rule = ({ health, ctx }) => {
  const last = health.lastQuarter;
  if (last === null) return null;
  const threshold = ctx.settings.alerts.healthFellPts;
  const drop = round1(last.health - health.overall);
  if (!(drop >= threshold - EPS)) return null;
  const params: Params = {
    quarter: last.quarter,
    from: last.health,
    to: health.overall,
    drop,
    threshold,
  };
  return {
    params,
    evidence: noEvidence({
      quarter: last.quarter,
      snapshotHealth: last.health,
      health: health.overall,
    }),
  };
};

export const serviceWobble: Rule = ({ account }) => {
  const note = account.serviceIssue?.trim() ?? '';
  if (note === '') return null;
  const shown = note.length > NOTE_MAX ? `${note.slice(0, NOTE_MAX - 1)}…` : note;
  return { params: { note: shown }, evidence: noEvidence({ note: shown }) };
};

export const rules: Readonly<Record<AlertCode, Rule>> = {
  decision_maker_left: decisionMakerLeft,
  budget_frozen: budgetFrozen,
  competitor_entered: competitorEntered,
  satisfaction_low: satisfactionLow,
  renewal_unclear: renewalUnclear,
  revenue_falling: revenueFalling,
  frequency_falling: frequencyFalling,
  cadence_overdue: cadenceOverdue,
  no_decision_maker: noDecisionMaker,
  single_threaded: singleThreaded,
  stage_moved_back: stageMovedBack,
  health_fell: healthFell,
  service_wobble: serviceWobble,
};
