import { z } from 'zod';
import type { AccountState, LifecycleStage, Tier } from './snapshot.js';
import { lifecycleStages, lifecycleStageSchema, tierSchema } from './snapshot.js';
import type { Settings } from './settings.js';
import type { Evaluation } from './evaluation.js';
import { keepShape } from './keep-shapes.js';
import { defaultSettings } from './settings.js';

/**
 * §10 portfolio aggregates, per owner and overall: key accounts per rep (with
 * overload), accounts by tier, the lifecycle funnel with conversion between
 * stages, open alerts by level and the health distribution. Built from one
 * small row per account, so the backend can aggregate stored states too.
 *
 * Funnel conversion from stage k to k+1 = the share of accounts at stage k or
 * beyond that are at stage k+1 or beyond (a stage is a milestone: an account at
 * "repeat" has passed "customer").
 */

const alertLevels = ['red', 'yellow', 'green'] as const;
const healthBands = ['healthy', 'watch', 'at_risk'] as const;
type HealthBand = (typeof healthBands)[number];
type AlertLevelOrNone = 'red' | 'yellow' | 'green' | 'none';

export interface AggregateRow {
  accountId: string;
  ownerId: string | null;
  segment: string | null;
  isKeyAccount: boolean;
  tier: Tier;
  stage: LifecycleStage;
  health: number;
  healthBand: HealthBand;
  alertLevel: AlertLevelOrNone;
  /** Open alert reasons by level. */
  openAlerts: Record<(typeof alertLevels)[number], number>;
}

const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);

export const funnelStepSchema = z.object({
  stage: lifecycleStageSchema,
  /** Accounts at exactly this stage. */
  count: z.number().int(),
  /** Accounts at this stage or beyond. */
  reached: z.number().int(),
  /** % of those at this stage or beyond that are at the next stage or beyond (one decimal); null for the last stage or none reached. */
  conversionToNext: z.number().nullable(),
});

export const aggregateBucketSchema = z.object({
  accounts: z.number().int(),
  keyAccounts: z.number().int(),
  tiers: counts(tierSchema.options),
  funnel: z.array(funnelStepSchema),
  /** Open alert reasons by level. */
  openAlerts: counts(alertLevels),
  /** Accounts by their worst open alert. */
  accountsByAlertLevel: counts(['red', 'yellow', 'green', 'none'] as const),
  health: counts(healthBands),
  /** Mean overall health, one decimal; null when there are no accounts. */
  averageHealth: z.number().nullable(),
});
export type AggregateBucket = z.infer<typeof aggregateBucketSchema>;

export const portfolioAggregatesSchema = z.object({
  filter: z.object({
    ownerId: z.string().nullable().optional(),
    segment: z.string().nullable().optional(),
  }),
  overall: aggregateBucketSchema,
  /** Per owner (null = no owner), most key accounts first. */
  owners: z.array(
    aggregateBucketSchema.extend({ ownerId: z.string().nullable(), overloaded: z.boolean() }),
  ),
  maxKeyAccountsPerRep: z.number().int(),
  overloadedOwners: z.array(z.string().nullable()),
});
export type PortfolioAggregates = z.infer<typeof portfolioAggregatesSchema>;

/** Restrict to one owner and/or one segment; a key present with null means "none" (no owner / no segment). */
export type PortfolioFilter = PortfolioAggregates['filter'];

export function aggregateRowOf(e: Evaluation): AggregateRow {
  return fillRow(blankRow(), e);
}

function blankRow(): AggregateRow {
  return {
    accountId: '',
    ownerId: null,
    segment: null,
    isKeyAccount: false,
    tier: 'ordinary',
    stage: 'stranger',
    health: 0,
    healthBand: 'at_risk',
    alertLevel: 'none',
    openAlerts: { red: 0, yellow: 0, green: 0 },
  };
}

function fillRow(row: AggregateRow, e: Evaluation): AggregateRow {
  row.accountId = e.accountId;
  row.ownerId = e.ownerId;
  row.segment = e.segment;
  row.isKeyAccount = e.rank.isKeyAccount;
  row.tier = e.tier.tier;
  row.stage = e.lifecycle.stage;
  row.health = e.health.overall;
  row.healthBand = e.health.band;
  row.alertLevel = e.alerts.level;
  const counts = row.openAlerts;
  counts.red = counts.yellow = counts.green = 0;
  for (const a of e.alerts.open) counts[a.level]++;
  return row;
}

/** The same row from a stored state (what the backend keeps between evaluations). */
export function aggregateRowOfState(
  account: { id: string; ownerId: string | null; segment: string | null },
  state: AccountState,
  settings: Settings,
): AggregateRow {
  const openAlerts = { red: 0, yellow: 0, green: 0 };
  for (const a of state.openAlerts) openAlerts[a.level]++;
  const bands = settings.health.bands;
  const alertLevel: AlertLevelOrNone = openAlerts.red
    ? 'red'
    : openAlerts.yellow
      ? 'yellow'
      : openAlerts.green
        ? 'green'
        : 'none';
  return {
    accountId: account.id,
    ownerId: account.ownerId,
    segment: account.segment,
    isKeyAccount: state.isKeyAccount,
    tier: state.tier,
    stage: state.stage,
    health: state.health,
    healthBand:
      state.health >= bands.healthy ? 'healthy' : state.health >= bands.watch ? 'watch' : 'at_risk',
    alertLevel,
    openAlerts,
  };
}

