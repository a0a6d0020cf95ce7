import { converge, divergences } from '../resilience/harness.js';
import {
  burstDeals,
  maxPer10s,
  ourCalls,
  recordCalls,
  sandboxAdmin,
  type SandboxAdmin,
} from '../resilience/drive.js';
import { taskSetReport } from '../resilience/tasks.js';
import {
  backlog,
  diagnose,
  idle,
  startScaleOutEnv,
  type ScaleOutEnv,
} from './scale-out-harness.js';

/**
 * Scale-out, lost webhooks and a worker killed mid-recompute, on PostgreSQL
 * (issue 8): two web and two worker processes of our app on one database,
 * HubSpot's deliveries spread over both web processes. Each test ends when
 * every company holds the engine's values, and checks the exact set of open
 * alert tasks in the sandbox (one per open alert episode, none extra, no key
 * twice) and the shared rate limit (our calls per rolling 10 s). Tests run in
 * order on one set of processes. Times and call counts are printed, not asserted.
 */

const COMPANIES = 120;
/** Short, so a killed worker's inbox rows and jobs are taken again within the test. */
const LEASE_SECONDS = 20;
const LIMIT_PER_10S = 110;

let env: ScaleOutEnv;
let admin: SandboxAdmin;
let calls: ReturnType<typeof recordCalls>;

beforeAll(async () => {
  env = await startScaleOutEnv({ companies: COMPANIES, leaseSeconds: LEASE_SECONDS });
  admin = sandboxAdmin(env.sandbox);
  calls = recordCalls(env.sandbox, env.portalId);
}, 300_000);
afterAll(async () => {
  calls?.stop();
  await env?.close();
}, 120_000);

/** Converged values, nothing waiting, the exact task set and the rolling limit. */
async function expectConsistent(label: string, timeoutMs = 240_000): Promise<void> {
  const t0 = Date.now();
  try {
    await converge(env.sandbox, env.portalId, timeoutMs);
    await env.sandbox.runtime.webhooks.whenIdle({ includeRetries: true });
    await idle(env.store, env.portalId, timeoutMs);
  } catch (error) {
    const report = await diagnose(
      env.store,
      env.portalId,
      await divergences(env.sandbox, env.portalId),
    ).catch((e: unknown) => `diagnosis failed: ${String(e)}`);
    throw new Error(`${String(error)}\n${report}\n${env.output()}`);
  }
  expect(await divergences(env.sandbox, env.portalId)).toEqual([]);
  const tasks = await taskSetReport(env.store.db, env.sandbox, env.portalId);
  expect(tasks).toMatchObject({ missing: [], extra: [], duplicates: [], orphanAlerts: [] });
  const peak = maxPer10s(calls.times());
  console.log(
    `${label}: consistent ${Date.now() - t0} ms after the check began; ${tasks.open} open tasks for ${tasks.expectedOpen} open alert episodes; peak ${peak} calls per 10 s; ${await ourCalls(admin, env.portalId)} calls so far; deliveries per web process ${env.deliveries.join('/')}`,
  );
  if (peak > LIMIT_PER_10S) console.log(`busiest 10 s: ${calls.busiest()}`);
  expect(peak).toBeLessThanOrEqual(LIMIT_PER_10S);
}

/** Deals whose amount in our mirror differs from HubSpot's (a change we have not seen). */
async function staleDeals(): Promise<number> {
  const portal = env.sandbox.runtime.portal(env.portalId);
  const { rows } = await env.store.db.query<{ id: string; amount: string | null }>(
    `SELECT id, properties->>'amount' AS amount FROM mirror_deals WHERE portal_id = $1 AND NOT archived`,
    [env.portalId],
  );
  return rows.filter((r) => {
    const deal = portal.getObject('deals', r.id);
    return deal && (portal.getValue('deals', deal, 'amount') ?? null) !== r.amount;
  }).length;
}

test('two web and two worker processes on one database: the install converges', async () => {
  await expectConsistent('install');
}, 400_000);

