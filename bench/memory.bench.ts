import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDay } from '../src/alerts/sla-clock.js';
import { queuePortalRecompute, bossJob } from '../src/card-api/jobs.js';
import { loadConfig } from '../src/config.js';
import { DEFAULT_TIME_ZONE } from '../src/demo/index.js';
import { settingsSchema } from '../src/domain/settings.js';
import { saveTokens } from '../src/hubspot/tokens.js';
import { createQueue } from '../src/jobs/queue.js';
import { QUEUES } from '../src/jobs/job-names.js';
import { defineQueues } from '../src/jobs/workers.js';
import { loadKeyRing, TokenCipher } from '../src/store/crypto.js';
import { migrate } from '../src/store/migrate.js';
import { PostgresDb } from '../src/store/postgres-db.js';
import { createTestDatabase } from '../test/helpers/test-db.js';
import { filledBefore, fillPortal } from './card-api-fill.js';
import { spawnApp, untilOk, type BenchAppProcess } from './lib/app-process.js';
import { startHubSpotStandIn } from './lib/hubspot-stand-in.js';
import { procMemory, resetPeakRss, sampleRss } from './lib/proc-memory.js';
import { signedGetter } from './lib/signed-get.js';
import { MB, round, type BenchRow, benchRows } from './types.js';
import { freePort } from '../test/helpers/free-port.js';

/**
 * Memory of the production processes at 100,000 companies on PostgreSQL
 * (KAM_BENCH_MEMORY_COMPANIES overrides): the card-api bench's portal filled
 * into a database of its own on the server at 127.0.0.1:5432 (created and
 * dropped; KAM_BENCH_DATABASE_URL = an existing one instead, reused with
 * KAM_BENCH_REUSE=1), then `KAM_PROCESS_ROLE=web` and `=worker` started as
 * the Procfile starts them, each its own Node process measured from /proc:
 * - web: RSS at rest, and its peak (VmHWM) while serving 3,000 signed card
 *   API reads (company and contact cards, portfolio), 10 at a time;
 * - worker: RSS at rest, and its peak during a full recompute of the portal
 *   (the `recompute-portal` job, sent as the settings page sends it): the
 *   streamed pass over every company, every evaluation stored, the kam_*
 *   write-back. HubSpot is a loopback stand-in that accepts every write
 *   (bench/lib/hubspot-stand-in.ts); the shared rate limit applies as usual.
 */

const COMPANIES = Number(
  process.env.KAM_BENCH_MEMORY_COMPANIES ?? process.env.KAM_BENCH_COMPANIES ?? 100_000,
);
const PORTAL = 9_100_002;
const SECRET = 'bench-secret';
const BASE = 'https://kam.example.com';
const READS = 3000;
const RECOMPUTE_TIMEOUT_MS = 60 * 60_000;

