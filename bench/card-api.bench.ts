import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardDataRoutes } from '../serverless/card-data.js';
import type { AppDeps } from '../src/app/deps.js';
import { computeWhatIf } from '../src/card-api/what-if.js';
import { loadConfig } from '../src/config.js';
import { DEFAULT_TIME_ZONE } from '../src/demo/index.js';
import {
  aggregateRowOfState,
  buildAggregates,
  type AggregateRow,
} from '../src/domain/aggregates.js';
import { settingsSchema } from '../src/domain/settings.js';
import { createQueue } from '../src/jobs/queue.js';
import { defineQueues } from '../src/jobs/workers.js';
import { silentLogger } from '../src/logger.js';
import { createHttpApp, listen } from '../src/server/app.js';
import { loadKeyRing, TokenCipher } from '../src/store/crypto.js';
import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { PgliteDb } from '../src/store/pglite-db.js';
import { PostgresDb } from '../src/store/postgres-db.js';
import { filledBefore, fillPortal } from './card-api-fill.js';
import { signedGetter } from './lib/signed-get.js';
import { percentileOf, round, MB, type BenchRow, benchRows } from './types.js';

/**
 * The card API at 100,000 companies (KAM_BENCH_COMPANIES overrides): the
 * demo portal in the mirror (~600k contacts, ~1M deals, ~3M engagements) and
 * its stored evaluations, the real server and card router on loopback, every
 * request signed as HubSpot signs `hubspot.fetch`. Measures each read's
 * latency (sequential, and the company card under 10 concurrent requests),
 * the portfolio by SQL sums against the domain aggregates over every row, and
 * the what-if preview over the whole mirror (with card latency meanwhile).
 * Embedded PGlite on disk by default; KAM_BENCH_DATABASE_URL = an empty
 * PostgreSQL database instead.
 */

const COMPANIES = Number(process.env.KAM_BENCH_COMPANIES ?? 100_000);
const PORTAL = 9_100_001;
const SECRET = 'bench-secret';
const BASE = 'https://kam.example.com';
const GOAL_MS = 100;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function openDb(dir: string): Promise<Db> {
  const url = process.env.KAM_BENCH_DATABASE_URL;
  const db = url ? new PostgresDb({ url, poolSize: 10 }) : await PgliteDb.open(join(dir, 'pgdata'));
  await migrate(db);
  return db;
}