interface Acc {
  bucket: AggregateBucket;
  stageCounts: number[];
  healthSum: number;
}

function newAcc(): Acc {
  return {
    bucket: {
      accounts: 0,
      keyAccounts: 0,
      tiers: { strategic: 0, potential: 0, profit: 0, ordinary: 0 },
      funnel: [],
      openAlerts: { red: 0, yellow: 0, green: 0 },
      accountsByAlertLevel: { red: 0, yellow: 0, green: 0, none: 0 },
      health: { healthy: 0, watch: 0, at_risk: 0 },
      averageHealth: null,
    },
    stageCounts: lifecycleStages.map(() => 0),
    healthSum: 0,
  };
}

const stageIndex = Object.fromEntries(lifecycleStages.map((s, i) => [s, i])) as Record<
  LifecycleStage,
  number
>;

function add(acc: Acc, row: AggregateRow): void {
  const b = acc.bucket;
  b.accounts++;
  if (row.isKeyAccount) b.keyAccounts++;
  b.tiers[row.tier]++;
  acc.stageCounts[stageIndex[row.stage]]++;
  for (const level of alertLevels) b.openAlerts[level] += row.openAlerts[level];
  b.accountsByAlertLevel[row.alertLevel]++;
  b.health[row.healthBand]++;
  acc.healthSum += row.health;
}

function finish(acc: Acc): AggregateBucket {
  const b = acc.bucket;
  const reached = new Array<number>(lifecycleStages.length);
  let beyond = 0;
  for (let i = lifecycleStages.length - 1; i >= 0; i--) {
    beyond += acc.stageCounts[i];
    reached[i] = beyond;
  }
  b.funnel = lifecycleStages.map((stage, i) => ({
    stage,
    count: acc.stageCounts[i],
    reached: reached[i],
    conversionToNext:
      i === lifecycleStages.length - 1 || reached[i] === 0
        ? null
        : Math.round((1000 * reached[i + 1]) / reached[i]) / 10,
  }));
  b.averageHealth = b.accounts === 0 ? null : Math.round((10 * acc.healthSum) / b.accounts) / 10;
  return b;
}

class Aggregator {
  private readonly overall = newAcc();
  private readonly byOwner = new Map<string | null, Acc>();

  constructor(
    private readonly settings: Settings,
    private readonly filter: PortfolioFilter,
  ) {}

  add(row: AggregateRow): void {
    const filter = this.filter;
    if (filter.ownerId !== undefined && row.ownerId !== filter.ownerId) return;
    if (filter.segment !== undefined && row.segment !== filter.segment) return;
    add(this.overall, row);
    let acc = this.byOwner.get(row.ownerId);
    if (!acc) {
      acc = newAcc();
      this.byOwner.set(row.ownerId, acc);
    }
    add(acc, row);
  }

  finish(): PortfolioAggregates {
    const max = this.settings.portfolio.maxKeyAccountsPerRep;
    const owners = [...this.byOwner.entries()]
      .map(([ownerId, acc]) => {
        const b = finish(acc);
        return { ...b, ownerId, overloaded: ownerId !== null && b.keyAccounts > max };
      })
      .sort(
        (a, b) =>
          b.keyAccounts - a.keyAccounts ||
          b.accounts - a.accounts ||
          String(a.ownerId).localeCompare(String(b.ownerId)),
      );
    return {
      filter: this.filter,
      overall: finish(this.overall),
      owners,
      maxKeyAccountsPerRep: max,
      overloadedOwners: owners.filter((o) => o.overloaded).map((o) => o.ownerId),
    };
  }
}

export function buildAggregates(
  rows: Iterable<AggregateRow>,
  settings: Settings,
  filter: PortfolioFilter = {},
): PortfolioAggregates {
  const agg = new Aggregator(settings, filter);
  for (const row of rows) agg.add(row);
  return agg.finish();
}

/** Aggregates evaluations one at a time, as they are made (one scratch row, no copy per account). */
export class EvaluationAggregator {
  private readonly agg: Aggregator;
  private readonly scratch = blankRow();

  constructor(settings: Settings, filter: PortfolioFilter = {}) {
    this.agg = new Aggregator(settings, filter);
  }

  add(e: Evaluation): void {
    this.agg.add(fillRow(this.scratch, e));
  }

  finish(): PortfolioAggregates {
    return this.agg.finish();
  }
}

/** Aggregates evaluations directly. */
export function aggregateEvaluations(
  evaluations: readonly Evaluation[],
  settings: Settings,
  filter: PortfolioFilter = {},
): PortfolioAggregates {
  const agg = new EvaluationAggregator(settings, filter);
  for (const e of evaluations) agg.add(e);
  return agg.finish();
}

// Made once per pass: see keep-shapes.ts.
keepShape(new EvaluationAggregator(defaultSettings));