/** Waits until no job is due or running (the worker's start-up schedules have run). */
async function untilIdle(db: PostgresDb): Promise<void> {
  let quiet = 0;
  while (quiet < 3) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job
        WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`,
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function run(): Promise<BenchRow[]> {
  const { rows, row } = benchRows('memory');
  const mb = (bytes: number) => round(bytes / MB, 0);
  const log = (line: string) => console.log(line);

  const own = process.env.KAM_BENCH_DATABASE_URL ? null : await createTestDatabase();
  const url = process.env.KAM_BENCH_DATABASE_URL ?? (own as { url: string }).url;
  const dir = mkdtempSync(join(tmpdir(), 'kam-bench-memory-'));
  const env: NodeJS.ProcessEnv = {
    HUBSPOT_CLIENT_ID: 'bench',
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_APP_ID: '1',
    PUBLIC_BASE_URL: BASE,
    KAM_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    KAM_DATA_DIR: dir,
    DATABASE_URL: url,
    LOG_LEVEL: process.env.KAM_BENCH_APP_LOG_LEVEL ?? 'warn',
  };
  const db = new PostgresDb({ url, poolSize: 4 });
  const standIn = await startHubSpotStandIn();
  const apps: BenchAppProcess[] = [];
  try {
    await migrate(db);
    const t0 = performance.now();
    const settings = settingsSchema.parse({ timeZone: DEFAULT_TIME_ZONE });
    const portal =
      (await filledBefore(db, PORTAL, COMPANIES)) ??
      (await fillPortal(db, PORTAL, COMPANIES, settings, log));
    await db.exec('ANALYZE');
    log(`  store ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    row('portal: companies (PostgreSQL)', portal.counts.companies, 'accounts');
    // Installed: tokens valid for hours, so the worker's write-back needs no refresh.
    const config = loadConfig({ ...env, HUBSPOT_BASE_URL: standIn.url });
    const cipher = new TokenCipher(await loadKeyRing(config));
    await saveTokens(
      db,
      cipher,
      PORTAL,
      {
        accessToken: 'bench-access',
        refreshToken: 'bench-refresh',
        expiresAt: new Date(Date.now() + 6 * 3600_000),
      },
      new Date(),
    );

    // A worker that has been running: evaluated just now (the quarterly review has
    // nothing to catch up) and today's cadence sweep done (at 100,000 companies it
    // re-evaluates every overdue account first, which is not what is measured here).
    await db.query(`UPDATE evaluations SET evaluated_at = now() WHERE portal_id = $1`, [PORTAL]);
    await db.query(
      `INSERT INTO job_runs (schedule_name, period_key, status, finished_at)
       VALUES ($1, $2, 'done', now()) ON CONFLICT DO NOTHING`,
      [`alerts-cadence-sweep:${PORTAL}`, localDay(new Date(), DEFAULT_TIME_ZONE)],
    );

    const port = await freePort();
    const web = spawnApp({
      ...env,
      HUBSPOT_BASE_URL: standIn.url,
      KAM_PROCESS_ROLE: 'web',
      PORT: String(port),
    });
    apps.push(web);
    // A cold start (tsx compiling) on a busy shared machine can take minutes.
    await untilOk(`http://127.0.0.1:${port}/readyz`, 600_000, web);
    // One after the other: two processes creating pg-boss's queues at once on a
    // fresh database can deadlock at startup (seen here; reported).
    const worker = spawnApp({ ...env, HUBSPOT_BASE_URL: standIn.url, KAM_PROCESS_ROLE: 'worker' });
    apps.push(worker);
    await worker.waitFor('worker running', 600_000);

    // Web: at rest, then card reads 10 at a time.
    const get = signedGetter({
      serverUrl: `http://127.0.0.1:${port}`,
      publicBaseUrl: BASE,
      secret: SECRET,
      portalId: PORTAL,
    });
    const webRest = await procMemory(web.pid);
    const webSampler = sampleRss(web.pid);
    let next = 0;
    const pathOf = (i: number) =>
      i % 10 === 9
        ? '/portfolio'
        : i % 3 === 0
          ? `/cards/contact/${portal.contactIds[(i * 7919) % portal.contactIds.length]}`
          : `/cards/company/${portal.companyIds[(i * 104_729) % portal.companyIds.length]}`;
    const tReads = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < READS) await get(pathOf(next++));
      }),
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nweb process:\n${web.output.join('').slice(-3000)}`);
    });
    const readsS = (performance.now() - tReads) / 1000;
    const webServing = await webSampler.stop();
    row('web process RSS at rest (ready, before any read)', mb(webRest?.rss ?? NaN), 'MB');
    row(
      `web process peak RSS serving ${READS.toLocaleString('en-US')} card API reads, 10 concurrent`,
      mb(webServing.peakRss),
      'MB',
    );
    row('web process RSS after the reads', mb(webServing.rss), 'MB');
    row('  card API reads per second meanwhile', round(READS / readsS, 0), 'reads/s');

    // Worker: at rest once its start-up schedules are done, then the full recompute job.
    await untilIdle(db);
    // Nothing written yet: the measured recompute writes every company back (the most work).
    await db.query(`UPDATE evaluations SET written = '{}'::jsonb WHERE portal_id = $1`, [PORTAL]);
    const workerRest = await procMemory(worker.pid);
    const peakReset = await resetPeakRss(worker.pid);
    const queue = await createQueue(
      { db },
      { supervise: false, schedule: false, stopTimeoutMs: 5_000 },
    );
    await defineQueues(queue);
    const callsBefore = standIn.calls();
    const workerSampler = sampleRss(worker.pid, 500);
    const tRecompute = performance.now();
    const jobId = await queuePortalRecompute({ db, queue }, PORTAL);
    let state = 'created';
    while (state !== 'completed') {
      if (state === 'failed' || performance.now() - tRecompute > RECOMPUTE_TIMEOUT_MS)
        throw new Error(`recompute ${state}:\n${worker.output.join('').slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 1000));
      state = (await bossJob({ db }, QUEUES.recomputePortal, jobId))?.state ?? 'gone';
    }
    const recomputeS = (performance.now() - tRecompute) / 1000;
    const workerPeak = await workerSampler.stop();
    await queue.stop();
    // KAM_BENCH_APP_LOG_LEVEL=info shows what the worker did.
    if (process.env.KAM_BENCH_APP_LOG_LEVEL) log(worker.output.join(''));
    row('worker process RSS at rest (ready, idle)', mb(workerRest?.rss ?? NaN), 'MB');
    row(
      `worker process peak RSS during the full recompute of ${portal.counts.companies.toLocaleString('en-US')} companies`,
      mb(peakReset ? workerPeak.peakRss : workerPeak.max),
      'MB',
    );
    row('worker process RSS after the recompute', mb(workerPeak.rss), 'MB');
    row('  full recompute job, wall (evaluate, store, write back)', round(recomputeS, 0), 's');
    row('  HubSpot calls of the write-back (stand-in)', standIn.calls() - callsBefore, 'calls');
  } finally {
    for (const app of apps) await app.stop();
    await standIn.close();
    await db.close();
    await own?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
