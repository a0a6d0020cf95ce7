import { quarterFromIndex, quarterIndexOf } from '../domain/dates.js';
import type { AccountState, LifecycleStage, QuarterSnapshot, Tier } from '../domain/snapshot.js';
import type { DemoCompanyBundle } from './company-builder.js';
import type { DemoContext } from './context.js';

/**
 * Trend rules (stage moved back, health fell) and a decision maker removed
 * from the account compare with a previous evaluation. For the stories that
 * need one, this yields a plausible `AccountState` as if the account had last
 * been evaluated on the final day of the previous quarter. The alternative —
 * evaluate, change the data, evaluate again — is what the end-to-end tests do.
 */

interface Shape {
  score: number;
  factors: AccountState['factors'];
  rankPct: number;
  isKeyAccount: boolean;
  tier: Tier;
  stage: LifecycleStage;
  /** Stage changes as [quarter offset, stage]; the change is dated on that quarter's first day. */
  history: [number, LifecycleStage][];
  health: number;
  /** Trailing-12-month revenue at the snapshots. */
  revenue: number;
  /** Health of the quarterly snapshots Q−4 … Q−1. */
  snapshotHealth: [number, number, number, number];
}

// Previous stages are chosen no higher than the data supports, so only the
// stage story moves backwards.
const keyAccount: Shape = {
  score: 88.4,
  factors: { sales: 90, potential: 100, reference: 100, winnability: 78.5 },
  rankPct: 5,
  isKeyAccount: true,
  tier: 'strategic',
  stage: 'repeat',
  history: [
    [-12, 'customer'],
    [-10, 'repeat'],
  ],
  health: 84.2,
  revenue: 3_300_000,
  snapshotHealth: [82.5, 83.1, 84.0, 84.2],
};

const shapes: Record<string, Shape> = {
  decision_maker_left: keyAccount,
  decision_maker_archived: keyAccount,
  stage_moved_back: {
    score: 46.3,
    factors: { sales: 55, potential: 50, reference: 25, winnability: 62.5 },
    rankPct: 48,
    isKeyAccount: false,
    tier: 'ordinary',
    stage: 'repeat',
    history: [
      [-9, 'customer'],
      [-1, 'repeat'],
    ],
    health: 63.5,
    revenue: 90_000,
    snapshotHealth: [58.2, 57.9, 60.4, 63.5],
  },
  health_fell: {
    score: 71.2,
    factors: { sales: 70, potential: 100, reference: 100, winnability: 70 },
    rankPct: 24,
    isKeyAccount: false,
    tier: 'strategic',
    stage: 'repeat',
    history: [
      [-12, 'customer'],
      [-10, 'repeat'],
    ],
    health: 88,
    revenue: 1_150_000,
    snapshotHealth: [86.5, 87.2, 87.9, 88],
  },
};

export function storyPreviousState(
  ctx: DemoContext,
  bundle: DemoCompanyBundle,
): AccountState | null {
  const key = bundle.story?.key;
  const shape = key === undefined ? undefined : shapes[key];
  if (!shape) return null;
  const current = quarterIndexOf(ctx.today);
  const lastDay = quarterFromIndex(current).startDay - 1;
  const evaluatedAt = new Date(ctx.calendar.instantOf(lastDay, 6 * 60)).toISOString();
  const quarterSnapshots: QuarterSnapshot[] = shape.snapshotHealth.map((health, i) => {
    const q = quarterFromIndex(current - 4 + i);
    const stage = stageAt(shape, i - 4);
    return {
      quarter: q.label,
      takenOn: ctx.calendar.dateOfDay(q.startDay + 1),
      score: shape.score,
      health,
      business: health,
      relationship: health,
      ecosystem: health,
      revenue: shape.revenue,
      stage,
      tier: shape.tier,
      isKeyAccount: shape.isKeyAccount,
    };
  });
  // Everyone who was a decision maker then, including those since marked as gone or to be archived.
  const decisionMakerIds = bundle.contacts
    .filter((c) => (c.properties.kam_buying_role ?? '').split(';').includes('decision_maker'))
    .map((c) => c.id);
  return {
    evaluatedAt,
    score: shape.score,
    factors: shape.factors,
    rankPct: shape.rankPct,
    isKeyAccount: shape.isKeyAccount,
    tier: shape.tier,
    stage: shape.stage,
    stageHistory: shape.history.map(([offset, stage]) => ({
      stage,
      on: ctx.calendar.dateOfDay(quarterFromIndex(current + offset).startDay),
    })),
    health: shape.health,
    decisionMakerIds,
    openAlerts: [],
    quarterSnapshots,
  };
}

function stageAt(shape: Shape, offset: number): LifecycleStage {
  let stage: LifecycleStage = 'stranger';
  for (const [at, s] of shape.history) if (at <= offset) stage = s;
  return stage;
}
