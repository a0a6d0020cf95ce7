import type { Account, AccountState } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { CadenceResult, CommitteeResult, HealthResult } from './evaluation.js';
import { windowsOf } from './windows.js';
import { ratingTo100, round1 } from './rounding.js';
import { touchesAny, touchMemberIds } from './committee.js';
import { businessParts, keep, part, type HealthPart } from './health-business.js';
import { Memo, ScopedMemo } from './shared.js';

// Parts that take a few values for every account, shared (see shared.ts).
const satisfactionNotRated = keep(
  new Memo(),
  0,
  part(50, 'not_rated', 'health.satisfaction.not_rated'),
);
const jointWorkNotRated = keep(new Memo(), 0, part(50, 'not_rated', 'health.joint_work.not_rated'));
const noContacts = keep(new Memo(), 0, part(0, 'computed', 'health.coverage.no_contacts'));
const noRoles = keep(new Memo(), 0, part(0, 'computed', 'health.coverage.no_roles'));
const satisfactionParts = new Memo<HealthPart>();
const jointWorkParts = new Memo<HealthPart>();
const noCadence = new Memo<HealthPart>();
const coverageParts = new ScopedMemo<HealthPart>();
const breadthParts = new Memo<HealthPart>();
const breadthLineParts = new ScopedMemo<HealthPart>();
/** Interaction parts by the expected touches (a fraction: the Map key), then touches and days. */
const interactionParts = new Map<number, Memo<HealthPart>>();

/**
 * §5 health with the §11 default formulas. Every part is rounded to one decimal;
 * each dimension is the mean (or weighted sum) of its rounded parts, rounded; the
 * overall is the weighted sum of the rounded dimensions, rounded, and only then
 * banded — so the numbers a user sees always add up.
 *
 * Relationship: interaction = min(100, 100 × touches with committee members in
 * the interaction window ÷ touches the cadence expects in that window) — 50
 * (estimated) when no cadence applies; satisfaction 0–100 (50 not rated);
 * coverage = role points − opposing-DM penalty, capped when single-threaded,
 * floored at 0 (mapped roles only: no roles mapped → 0, said so).
 * Ecosystem: breadth = min(100, 25 × product lines bought in 24 months + 20 if
 * the count widened against a year ago); when won deals exist in the window but
 * none records a product line, breadth is unknown → 50 (estimated); joint work =
 * rating mapped to 0–100 (50 not rated).
 */
export function evaluateHealth(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
  committee: CommitteeResult,
  cadence: CadenceResult,
  previous: AccountState | null,
): HealthResult {
  const h = ctx.settings.health;
  const { stability, growth, frequency } = businessParts(facts, ctx);
  const interaction = interactionPart(facts, ctx, committee, cadence);
  const satisfaction = satisfactionPart(account.satisfaction);
  const coverage = coveragePart(ctx, committee);
  const breadth = breadthPart(facts, ctx);
  const joint = account.ratings.jointWork;
  let jointWork = jointWorkNotRated;
  if (joint !== null) {
    const key = Memo.key(joint);
    jointWork =
      jointWorkParts.get(key) ??
      keep(
        jointWorkParts,
        key,
        part(ratingTo100(joint), 'rating', 'health.joint_work.rating', { rating: joint }),
      );
  }

  const business = round1((stability.value + growth.value + frequency.value) / 3);
  const relationship = round1((interaction.value + satisfaction.value + coverage.value) / 3);
  const eco = h.ecosystem;
  const ecosystem = round1(
    eco.breadthWeight * breadth.value + eco.jointWorkWeight * jointWork.value,
  );
  const w = h.weights;
  const overall = round1(
    w.business * business + w.relationship * relationship + w.ecosystem * ecosystem,
  );
  const band = bandOf(overall, h.bands);

  let lastQuarter: HealthResult['lastQuarter'] = null;
  if (previous !== null) {
    let latest: AccountState['quarterSnapshots'][number] | null = null;
    for (const q of previous.quarterSnapshots)
      if (latest === null || q.quarter > latest.quarter) latest = q;
    if (latest !== null)
      lastQuarter = {
        quarter: latest.quarter,
        health: latest.health,
        change: round1(overall - latest.health),
      };
  }

  return {
    overall,
    band,
    business,
    relationship,
    ecosystem,
    parts: {
      stability,
      growth,
      frequency,
      interaction,
      satisfaction,
      coverage,
      breadth,
      jointWork,
    },
    previous: previous === null ? null : previous.health,
    change: previous === null ? null : round1(overall - previous.health),
    lastQuarter,
  };
}

function satisfactionPart(value: number | null): HealthPart {
  if (value === null) return satisfactionNotRated;
  const key = Memo.key(value);
  return (
    satisfactionParts.get(key) ??
    keep(satisfactionParts, key, part(value, 'rating', 'health.satisfaction.survey', { value }))
  );
}

/** §5 bands on the rounded overall: ≥ healthy (70) healthy, ≥ watch (40) watch, else at risk. */
export function bandOf(
  overall: number,
  bands: { healthy: number; watch: number },
): HealthResult['band'] {
  return overall >= bands.healthy ? 'healthy' : overall >= bands.watch ? 'watch' : 'at_risk';
}

