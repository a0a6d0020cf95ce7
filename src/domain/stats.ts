import { z } from 'zod';
import type { Account } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import { keepShape } from './keep-shapes.js';

/**
 * Portfolio statistics (pass 1 of a portfolio evaluation): per segment, the
 * sorted values every percentile in §11 is taken against. A null segment is a
 * peer group of its own. Built once from every account's facts, then shared by
 * all scores; serialisable so the backend can cache it between runs.
 */

export const statMetrics = [
  'trailingRevenue',
  'annualRevenue',
  'employees',
  'revenueMargin',
] as const;
export type StatMetric = (typeof statMetrics)[number];

/** What one account contributes to the statistics. */
export interface StatsEntry {
  segment: string | null;
  trailingRevenue: number;
  annualRevenue: number | null;
  employees: number | null;
  /** Trailing revenue × margin %, null when the margin is unknown. */
  revenueMargin: number | null;
}

export function statsEntryOf(account: Account, facts: AccountFacts): StatsEntry {
  return {
    segment: account.segment,
    trailingRevenue: facts.trailingRevenue,
    annualRevenue: account.annualRevenue,
    employees: account.employees,
    revenueMargin: revenueMarginOf(account, facts.trailingRevenue),
  };
}

function revenueMarginOf(account: Account, trailingRevenue: number): number | null {
  return account.marginPct === null ? null : (trailingRevenue * account.marginPct) / 100;
}

type Group = Record<StatMetric, Float64Array>;
const EMPTY = new Float64Array(0);