export async function run(): Promise<BenchRow[]> {
  const { rows, row } = benchRows('card-api');
  const latencyRows = (name: string, ms: number[], goal: boolean) => {
    const s = [...ms].sort((a, b) => a - b);
    const p95 = percentileOf(s, 95);
    row(`${name} p50`, round(percentileOf(s, 50), 2), 'ms');
    row(
      `${name} p95`,
      round(p95, 2),
      'ms',
      goal ? `≤ ${GOAL_MS} ms` : '',
      goal ? p95 <= GOAL_MS : null,
    );
    row(`${name} p99`, round(percentileOf(s, 99), 2), 'ms');
  };
  const log = (line: string) => console.log(line);

  const dir = mkdtempSync(join(tmpdir(), 'kam-bench-card-'));
  const db = await openDb(dir);
  const settings = settingsSchema.parse({ timeZone: DEFAULT_TIME_ZONE });
  try {
    const t0 = performance.now();
    const reused = await filledBefore(db, PORTAL, COMPANIES);
    const portal = reused ?? (await fillPortal(db, PORTAL, COMPANIES, settings, log));
    // PostgreSQL's autovacuum would analyze the new tables; PGlite has none.
    if (!reused) await db.exec('ANALYZE');
    const fillS = (performance.now() - t0) / 1000;
    log(`  store ${reused ? 'reused' : 'filled'} in ${fillS.toFixed(0)} s`);
    row('portal: companies', portal.counts.companies, 'accounts');
    row(
      'portal: contacts / deals / engagements in the mirror',
      portal.counts.contacts + portal.counts.deals + portal.counts.engagements,
      'records',
    );
    if (!reused) row('store: mirror written and evaluations stored', round(fillS, 0), 's');
    row('store backend', process.env.KAM_BENCH_DATABASE_URL ? 2 : 1, '1 = PGlite, 2 = PostgreSQL');

    const config = loadConfig({
      HUBSPOT_CLIENT_ID: 'bench',
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_APP_ID: '1',
      PUBLIC_BASE_URL: BASE,
      KAM_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      KAM_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    });
    const queue = await createQueue(
      { db },
      { supervise: false, schedule: false, stopTimeoutMs: 5_000 },
    );
    await defineQueues(queue);
    const deps: AppDeps = {
      config,
      db,
      queue,
      logger: silentLogger(),
      cipher: new TokenCipher(await loadKeyRing(config)),
      hubspot: {
        appId: '1',
        clientFor: () => Promise.reject(new Error('no HubSpot calls on reads')),
      },
      now: () => new Date(),
    };
    const server = await listen(createHttpApp(deps, { routes: cardDataRoutes }), 0, '127.0.0.1');
    const get = signedGetter({
      serverUrl: server.url,
      publicBaseUrl: BASE,
      secret: SECRET,
      portalId: PORTAL,
    });
    const random = rng(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const sample = async (n: number, path: () => string) => {
      for (let i = 0; i < 200; i++) await get(path());
      const ms: number[] = [];
      for (let i = 0; i < n; i++) ms.push(await get(path()));
      return ms;
    };

    const load = loadavg()[0];
    latencyRows(
      'GET /cards/company/{id}',
      await sample(2000, () => `/cards/company/${pick(portal.companyIds)}`),
      true,
    );
    latencyRows(
      'GET /cards/contact/{id}',
      await sample(1000, () => `/cards/contact/${pick(portal.contactIds)}`),
      true,
    );
    latencyRows('GET /settings', await sample(300, () => '/settings'), true);
    const filters = [
      '',
      `?owner=${pick(portal.ownerIds)}`,
      `?segment=${encodeURIComponent(pick(portal.segments))}`,
      '?owner=none',
    ];
    latencyRows(
      'GET /portfolio (any filter)',
      await sample(200, () => `/portfolio${pick(filters)}`),
      true,
    );
    const cold: number[] = [];
    for (let i = 0; i < 20; i++) {
      // One account re-evaluated: the cached sums are stale, the next answer sums again.
      await db.query(
        `UPDATE evaluations SET revision = nextval('evaluation_revision_seq') WHERE portal_id = $1 AND company_id = $2`,
        [PORTAL, pick(portal.companyIds)],
      );
      cold.push(await get(`/portfolio${pick(filters)}`));
    }
    latencyRows('GET /portfolio, first answer after a change (SQL sums)', cold, false);

    const concurrent: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = 0; i < 100; i++)
          concurrent.push(await get(`/cards/company/${pick(portal.companyIds)}`));
      }),
    );
    latencyRows('GET /cards/company/{id}, 10 concurrent', concurrent, false);
    row('load average during the reads (2 cores shared)', round(load, 1), '');

    // The alternative measured: one row per account into the domain's aggregates.
    const js: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const { rows: all } = await db.query<{
        id: string;
        owner_id: string | null;
        segment: string | null;
        state: never;
      }>(
        'SELECT company_id AS id, owner_id, segment, state FROM evaluations WHERE portal_id = $1',
        [PORTAL],
      );
      const aggRows: AggregateRow[] = all.map((r) =>
        aggregateRowOfState(
          { id: r.id, ownerId: r.owner_id, segment: r.segment },
          r.state,
          settings,
        ),
      );
      buildAggregates(aggRows, settings, {});
      js.push(performance.now() - t);
    }
    row(
      'portfolio by the domain aggregates over every stored state (alternative), mean',
      round(js.reduce((a, b) => a + b, 0) / js.length, 0),
      'ms',
    );

    // The what-if preview over the whole mirror, card reads served meanwhile.
    const candidate = settingsSchema.parse({
      timeZone: DEFAULT_TIME_ZONE,
      score: { keyAccountSharePct: 25 },
    });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const rssBefore = process.memoryUsage().rss;
    const t1 = performance.now();
    let done = false;
    const preview = computeWhatIf(deps, PORTAL, candidate, {
      asOf: new Date().toISOString(),
    }).finally(() => (done = true));
    const during: number[] = [];
    while (!done) during.push(await get(`/cards/company/${pick(portal.companyIds)}`));
    const result = await preview;
    const previewS = (performance.now() - t1) / 1000;
    clearInterval(sampler);
    row(
      `what-if preview of ${result.accounts.toLocaleString('en-US')} accounts, wall`,
      round(previewS, 1),
      's',
    );
    row('what-if preview rate', round(result.accounts / previewS, 0), 'accounts/s');
    row(
      'what-if preview peak RSS above the server at rest',
      round((peak - rssBefore) / MB, 0),
      'MB',
    );
    latencyRows('GET /cards/company/{id} during the preview', during, false);

    await server.close();
    await queue.stop();
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