function interactionPart(
  facts: AccountFacts,
  ctx: EvalContext,
  committee: CommitteeResult,
  cadence: CadenceResult,
): HealthPart {
  const days = ctx.settings.health.interactionWindowDays;
  const expected = (cadence.expectedTouchesPer90Days * days) / 90;
  if (!(expected > 0)) {
    const key = Memo.key(days);
    return (
      noCadence.get(key) ??
      keep(noCadence, key, part(50, 'estimated', 'health.interaction.no_cadence', { days }))
    );
  }
  const ids = touchMemberIds(committee);
  const from = ctx.today - days;
  let touches = 0;
  const engagements = facts.engagements;
  const engagementDays = facts.engagementDays;
  for (let k = 0; k < engagements.length; k++) {
    // A future engagement's day (NOT_A_TOUCH) is never inside the window.
    if (engagementDays[k] > from && touchesAny(engagements[k].contactIds, ids)) touches++;
  }
  // The expected count takes a few values (one per cadence), so the part is shared.
  let byExpected = interactionParts.get(expected);
  if (byExpected === undefined && interactionParts.size < 1000) {
    byExpected = new Memo<HealthPart>();
    interactionParts.set(expected, byExpected);
  }
  const key = byExpected === undefined ? -1 : Memo.key(touches, days);
  const hit = byExpected?.get(key);
  if (hit !== undefined) return hit;
  const p = part(
    Math.min(100, (100 * touches) / expected),
    'computed',
    'health.interaction.computed',
    {
      touches,
      expected: round1(expected),
      days,
    },
  );
  return byExpected === undefined ? p : keep(byExpected, key, p);
}

function coveragePart(ctx: EvalContext, committee: CommitteeResult): HealthPart {
  const c = ctx.settings.health.coverage;
  if (committee.rolesFilled.length === 0)
    return committee.members.length === 0 ? noContacts : noRoles;
  // Which roles are filled (5 bits), the opposing and single-threaded flags and the
  // coverage settings decide the part: shared by every account with the same committee shape.
  let mask = 0;
  let points = 0;
  for (const role of committee.rolesFilled) {
    if (role === 'decision_maker') {
      points += c.decisionMaker;
      mask |= 1;
    } else if (role === 'influencer') {
      points += c.influencer;
      mask |= 2;
    } else if (role === 'user') {
      points += c.user;
      mask |= 4;
    } else if (role === 'buyer') {
      points += c.buyer;
      mask |= 8;
    } else {
      points += c.gatekeeper;
      mask |= 16;
    }
  }
  // Filled roles, the opposing and single-threaded flags and the penalty and cap decide
  // the part (points follow from the roles): shared by every account of the same shape.
  const flags = (committee.opposingDecisionMaker ? 1 : 0) + (committee.singleThreaded ? 2 : 0);
  const memo = coverageParts.on(c.opposingDecisionMakerPenalty, c.singleThreadedCap);
  const key = Memo.key(mask * 4 + flags, points);
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const filled = committee.rolesFilled.length;
  let value = points;
  if (committee.opposingDecisionMaker) value -= c.opposingDecisionMakerPenalty;
  if (value < 0) value = 0;
  if (committee.singleThreaded && value > c.singleThreadedCap) {
    return keep(
      coverageParts,
      key,
      part(c.singleThreadedCap, 'computed', 'health.coverage.single_threaded', {
        filled,
        points: round1(value),
        cap: c.singleThreadedCap,
      }),
    );
  }
  if (committee.opposingDecisionMaker) {
    return keep(
      coverageParts,
      key,
      part(value, 'computed', 'health.coverage.opposing', {
        filled,
        points,
        penalty: c.opposingDecisionMakerPenalty,
      }),
    );
  }
  return keep(
    coverageParts,
    key,
    part(value, 'computed', 'health.coverage.computed', { filled, points }),
  );
}

function breadthPart(facts: AccountFacts, ctx: EvalContext): HealthPart {
  const e = ctx.settings.health.ecosystem;
  const months = e.productLineWindowMonths;
  const lines = facts.productLinesNow;
  const yearAgo = facts.productLinesYearAgo;
  if (lines === 0) {
    const n = facts.wonDeals.length;
    const recentWon = n > 0 && facts.wonDeals[n - 1].day > windowsOf(ctx).linesStart;
    const key = Memo.key(months, recentWon ? 1 : 0);
    return (
      breadthParts.get(key) ??
      keep(
        breadthParts,
        key,
        recentWon
          ? part(50, 'estimated', 'health.breadth.not_recorded', { months })
          : part(0, 'computed', 'health.breadth.none', { months }),
      )
    );
  }
  const lineMemo = breadthLineParts.on(months, e.pointsPerProductLine, e.widenedBonus);
  const key = Memo.key(lines, yearAgo);
  const hit = lineMemo.get(key);
  if (hit !== undefined) return hit;
  const widened = lines > yearAgo;
  const value = Math.min(100, e.pointsPerProductLine * lines + (widened ? e.widenedBonus : 0));
  return keep(
    breadthLineParts,
    key,
    part(value, 'computed', widened ? 'health.breadth.widened' : 'health.breadth.computed', {
      lines,
      yearAgo,
      months,
    }),
  );
}
