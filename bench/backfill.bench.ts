import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../src/app/deps.js';
import { loadConfig, Secret } from '../src/config.js';
import { createHubSpotAccess } from '../src/hubspot/access.js';
import { CallCounter, unlimited } from '../src/hubspot/client.js';
import { saveTokens } from '../src/hubspot/tokens.js';
import { silentLogger } from '../src/logger.js';
import { DEFAULT_PORTAL_ID } from '../src/sandbox/sandbox.js';
import { TokenCipher } from '../src/store/crypto.js';
import { migrate } from '../src/store/migrate.js';
import { MEMORY, PgliteDb } from '../src/store/pglite-db.js';
import { backfillPortal } from '../src/sync/backfill.js';
import { fullPass } from '../src/sync/full-pass.js';
import { pinSelfAwayFromSandbox, startSandboxProcess } from './lib/sandbox-process.js';
import { MB, round, type BenchRow } from './types.js';

/**
 * API calls of a backfill + recompute against the floor (every object the
 * engine needs read once at 100 per call + changed companies ÷ 100), for
 * 1,000 and 10,000 demo companies in the sandbox (its own process, pinned to
 * core 0) over HTTP with the real api-client and PGlite, compared with a naive
 * per-record client; our own CPU time (HubSpot's side excluded) and the memory
 * of the full pass (streamed, as for a large portal); and the
 * projection for the large portal (100,000 companies, 600,000 contacts,
 * 1,000,000 deals, 3,000,000 engagements) at 110 requests / 10 s with the
 * backfill's default half of the budget. Rate limits are off while measuring
 * (the calls are counted, not waited for); the projection applies them.
 * KAM_BENCH_BACKFILL_SIZES=1000 runs one size.
 */

