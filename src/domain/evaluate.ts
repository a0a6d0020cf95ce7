import type { AccountInput, AccountState, MessageRef, QuarterSnapshot } from './snapshot.js';
import type { EvalContext } from './context.js';
import type {
  Evaluation,
  HealthResult,
  LifecycleResult,
  PurchaseFactorsResult,
  RankResult,
  ScoreResult,
  TierResult,
} from './evaluation.js';
import { addTouchFacts, computeFacts, QUARTERS_KEPT, type AccountFacts } from './facts.js';
import type { PortfolioStats } from './stats.js';
import { evaluatePurchaseFactors } from './purchase-factors.js';
import { computeScore } from './score.js';
import { disqualifiersOf } from './rank.js';
import { evaluateTier } from './tier.js';
import { evaluateLifecycle } from './lifecycle.js';
import { evaluateCommittee } from './committee.js';
import { evaluateCadence } from './cadence.js';
import { evaluateHealth } from './health.js';
import { evaluateTeam } from './team.js';
import { evaluateAlerts } from './alerts.js';
import { buildSummary } from './summary.js';

/**
 * One account's evaluation, in the fixed order of the engine: facts → purchase
 * factors → score (needs the portfolio statistics) → [ranking across the
 * portfolio] → tier → lifecycle → committee → cadence → health → team → alerts
 * → quarter snapshot → summary → next state. The ranking step needs every
 * account's score, so an evaluation is split in two halves around it.
 */

/** Quarterly snapshots kept in the state: three years is enough for every trend shown. */
export const SNAPSHOTS_KEPT = 12;

/** The first half of an evaluation: everything the ranking needs. */
export interface ScoredAccount {
  input: AccountInput;
  facts: AccountFacts;
  purchaseFactors: PurchaseFactorsResult;
  score: ScoreResult;
  disqualifiers: MessageRef[];
}

export function scoreAccount(
  input: AccountInput,
  facts: AccountFacts,
  ctx: EvalContext,
  stats: PortfolioStats,
): ScoredAccount {
  const purchaseFactors = evaluatePurchaseFactors(input.account);
  const score = computeScore(input.account, facts, ctx, stats, purchaseFactors, input.previous);
  return {
    input,
    facts,
    purchaseFactors,
    score,
    disqualifiers: disqualifiersOf(input.account, ctx.settings),
  };
}

/** The second half: everything after the ranking, given this account's place in it. */
export function completeEvaluation(
  scored: ScoredAccount,
  ctx: EvalContext,
  stats: PortfolioStats,
  rank: RankResult,
): Evaluation {
  const { input, purchaseFactors, score } = scored;
  const { account, previous } = input;
  const facts = addTouchFacts(scored.facts, account, ctx);
  const s = ctx.settings;
  const tier = evaluateTier(account, facts, ctx, stats, score, previous);
  const threshold = stats.quantile(
    'trailingRevenue',
    account.segment,
    s.lifecycle.majorRevenuePercentile,
  );
  const lifecycle = evaluateLifecycle(account, facts, ctx, previous, threshold);
  const committee = evaluateCommittee(account, facts, ctx);
  const cadence = evaluateCadence(account, facts, ctx, committee, tier);
  const health = evaluateHealth(account, facts, ctx, committee, cadence, previous);
  const team = evaluateTeam(account, facts, ctx, rank.isKeyAccount);
  const alerts = evaluateAlerts({
    account,
    facts,
    ctx,
    previous,
    rank,
    committee,
    lifecycle,
    health,
    cadence,
  });
  const quarterSnapshot = snapshotDue(facts, ctx, previous, score, rank, tier, lifecycle, health);

  // Built once and completed in place (no copy of a 17-field object per account). The
  // two fields filled last are in the literal (as undefined) so that every field has
  // its slot inside the object: added later, they would need a second, growable store.
  const evaluation: Omit<Evaluation, 'summary' | 'state'> &
    Partial<Pick<Evaluation, 'summary' | 'state'>> = {
    accountId: account.id,
    asOf: ctx.asOf,
    today: ctx.todayDate,
    segment: account.segment,
    ownerId: account.ownerId,
    score,
    rank,
    tier,
    lifecycle,
    committee,
    health,
    alerts,
    cadence,
    purchaseFactors,
    team,
    quarterSnapshot,
    summary: undefined,
    state: undefined,
  };
  evaluation.summary = buildSummary(evaluation, previous);

  let quarterSnapshots = previous ? previous.quarterSnapshots : [];
  if (quarterSnapshot) {
    quarterSnapshots = [...quarterSnapshots, quarterSnapshot];
    if (quarterSnapshots.length > SNAPSHOTS_KEPT)
      quarterSnapshots = quarterSnapshots.slice(-SNAPSHOTS_KEPT);
  }
  evaluation.state = {
    evaluatedAt: ctx.asOf,
    score: score.value,
    factors: {
      sales: score.factors.sales.value,
      potential: score.factors.potential.value,
      reference: score.factors.reference.value,
      winnability: score.factors.winnability.value,
    },
    rankPct: rank.pct,
    isKeyAccount: rank.isKeyAccount,
    tier: tier.tier,
    stage: lifecycle.stage,
    stageHistory: lifecycle.history,
    health: health.overall,
    decisionMakerIds: committee.decisionMakerIds,
    openAlerts: alerts.open,
    quarterSnapshots,
  };
  return evaluation as Evaluation;
}

/**
 * §5 quarterly health report: when the last completed quarter has no snapshot
 * yet (including on the first evaluation), take one now. Its revenue is that
 * quarter's closed-won revenue.
 */
function snapshotDue(
  facts: AccountFacts,
  ctx: EvalContext,
  previous: AccountState | null,
  score: ScoreResult,
  rank: RankResult,
  tier: TierResult,
  lifecycle: LifecycleResult,
  health: HealthResult,
): QuarterSnapshot | null {
  const last = QUARTERS_KEPT - 1;
  const quarter = facts.quarters[last].label;
  if (previous && previous.quarterSnapshots.some((q) => q.quarter === quarter)) return null;
  return {
    quarter,
    takenOn: ctx.todayDate,
    score: score.value,
    health: health.overall,
    business: health.business,
    relationship: health.relationship,
    ecosystem: health.ecosystem,
    revenue: facts.quarterRevenue[last],
    stage: lifecycle.stage,
    tier: tier.tier,
    isKeyAccount: rank.isKeyAccount,
  };
}

/** Facts and score of one account against given statistics (the incremental path's first half). */
export function scoreOne(
  input: AccountInput,
  ctx: EvalContext,
  stats: PortfolioStats,
): ScoredAccount {
  return scoreAccount(input, computeFacts(input.account, ctx), ctx, stats);
}
