import type { Account, AccountState } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { CadenceResult, CommitteeResult, HealthResult } from './evaluation.js';
import { addMonths } from './dates.js';
import { ratingTo100, round1 } from './rounding.js';
import { touchesAny, touchMemberIds } from './committee.js';
import { businessParts, constantPart, part, type HealthPart } from './health-business.js';
import { SmallIntMemo } from './shared.js';

/** Joint work rated 1–5 (whole numbers): the same part for every account with that rating, shared. */
const jointWorkRated = new SmallIntMemo((r) => part(ratingTo100(r), 'rating', 'health.joint_work.rating', { rating: r }), 6);

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
  const satisfaction =
    account.satisfaction === null
      ? constantPart(50, 'not_rated', 'health.satisfaction.not_rated')
      : part(account.satisfaction, 'rating', 'health.satisfaction.survey', { value: account.satisfaction });
  const coverage = coveragePart(ctx, committee);
  const breadth = breadthPart(facts, ctx);
  const joint = account.ratings.jointWork;
  const jointWork =
    joint === null
      ? constantPart(50, 'not_rated', 'health.joint_work.not_rated')
      : jointWorkRated.get(joint);

  const business = round1((stability.value + growth.value + frequency.value) / 3);
  const relationship = round1((interaction.value + satisfaction.value + coverage.value) / 3);
  const eco = h.ecosystem;
  const ecosystem = round1(eco.breadthWeight * breadth.value + eco.jointWorkWeight * jointWork.value);
  const w = h.weights;
  const overall = round1(w.business * business + w.relationship * relationship + w.ecosystem * ecosystem);
  const band = bandOf(overall, h.bands);

  let lastQuarter: HealthResult['lastQuarter'] = null;
  if (previous !== null) {
    let latest: AccountState['quarterSnapshots'][number] | null = null;
    for (const q of previous.quarterSnapshots) if (latest === null || q.quarter > latest.quarter) latest = q;
    if (latest !== null) lastQuarter = { quarter: latest.quarter, health: latest.health, change: round1(overall - latest.health) };
  }

  return {
    overall,
    band,
    business,
    relationship,
    ecosystem,
    parts: { stability, growth, frequency, interaction, satisfaction, coverage, breadth, jointWork },
    previous: previous === null ? null : previous.health,
    change: previous === null ? null : round1(overall - previous.health),
    lastQuarter,
  };
}

/** §5 bands on the rounded overall: ≥ healthy (70) healthy, ≥ watch (40) watch, else at risk. */
export function bandOf(overall: number, bands: { healthy: number; watch: number }): HealthResult['band'] {
  return overall >= bands.healthy ? 'healthy' : overall >= bands.watch ? 'watch' : 'at_risk';
}

function interactionPart(facts: AccountFacts, ctx: EvalContext, committee: CommitteeResult, cadence: CadenceResult): HealthPart {
  const days = ctx.settings.health.interactionWindowDays;
  const expected = (cadence.expectedTouchesPer90Days * days) / 90;
  if (!(expected > 0)) return part(50, 'estimated', 'health.interaction.no_cadence', { days });
  const ids = touchMemberIds(committee);
  const from = ctx.today - days;
  let touches = 0;
  const touchDays = facts.touchDays;
  for (let i = 0; i < touchDays.length; i++) {
    if (touchDays[i] > from && touchesAny(facts.touches[i].contactIds, ids)) touches++;
  }
  return part(Math.min(100, (100 * touches) / expected), 'computed', 'health.interaction.computed', {
    touches,
    expected: round1(expected),
    days,
  });
}

function coveragePart(ctx: EvalContext, committee: CommitteeResult): HealthPart {
  const c = ctx.settings.health.coverage;
  if (committee.rolesFilled.length === 0) {
    return constantPart(0, 'computed', committee.members.length === 0 ? 'health.coverage.no_contacts' : 'health.coverage.no_roles');
  }
  let points = 0;
  for (const role of committee.rolesFilled) {
    points +=
      role === 'decision_maker'
        ? c.decisionMaker
        : role === 'influencer'
          ? c.influencer
          : role === 'user'
            ? c.user
            : role === 'buyer'
              ? c.buyer
              : c.gatekeeper;
  }
  const filled = committee.rolesFilled.length;
  let value = points;
  if (committee.opposingDecisionMaker) value -= c.opposingDecisionMakerPenalty;
  if (value < 0) value = 0;
  if (committee.singleThreaded && value > c.singleThreadedCap) {
    return part(c.singleThreadedCap, 'computed', 'health.coverage.single_threaded', { filled, points: round1(value), cap: c.singleThreadedCap });
  }
  if (committee.opposingDecisionMaker) {
    return part(value, 'computed', 'health.coverage.opposing', { filled, points, penalty: c.opposingDecisionMakerPenalty });
  }
  return part(value, 'computed', 'health.coverage.computed', { filled, points });
}

function breadthPart(facts: AccountFacts, ctx: EvalContext): HealthPart {
  const e = ctx.settings.health.ecosystem;
  const months = e.productLineWindowMonths;
  const lines = facts.productLinesNow;
  if (lines === 0) {
    const n = facts.wonDealDays.length;
    const recentWon = n > 0 && facts.wonDealDays[n - 1] > addMonths(ctx.today, -months);
    return recentWon
      ? part(50, 'estimated', 'health.breadth.not_recorded', { months })
      : part(0, 'computed', 'health.breadth.none', { months });
  }
  const widened = lines > facts.productLinesYearAgo;
  const value = Math.min(100, e.pointsPerProductLine * lines + (widened ? e.widenedBonus : 0));
  return part(value, 'computed', widened ? 'health.breadth.widened' : 'health.breadth.computed', {
    lines,
    yearAgo: facts.productLinesYearAgo,
    months,
  });
}