const SIZES = (process.env.KAM_BENCH_BACKFILL_SIZES ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const LIMIT_PER_10S = 110;
const SHARE = 0.5;
const LARGE = { companies: 100_000, contacts: 600_000, deals: 1_000_000, engagements: 3_000_000 };
const GOAL_RATIO = 1.1;

const row = (
  metric: string,
  value: number,
  unit: string,
  goal = '',
  met: boolean | null = null,
): BenchRow => ({ area: 'backfill', metric, value, unit, goal, met });

interface Measured {
  companies: number;
  objects: Record<string, number>;
  readCalls: number;
  writeCalls: number;
  floor: number;
  naive: number;
  readSeconds: number;
  readCpuSeconds: number;
  recomputeSeconds: number;
  recomputeCpuSeconds: number;
  peakHeapMb: number;
  written: number;
}

const pages = (n: number) => Math.ceil(n / 100);

async function measure(companies: number): Promise<Measured> {
  console.log(
    `  seeding ${companies.toLocaleString('en-US')} demo companies in the sandbox process …`,
  );
  const sandbox = await startSandboxProcess(companies, 30 * 60_000);
  const db = await PgliteDb.open(MEMORY);
  try {
    await migrate(db);
    const portalId = DEFAULT_PORTAL_ID;
    const now = () => new Date();
    const config = loadConfig({
      KAM_DATA_DIR: join(tmpdir(), 'kam-bench'),
      HUBSPOT_BASE_URL: sandbox.ready.url,
    });
    const cipher = new TokenCipher({
      current: { keyId: 'b', key: new Secret(randomBytes(32)) },
      previous: [],
    });
    await db.query(
      `INSERT INTO portals (portal_id, install_state, time_zone, currency) VALUES ($1, 'installed', 'America/New_York', 'USD')`,
      [portalId],
    );
    // The sandbox's static token: no expiry, so no refresh in the way.
    const token = sandbox.ready.token;
    const expiresAt = new Date(Date.now() + 365 * 86_400_000);
    await saveTokens(
      db,
      cipher,
      portalId,
      { accessToken: token, refreshToken: token, expiresAt },
      now(),
    );
    const calls = new CallCounter();
    const base = { config, db, queue: null, logger: silentLogger(), cipher, now };
    const deps: AppDeps = {
      ...base,
      hubspot: createHubSpotAccess(base, { recorder: calls, limiter: unlimited }),
    };
    const cpuSeconds = (since: NodeJS.CpuUsage) => {
      const u = process.cpuUsage(since);
      return (u.user + u.system) / 1e6;
    };

    let cpu = process.cpuUsage();
    let t = performance.now();
    const backfill = await backfillPortal(deps, portalId, {
      budget: { share: 1, limitPer10s: 1e9 },
      recompute: false,
    });
    const readSeconds = (performance.now() - t) / 1000;
    const readCpuSeconds = cpuSeconds(cpu);
    const readCalls = calls.total;

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = heap0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 25);
    cpu = process.cpuUsage();
    t = performance.now();
    // Streamed as for a portal too large to hold (read three times, a chunk at a time).
    const pass = await fullPass(deps, portalId, { keepInputsUpTo: 0 });
    const recomputeSeconds = (performance.now() - t) / 1000;
    const recomputeCpuSeconds = cpuSeconds(cpu);
    clearInterval(sampler);
    const writeCalls = calls.total - readCalls;

    const objects: Record<string, number> = {};
    for (const [type, p] of Object.entries(backfill.phases)) objects[type] = p.objects;
    const { rows } = await db.query<{ t: string; n: number }>(
      `SELECT engagement_type AS t, count(*)::int AS n FROM mirror_engagements WHERE portal_id = $1 GROUP BY 1`,
      [portalId],
    );
    const inWindow = Object.fromEntries(rows.map((r) => [`${r.t}s`, r.n]));
    const needed = {
      companies: objects.companies,
      contacts: objects.contacts,
      deals: objects.deals,
      meetings: inWindow.meetings ?? 0,
      calls: inWindow.calls ?? 0,
      emails: inWindow.emails ?? 0,
    };
    const floor =
      Object.values(needed).reduce((s, n) => s + Math.max(1, pages(n)), 0) + pages(pass.written);
    const all = Object.values(objects).reduce((s, n) => s + n, 0);
    return {
      companies,
      objects: needed,
      readCalls,
      writeCalls,
      floor,
      // One GET per record (associations inline) and one PATCH per company.
      naive: all + objects.companies,
      readSeconds,
      readCpuSeconds,
      recomputeSeconds,
      recomputeCpuSeconds,
      peakHeapMb: (peak - heap0) / MB,
      written: pass.written,
    };
  } finally {
    await db.close();
    await sandbox.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  const cores = pinSelfAwayFromSandbox();
  console.log(`  app on cores ${cores}, sandbox on core 0`);
  const rows: BenchRow[] = [];
  let last: Measured | null = null;
  for (const n of SIZES) {
    const m = await measure(n);
    last = m;
    const total = m.readCalls + m.writeCalls;
    const size = `${n.toLocaleString('en-US')} companies`;
    const o = m.objects;
    console.log(
      `  ${size}: ${o.contacts} contacts, ${o.deals} deals, ${o.meetings + o.calls + o.emails} engagements in the window; ${total} calls (floor ${m.floor})`,
    );
    rows.push(
      row(
        `${size}: API calls, backfill + recompute`,
        total,
        'calls',
        `≤ ${GOAL_RATIO} × floor (${m.floor})`,
        total <= GOAL_RATIO * m.floor,
      ),
      row(`${size}:   of which reads (incl. 9 count searches)`, m.readCalls, 'calls'),
      row(`${size}:   of which writes (${m.written} companies changed)`, m.writeCalls, 'calls'),
      row(`${size}: naive per-record client`, m.naive, 'calls'),
      row(`${size}: reads, wall time without limits`, round(m.readSeconds), 's'),
      row(`${size}: reads, our CPU time (PGlite + api-client)`, round(m.readCpuSeconds), 's'),
      row(
        `${size}: full pass streamed (evaluate, store, write back), wall`,
        round(m.recomputeSeconds),
        's',
      ),
      row(`${size}: full pass, our CPU time`, round(m.recomputeCpuSeconds), 's'),
      row(`${size}: heap growth during the streamed full pass`, round(m.peakHeapMb, 0), 'MB'),
    );
  }
  if (last) {
    // The large portal: the floor from its object counts, the measured ratio to it, at the backfill's share.
    const floorLarge =
      pages(LARGE.companies) +
      pages(LARGE.contacts) +
      pages(LARGE.deals) +
      pages(LARGE.engagements) +
      pages(LARGE.companies);
    const ratio = (last.readCalls + last.writeCalls) / last.floor;
    const projected = Math.ceil(floorLarge * ratio);
    const rate = (LIMIT_PER_10S / 10) * SHARE;
    const apiSeconds = projected / rate;
    const floorSeconds = floorLarge / rate;
    const scale = LARGE.companies / last.companies;
    const localSeconds = (last.readCpuSeconds + last.recomputeCpuSeconds) * scale;
    rows.push(
      row(
        '100,000 companies (projected): API calls',
        projected,
        'calls',
        `≤ ${GOAL_RATIO} × floor (${floorLarge})`,
        projected <= GOAL_RATIO * floorLarge,
      ),
      row(
        `100,000 companies (projected): wall time at ${LIMIT_PER_10S} req/10 s, ${SHARE * 100} % share`,
        round(apiSeconds / 3600, 2),
        'h',
        `≤ ${round((GOAL_RATIO * floorSeconds) / 3600, 2)} h (1.1 × floor ÷ share)`,
        apiSeconds <= GOAL_RATIO * floorSeconds,
      ),
      row(
        '100,000 companies (projected): our CPU time, done while waiting for the budget',
        round(localSeconds / 3600, 2),
        'h',
        '< API time',
        localSeconds < apiSeconds,
      ),
    );
  }
  return rows;
}
