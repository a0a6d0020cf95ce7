import { runLoad, type LoadOptions } from './load.js';

/**
 * Runs load in equal time slices and reads the server's CPU time around each,
 * so a busy machine shows as spread between slices instead of silently
 * lowering one average: the median slice is the figure, the best one the
 * least disturbed.
 */
export interface Measured {
  requests: number;
  errors: number;
  firstError?: string;
  wallMs: number;
  cpuMs: number;
  /** Ascending, ms. */
  latencies: number[];
  bytesIn: number;
  /** Requests per server CPU-second, per slice, ascending. */
  capacities: number[];
}

export async function measureSlices(
  load: Omit<LoadOptions, 'durationMs'>,
  slices: number,
  sliceMs: number,
  serverCpuMs: () => Promise<number>,
): Promise<Measured> {
  const out: Measured = {
    requests: 0,
    errors: 0,
    wallMs: 0,
    cpuMs: 0,
    latencies: [],
    bytesIn: 0,
    capacities: [],
  };
  for (let i = 0; i < slices; i++) {
    const cpu0 = await serverCpuMs();
    const res = await runLoad({ ...load, durationMs: sliceMs });
    const cpu = (await serverCpuMs()) - cpu0;
    out.requests += res.requests;
    out.errors += res.errors;
    out.firstError ??= res.firstError;
    out.wallMs += res.wallMs;
    out.cpuMs += cpu;
    out.bytesIn += res.bytesIn;
    for (const l of res.latencies) out.latencies.push(l);
    out.capacities.push(cpu > 0 ? res.requests / (cpu / 1000) : 0);
  }
  out.latencies.sort((a, b) => a - b);
  out.capacities.sort((a, b) => a - b);
  return out;
}

export const median = (sorted: number[]): number =>
  sorted.length === 0
    ? NaN
    : sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
