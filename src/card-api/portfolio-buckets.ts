import type {
  AggregateBucket,
  PortfolioAggregates,
  PortfolioFilter,
} from '../domain/aggregates.js';
import type { Settings } from '../domain/settings.js';
import { lifecycleStages } from '../domain/snapshot.js';

/**
 * The domain's portfolio aggregates (src/domain/aggregates.ts) assembled from
 * per-(owner, segment) sums that SQL computes over the stored evaluation rows,
 * instead of one row per account: at 100,000 companies that is a few hundred
 * rows to combine rather than 100,000 to transfer. The rules are the domain's
 * (funnel "reached" = at this stage or beyond; overload = more key accounts
 * than the per-rep maximum; owners ordered by key accounts, then accounts),
 * and a test checks the result equals `buildAggregates` on the same accounts.
 */

export interface GroupSums {
  ownerId: string | null;
  segment: string | null;
  accounts: number;
  keyAccounts: number;
  tiers: AggregateBucket['tiers'];
  /** Accounts per lifecycle stage, in `lifecycleStages` order. */
  stages: number[];
  openAlerts: AggregateBucket['openAlerts'];
  accountsByAlertLevel: AggregateBucket['accountsByAlertLevel'];
  health: AggregateBucket['health'];
  healthSum: number;
}

interface Acc {
  sums: Omit<GroupSums, 'ownerId' | 'segment'>;
}

function blank(): Acc {
  return {
    sums: {
      accounts: 0,
      keyAccounts: 0,
      tiers: { strategic: 0, potential: 0, profit: 0, ordinary: 0 },
      stages: lifecycleStages.map(() => 0),
      openAlerts: { red: 0, yellow: 0, green: 0 },
      accountsByAlertLevel: { red: 0, yellow: 0, green: 0, none: 0 },
      health: { healthy: 0, watch: 0, at_risk: 0 },
      healthSum: 0,
    },
  };
}

function addInto<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const k of Object.keys(from) as K[]) into[k] += from[k];
}

function add(acc: Acc, g: GroupSums): void {
  const s = acc.sums;
  s.accounts += g.accounts;
  s.keyAccounts += g.keyAccounts;
  addInto(s.tiers, g.tiers);
  g.stages.forEach((n, i) => (s.stages[i] += n));
  addInto(s.openAlerts, g.openAlerts);
  addInto(s.accountsByAlertLevel, g.accountsByAlertLevel);
  addInto(s.health, g.health);
  s.healthSum += g.healthSum;
}

function finish(acc: Acc): AggregateBucket {
  const s = acc.sums;
  const reached = new Array<number>(lifecycleStages.length);
  let beyond = 0;
  for (let i = lifecycleStages.length - 1; i >= 0; i--) {
    beyond += s.stages[i];
    reached[i] = beyond;
  }
  return {
    accounts: s.accounts,
    keyAccounts: s.keyAccounts,
    tiers: { ...s.tiers },
    funnel: lifecycleStages.map((stage, i) => ({
      stage,
      count: s.stages[i],
      reached: reached[i],
      conversionToNext:
        i === lifecycleStages.length - 1 || reached[i] === 0
          ? null
          : Math.round((1000 * reached[i + 1]) / reached[i]) / 10,
    })),
    openAlerts: { ...s.openAlerts },
    accountsByAlertLevel: { ...s.accountsByAlertLevel },
    health: { ...s.health },
    averageHealth: s.accounts === 0 ? null : Math.round((10 * s.healthSum) / s.accounts) / 10,
  };
}

export function aggregatesFromGroups(
  groups: readonly GroupSums[],
  settings: Settings,
  filter: PortfolioFilter,
): PortfolioAggregates {
  const overall = blank();
  const byOwner = new Map<string | null, Acc>();
  for (const g of groups) {
    if (filter.ownerId !== undefined && g.ownerId !== filter.ownerId) continue;
    if (filter.segment !== undefined && g.segment !== filter.segment) continue;
    add(overall, g);
    let acc = byOwner.get(g.ownerId);
    if (!acc) {
      acc = blank();
      byOwner.set(g.ownerId, acc);
    }
    add(acc, g);
  }
  const max = settings.portfolio.maxKeyAccountsPerRep;
  const owners = [...byOwner.entries()]
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
    filter,
    overall: finish(overall),
    owners,
    maxKeyAccountsPerRep: max,
    overloadedOwners: owners.filter((o) => o.overloaded).map((o) => o.ownerId),
  };
}