/** First index whose value is ≥ v (or > v when `strict`). */
function bound(arr: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < v || (strict && arr[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First index after `from` whose value is > v, where arr[from…] starts with
 * the values equal to v. Ties are usually few (the account itself, a
 * handful of peers), so a short walk from `from` finds the end without a
 * second binary search over the whole array, whose last steps miss the
 * processor's cache on a large portfolio; many ties fall back to it.
 */
function pastEqual(arr: Float64Array, from: number, v: number): number {
  const n = arr.length;
  const stop = Math.min(n, from + 8);
  let i = from;
  while (i < stop && arr[i] === v) i++;
  if (i < stop || i === n) return i;
  return bound(arr, v, true);
}

export class PortfolioStats {
  constructor(
    /** The evaluation instant the statistics were built for. */
    readonly builtAt: string,
    readonly accountCount: number,
    private readonly groups: Map<string | null, Group>,
  ) {}

  private values(metric: StatMetric, segment: string | null): Float64Array {
    return this.groups.get(segment)?.[metric] ?? EMPTY;
  }

  /** How many accounts of the segment have a value for the metric. */
  peers(metric: StatMetric, segment: string | null): number {
    return this.values(metric, segment).length;
  }

  /**
   * §11 percentile: (count lower + ½ count equal) ÷ n × 100, so ties share a
   * value. Null when the segment has no value for the metric.
   */
  percentile(metric: StatMetric, segment: string | null, value: number): number | null {
    const arr = this.values(metric, segment);
    const n = arr.length;
    if (n === 0) return null;
    const lower = bound(arr, value, false);
    const upTo = pastEqual(arr, lower, value);
    return ((lower + (upTo - lower) / 2) / n) * 100;
  }

  /**
   * The value at percentile p (0–100) of the segment, linearly interpolated
   * between closest ranks (the common "inclusive" definition, as in
   * spreadsheets' PERCENTILE.INC). Null when the segment has no value.
   */
  quantile(metric: StatMetric, segment: string | null, p: number): number | null {
    const arr = this.values(metric, segment);
    const n = arr.length;
    if (n === 0) return null;
    const h = (n - 1) * Math.min(1, Math.max(0, p / 100));
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return arr[lo] + (h - lo) * (arr[hi] - arr[lo]);
  }

  segments(): (string | null)[] {
    return [...this.groups.keys()];
  }

  toJSON(): PortfolioStatsJSON {
    const segments: PortfolioStatsJSON['segments'] = [];
    for (const [segment, g] of this.groups) {
      segments.push({
        segment,
        trailingRevenue: Array.from(g.trailingRevenue),
        annualRevenue: Array.from(g.annualRevenue),
        employees: Array.from(g.employees),
        revenueMargin: Array.from(g.revenueMargin),
      });
    }
    return { version: 1, builtAt: this.builtAt, accountCount: this.accountCount, segments };
  }
}

/** Collects the statistics' values one account at a time (no entry object per account). */
export class StatsBuilder {
  private readonly raw = new Map<string | null, Record<StatMetric, number[]>>();
  private count = 0;

  add(e: StatsEntry): void {
    this.addValues(e.segment, e.trailingRevenue, e.annualRevenue, e.employees, e.revenueMargin);
  }

  /** What statsEntryOf(account, facts) would hold. */
  addAccount(account: Account, facts: Pick<AccountFacts, 'trailingRevenue'>): void {
    const revenue = facts.trailingRevenue;
    this.addValues(
      account.segment,
      revenue,
      account.annualRevenue,
      account.employees,
      revenueMarginOf(account, revenue),
    );
  }

  private addValues(
    segment: string | null,
    trailingRevenue: number,
    annualRevenue: number | null,
    employees: number | null,
    revenueMargin: number | null,
  ): void {
    this.count++;
    let g = this.raw.get(segment);
    if (!g) {
      g = { trailingRevenue: [], annualRevenue: [], employees: [], revenueMargin: [] };
      this.raw.set(segment, g);
    }
    g.trailingRevenue.push(trailingRevenue);
    if (annualRevenue !== null) g.annualRevenue.push(annualRevenue);
    if (employees !== null) g.employees.push(employees);
    if (revenueMargin !== null) g.revenueMargin.push(revenueMargin);
  }

  build(builtAt: string): PortfolioStats {
    const groups = new Map<string | null, Group>();
    for (const [segment, g] of this.raw) {
      groups.set(segment, {
        trailingRevenue: Float64Array.from(g.trailingRevenue).sort(),
        annualRevenue: Float64Array.from(g.annualRevenue).sort(),
        employees: Float64Array.from(g.employees).sort(),
        revenueMargin: Float64Array.from(g.revenueMargin).sort(),
      });
    }
    return new PortfolioStats(builtAt, this.count, groups);
  }
}

export function buildStats(entries: readonly StatsEntry[], builtAt: string): PortfolioStats {
  const builder = new StatsBuilder();
  for (const e of entries) builder.add(e);
  return builder.build(builtAt);
}

const sortedNumbers = z.array(z.number());
export const portfolioStatsJSONSchema = z.object({
  version: z.literal(1),
  builtAt: z.string(),
  accountCount: z.number().int().min(0),
  segments: z.array(
    z.object({
      segment: z.string().nullable(),
      trailingRevenue: sortedNumbers,
      annualRevenue: sortedNumbers,
      employees: sortedNumbers,
      revenueMargin: sortedNumbers,
    }),
  ),
});
export type PortfolioStatsJSON = z.infer<typeof portfolioStatsJSONSchema>;

/** Rebuilds statistics from their JSON (validated: it comes from a cache). Arrays are re-sorted defensively. */
export function statsFromJSON(json: unknown): PortfolioStats {
  const data = portfolioStatsJSONSchema.parse(json);
  const groups = new Map<string | null, Group>();
  for (const s of data.segments) {
    groups.set(s.segment, {
      trailingRevenue: Float64Array.from(s.trailingRevenue).sort(),
      annualRevenue: Float64Array.from(s.annualRevenue).sort(),
      employees: Float64Array.from(s.employees).sort(),
      revenueMargin: Float64Array.from(s.revenueMargin).sort(),
    });
  }
  return new PortfolioStats(data.builtAt, data.accountCount, groups);
}

// Made once per pass: see keep-shapes.ts.
keepShape(new PortfolioStats('', 0, new Map()));
keepShape(new StatsBuilder());
