import { pathToFileURL } from 'node:url';
import { runLoad } from './lib/load.js';
import { measureSlices, median } from './lib/measure.js';
import {
  pinSelfAwayFromSandbox,
  startReferenceProcess,
  startSandboxProcess,
} from './lib/sandbox-process.js';
import { scenarios } from './lib/sandbox-scenarios.js';
import { MB, percentileOf, round, type BenchRow } from './types.js';

/**
 * The sandbox's capacity: the large portal (100,000 companies from the demo
 * generator, ~600,000 contacts, ~1,000,000 deals, ~3,000,000 engagements and
 * their associations) loaded through the admin seed path, its load time and
 * memory, then requests/s for each call the app makes, rate limits off. The
 * sandbox runs in its own process pinned to one core (taskset -c 0); this
 * process generates the load over keep-alive loopback connections.
 *
 * KAM_BENCH_SCALE=small (or --quick when run directly) seeds 10,000
 * companies and measures each call for 3 s instead of 10 s (about a minute
 * in all). KAM_BENCH_COMPANIES overrides the size; KAM_BENCH_ONLY=<name part>
 * runs some calls only; KAM_BENCH_SANDBOX_NODE_ARGS adds Node flags to the
 * sandbox process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */

const QUICK = process.env.KAM_BENCH_SCALE === 'small' || process.argv.includes('--quick');
const LARGE = 100_000;
const COMPANIES = Number(process.env.KAM_BENCH_COMPANIES ?? (QUICK ? 10_000 : LARGE));
const WARMUP_MS = QUICK ? 1_000 : 3_000;
/** Measured in slices (see lib/measure.ts): 3 × 1 s quick, 5 × 2 s in full. */
const SLICES = QUICK ? 3 : 5;
const SLICE_MS = QUICK ? 1_000 : 2_000;
/** In flight at once: enough to keep one core busy without queueing for nothing. */
const CONCURRENCY = 16;
const READY_TIMEOUT_MS = 30 * 60_000;
const GOAL_RPS = 2_000;
const GOAL_RSS_MB = 4_096;

const row = (
  metric: string,
  value: number,
  unit: string,
  goal = '',
  met: boolean | null = null,
): BenchRow => ({ area: 'sandbox', metric, value, unit, goal, met });