test('a burst spread over both web processes, with duplicates and out of order → same results, one task per alert', async () => {
  await admin('PUT', '/_sandbox/faults/webhooks', {
    dropRate: 0,
    duplicateRate: 0.3,
    reorderRate: 0.3,
    seed: 21,
  });
  try {
    const before = [...env.deliveries];
    const changes = await burstDeals(env.sandbox, env.portalId, 2, 5);
    await expectConsistent(`burst of ${changes} changes`);
    // Both web processes took deliveries (the edge alternates).
    expect(env.deliveries[0]).toBeGreaterThan(before[0]);
    expect(env.deliveries[1]).toBeGreaterThan(before[1]);
  } finally {
    await admin('PUT', '/_sandbox/faults/webhooks', {
      dropRate: 0,
      duplicateRate: 0,
      reorderRate: 0,
      seed: 21,
    });
  }
}, 400_000);

test('5 % of deliveries dropped → an on-demand reconciliation repairs them', async () => {
  await admin('PUT', '/_sandbox/faults/webhooks', {
    dropRate: 0.05,
    duplicateRate: 0,
    reorderRate: 0,
    seed: 5,
  });
  let lastChange: number;
  try {
    await burstDeals(env.sandbox, env.portalId, 1, 6);
    lastChange = Date.now();
    await env.sandbox.runtime.webhooks.whenIdle({ includeRetries: true });
  } finally {
    await admin('PUT', '/_sandbox/faults/webhooks', {
      dropRate: 0,
      duplicateRate: 0,
      reorderRate: 0,
      seed: 5,
    });
  }
  await idle(env.store, env.portalId, 240_000);
  const dropped = env.sandbox.runtime.webhooks.log
    .list({ portalId: env.portalId, limit: 100_000 })
    .filter((d) => d.outcome === 'dropped').length;
  const stale = await staleDeals();
  console.log(`lost webhooks: ${dropped} deliveries dropped, ${stale} deals stale in our mirror`);
  expect(dropped).toBeGreaterThan(0);
  expect(stale).toBeGreaterThan(0);
  // Reconciliation leaves the newest 30 s to the next run (HubSpot's search index lags).
  await new Promise((r) => setTimeout(r, Math.max(0, lastChange + 31_000 - Date.now())));
  const res = await fetch(`${env.webUrls[1]}/admin/portals/${env.portalId}/reconcile`, {
    method: 'POST',
  });
  expect(res.status).toBe(202);
  await expectConsistent('reconciled');
  expect(await staleDeals()).toBe(0);
}, 400_000);

test('kill -9 of the workers in the middle of a recompute → after the restart everything converges', async () => {
  const burst = burstDeals(env.sandbox, env.portalId, 1, 7);
  // Wait for a recompute to be running, then kill every worker (so one surely dies inside it).
  let active = 0;
  const deadline = Date.now() + 120_000;
  while (active === 0 && Date.now() < deadline) {
    const { rows } = await env.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'recompute-company' AND state = 'active'`,
    );
    active = rows[0]?.n ?? 0;
    if (active === 0) await new Promise((r) => setTimeout(r, 20));
  }
  if (active === 0) throw new Error(`no recompute became active\n${env.output()}`);
  await env.killWorkers();
  const left = await backlog(env.store, env.portalId);
  const { rows } = await env.store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'recompute-company' AND state = 'active'`,
  );
  console.log(
    `worker crash: killed with ${rows[0]?.n ?? 0} recompute jobs active; left waiting ${JSON.stringify(left)}`,
  );
  expect(active).toBeGreaterThan(0);
  const changes = await burst;
  await env.startWorkers();
  await expectConsistent(`crash (${changes} changes)`);
}, 400_000);

test('kill -9 of one web process while HubSpot delivers → the other takes deliveries, HubSpot retries the failed ones, converges', async () => {
  const log = () =>
    env.sandbox.runtime.webhooks.log.list({ portalId: env.portalId, limit: 100_000 });
  const failedBefore = log().filter((d) => d.outcome === 'failed').length;
  const before = [...env.deliveries];
  const burst = burstDeals(env.sandbox, env.portalId, 1, 8);
  // Once deliveries flow, the first web process dies between receipt and ack for some of them.
  const deadline = Date.now() + 60_000;
  while (env.deliveries[0] === before[0] && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await env.killWeb(0);
  await new Promise((r) => setTimeout(r, 3_000));
  await env.startWeb(0);
  const changes = await burst;
  await expectConsistent(`web crash (${changes} changes)`);
  const failed = log().filter((d) => d.outcome === 'failed').length - failedBefore;
  console.log(`web crash: ${failed} deliveries failed while it was down, all redelivered`);
  expect(failed).toBeGreaterThan(0);
}, 400_000);
