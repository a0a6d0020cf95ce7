import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startSandbox } from '../../src/sandbox/index.js';
import type { PortalState } from '../../src/sandbox/portal/portal-state.js';

/**
 * Child process of bench/sandbox.bench.ts: the sandbox as `npm run sandbox`
 * runs it (OAuth, call log, faults, webhooks, admin), rate limits off, its
 * default portal seeded through the admin seed path (the demo generator).
 * Prints one `READY {json}` line (url, token, load time, memory, sample ids),
 * answers `cpu` / `stats` on stdin with a `CPU {json}` / `STATS {json}` line and exits when stdin
 * closes, so it never outlives the benchmark.
 */

const companies = Number(process.env.KAM_BENCH_SANDBOX_COMPANIES ?? 100_000);
const SAMPLE = 5_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Peak resident set so far (VmHWM), in bytes; 0 where /proc is missing. */
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function memory() {
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, peakRss: peakRss() };
}

/** Evenly spread live ids of a type (every k-th), so requests hit the whole table. */
function sampleIds(portal: PortalState, type: string): number[] {
  const store = portal.core.store(portal.type(type));
  const step = Math.max(1, Math.floor(store.liveCount / SAMPLE));
  const out: number[] = [];
  let i = 0;
  for (const r of store.all()) {
    if (!r.archived && i++ % step === 0) out.push(r.id);
    if (out.length >= SAMPLE) break;
  }
  return out;
}

/** Oldest and newest modification time of a type, for search windows. */
function updatedSpan(portal: PortalState, type: string): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of portal.core.store(portal.type(type)).all()) {
    if (r.updatedAt < lo) lo = r.updatedAt;
    if (r.updatedAt > hi) hi = r.updatedAt;
  }
  return [lo, hi];
}

const running = await startSandbox({
  rateLimits: { enabled: false },
  defaultPortal: { timeZone: 'America/New_York' },
  seed: false,
});
const portalId = running.sandbox.defaultPortalId ?? 0;
const before = memory();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const summary = running.runtime.seed(portalId, { source: 'demo', companies, seed: 42 });
const loadMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const after = memory();
const portal = running.sandbox.defaultPortal;
const ready = {
  url: running.url,
  token: running.sandbox.staticToken,
  loadMs,
  loadCpuMs: (cpu.user + cpu.system) / 1000,
  records: summary.records,
  stats: portal.stats(),
  memoryBefore: before,
  memory: after,
  ids: {
    companies: sampleIds(portal, 'companies'),
    contacts: sampleIds(portal, 'contacts'),
    deals: sampleIds(portal, 'deals'),
  },
  dealsUpdated: updatedSpan(portal, 'deals'),
};
process.stdout.write(`READY ${JSON.stringify(ready)}\n`);

const input = createInterface({ input: process.stdin });
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
input.on('line', (line) => {
  const cmd = line.trim();
  // `cpu` is cheap (between scenarios); `stats` collects garbage first for a true heap figure.
  if (cmd === 'cpu') process.stdout.write(`CPU ${JSON.stringify({ cpuMs: cpuMs() })}\n`);
  if (cmd === 'stats')
    process.stdout.write(`STATS ${JSON.stringify({ memory: memory(), cpuMs: cpuMs() })}\n`);
});
input.on('close', () => {
  void running.close().then(() => process.exit(0));
});