/** Requests per CPU-second of the same core for a bare node:http server: what this machine allows at all. */
async function reference(): Promise<BenchRow> {
  const ref = await startReferenceProcess();
  try {
    const base = { url: ref.ready.url, token: ref.ready.token, concurrency: CONCURRENCY };
    const next = () => ({ method: 'GET' as const, path: '/' });
    await runLoad({ ...base, durationMs: WARMUP_MS, next });
    const res = await measureSlices({ ...base, next }, SLICES, SLICE_MS, () => ref.cpuMs());
    const capacity = median(res.capacities);
    console.log(`  reference node:http server: ${Math.round(capacity)} per CPU-s`);
    return row(
      'machine yardstick: bare node:http server answering 1 KiB of JSON, requests per CPU-second',
      Math.round(capacity),
      'req/CPU-s',
    );
  } finally {
    await ref.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  const large = COMPANIES >= LARGE;
  const loadCores = pinSelfAwayFromSandbox();
  console.log(
    `  seeding ${COMPANIES.toLocaleString('en-US')} companies in the sandbox process (load generator on cores ${loadCores}) …`,
  );
  const rows: BenchRow[] = [await reference()];
  const server = await startSandboxProcess(COMPANIES, READY_TIMEOUT_MS);
  try {
    const r = server.ready;
    const o = r.stats.objects;
    const engagements = ['meetings', 'calls', 'emails'].reduce((n, t) => n + (o[t]?.live ?? 0), 0);
    const size = `${COMPANIES.toLocaleString('en-US')} companies, ${r.records.toLocaleString('en-US')} records, ${r.stats.associations.toLocaleString('en-US')} associations`;
    console.log(
      `  loaded ${size} (${o.contacts?.live ?? 0} contacts, ${o.deals?.live ?? 0} deals, ${engagements} engagements) in ${round(r.loadMs / 1000)} s`,
    );
    const rssGoal = large ? `≤ ${GOAL_RSS_MB.toLocaleString('en-US')}` : '';
    const rssMet = (mb: number) => (large ? mb <= GOAL_RSS_MB : null);
    const rssAfterLoad = r.memory.rss / MB;
    rows.push(
      row(`portal load through the admin seed path (${size})`, round(r.loadMs / 1000), 's'),
      row('portal load CPU time', round(r.loadCpuMs / 1000), 's'),
      row('heap used after load (after GC)', round(r.memory.heapUsed / MB, 0), 'MB'),
      row('RSS after load', round(rssAfterLoad, 0), 'MB', rssGoal, rssMet(rssAfterLoad)),
      row('peak RSS while loading', round(r.memory.peakRss / MB, 0), 'MB'),
    );

    const list = scenarios({
      ids: r.ids,
      dealsUpdated: r.dealsUpdated,
      deals: o.deals?.live ?? 0,
    });
    const base = { url: r.url, token: r.token, concurrency: CONCURRENCY };
    // KAM_BENCH_ONLY="search" runs the calls whose name contains it (e.g. while profiling).
    const only = process.env.KAM_BENCH_ONLY;
    for (const s of list.filter((x) => !only || x.name.includes(only))) {
      await runLoad({ ...base, durationMs: WARMUP_MS, next: s.next });
      const res = await measureSlices({ ...base, next: s.next }, SLICES, SLICE_MS, () =>
        server.cpuMs(),
      );
      const cpuMs = res.cpuMs;
      const rps = res.requests / (res.wallMs / 1000);
      // Requests per CPU-second of the pinned sandbox process (median slice): its one-core
      // capacity, whether or not the load generator (or a busy machine) kept it saturated.
      const capacity = median(res.capacities);
      const best = res.capacities[res.capacities.length - 1];
      const busy = (100 * cpuMs) / res.wallMs;
      const ok = res.errors === 0;
      const p50 = percentileOf(res.latencies, 50);
      const p99 = percentileOf(res.latencies, 99);
      console.log(
        `  ${s.name}: ${Math.round(capacity)} per sandbox CPU-s (best slice ${Math.round(best)}), ${Math.round(rps)} req/s with the core ${Math.round(busy)} % busy, p50 ${round(p50, 2)} ms, p99 ${round(p99, 2)} ms, ${round(res.bytesIn / res.requests / 1024)} KiB/answer${ok ? '' : `, ${res.errors} errors: ${res.firstError}`}`,
      );
      rows.push(
        row(
          `${s.name}: requests per sandbox CPU-second (${s.label})`,
          Math.round(capacity),
          'req/CPU-s',
          `≥ ${GOAL_RPS.toLocaleString('en-US')}`,
          ok && capacity >= GOAL_RPS,
        ),
        row(`${s.name}: requests/s at ${CONCURRENCY} in flight`, Math.round(rps), 'req/s'),
        row(`${s.name}: sandbox core busy`, Math.round(busy), '%'),
        row(`${s.name}: p99 latency`, round(p99, 2), 'ms'),
      );
    }
    const end = await server.stats();
    const rssEnd = end.memory.rss / MB;
    rows.push(
      row('RSS after the request runs', round(rssEnd, 0), 'MB', rssGoal, rssMet(rssEnd)),
      row(
        'sandbox process pinned to CPU',
        server.cores === '0' ? 1 : 0,
        server.cores === '0' ? 'core (taskset -c 0)' : 'not pinned',
      ),
    );
  } finally {
    await server.stop();
  }
  return rows;
}

// Run directly: `node --import tsx bench/sandbox.bench.ts [--quick]` prints the rows.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run();
  for (const r of rows)
    console.log(
      `${r.metric}: ${r.value} ${r.unit}${r.goal ? ` (goal ${r.goal}: ${r.met ? 'met' : 'MISSED'})` : ''}`,
    );
}
