/** One line of docs/benchmarks.md, returned by every `bench/*.bench.ts` module's `run()`. */
export interface BenchRow {
  /** Module name, e.g. "engine". */
  area: string;
  metric: string;
  value: number;
  unit: string;
  /** The target as text ("≥ 50,000"), or "" when the row is informational. */
  goal: string;
  /** null when the row has no goal. */
  met: boolean | null;
}

/** A row maker for one area: `const row = rowsOf('latency'); row('p95', 1.2, 's', '≤ 5 s', true)`. */
export function rowsOf(area: string) {
  return (
    metric: string,
    value: number,
    unit: string,
    goal = '',
    met: boolean | null = null,
  ): BenchRow => ({
    area,
    metric,
    value,
    unit,
    goal,
    met,
  });
}

export type BenchModule = { run(): Promise<BenchRow[]> };

/** Percentile (nearest rank) of an ascending array. */
export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export const MB = 1024 * 1024;
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** A module's rows and the function that adds one (goal "" and met null: informational). */
export function benchRows(area: string): {
  rows: BenchRow[];
  row: (metric: string, value: number, unit: string, goal?: string, met?: boolean | null) => void;
} {
  const rows: BenchRow[] = [];
  return {
    rows,
    row: (metric, value, unit, goal = '', met = null) =>
      rows.push({ area, metric, value, unit, goal, met }),
  };
}
