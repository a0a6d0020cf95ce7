import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QUEUES } from '../../src/jobs/job-names.js';
import { createQueue, type Queue } from '../../src/jobs/queue.js';
import { defineQueues } from '../../src/jobs/workers.js';
import { createHttpApp } from '../../src/server/app.js';
import { webhookEvents } from '../../src/server/metrics.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';
import { testDeps } from './test-deps.js';

let store: TestStore;
let server: Server;
let base: string;
const ADMIN = 'admin-token-for-tests';

beforeAll(async () => {
  store = await openTestStore();
  await store.db.query(
    `INSERT INTO portals (portal_id, install_state, installed_at) VALUES (801, 'installed', now())`,
  );
  await store.db.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, cursor, progress) VALUES (801, 'backfill:companies', 'abc', '{"done": 300}')`,
  );
  const app = createHttpApp(testDeps(store.db), { routes: [], adminToken: ADMIN });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await store?.close();
});

describe('server', () => {
  test('/healthz answers while the process is up, with a request id', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${base}/healthz`, {
      headers: { 'x-request-id': 'proxy-id-12345' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('proxy-id-12345');
  });

  test('/readyz is ready when the database answers and migrations are applied', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  test('/metrics serves the Prometheus registry', async () => {
    webhookEvents.inc({ result: 'stored' }, 0);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('kam_webhook_events_total');
    expect(text).toContain('kam_jobs_total');
  });

  test('unknown routes answer a JSON 404 through the one error mapping', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /nope' },
    });
  });

  test('PUT /status/{portalId}/sync-settings validates and stores the backfill share', async () => {
    const put = (body: unknown, portal = 801) =>
      fetch(`${base}/status/${portal}/sync-settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await put({ backfillShare: 0.95 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('syncSettings.backfillShare');
    expect((await put({ backfillLimit: 3 })).status).toBe(400);
    expect((await put({ backfillShare: 0.3 }, 999)).status).toBe(404);
    const ok = await put({ backfillShare: 0.3 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ backfillShare: 0.3 });
    // Left out: kept.
    expect(await (await put({})).json()).toEqual({ backfillShare: 0.3 });
    const status = (await (await fetch(`${base}/status/801`)).json()) as Record<string, unknown>;
    expect(status.sync).toEqual({ backfillShare: 0.3 });
    await put({ backfillShare: 0.5 });
  });

  test('/status/{portalId} shows backfill progress and the inbox to an admin', async () => {
    const res = await fetch(`${base}/status/801`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      portalId: 801,
      portal: { install_state: 'installed' },
      backfill: [{ kind: 'backfill:companies', cursor: 'abc', progress: { done: 300 } }],
      inbox: { pending: 0, failed: 0 },
      outbox: { pending: 0, failed: 0 },
      deadLetters: 0,
      sync: { backfillShare: 0.5 },
    });
    expect((await fetch(`${base}/status/999`)).status).toBe(404);
    expect((await fetch(`${base}/status/abc`)).status).toBe(400);
  });

  test('/status through a proxy needs the admin token', async () => {
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`${base}/status/801`, { headers: proxied })).status).toBe(403);
    const wrong = await fetch(`${base}/status/801`, {
      headers: { ...proxied, authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(403);
    const ok = await fetch(`${base}/status/801`, {
      headers: { ...proxied, authorization: `Bearer ${ADMIN}` },
    });
    expect(ok.status).toBe(200);
  });
});

describe('admin actions', () => {
  let queue: Queue;
  let actions: Server;
  let url: string;
  beforeAll(async () => {
    await store.db.query(
      `INSERT INTO portals (portal_id, install_state, installed_at) VALUES (802, 'uninstalled', now())`,
    );
    queue = await createQueue(store, { ...fastQueueOptions, schedule: false, supervise: false });
    await defineQueues(queue);
    const app = createHttpApp(testDeps(store.db, { queue }), { routes: [], adminToken: ADMIN });
    actions = app.listen(0, '127.0.0.1');
    await new Promise((r) => actions.once('listening', r));
    url = `http://127.0.0.1:${(actions.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => actions?.close(r));
    await queue?.stop();
  });

  test('POST /admin/portals/{portalId}/reconcile queues one reconciliation; a repeat coalesces', async () => {
    const first = await fetch(`${url}/admin/portals/801/reconcile`, { method: 'POST' });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ portalId: 801, queued: true });
    const again = await fetch(`${url}/admin/portals/801/reconcile`, { method: 'POST' });
    expect(await again.json()).toMatchObject({ portalId: 801, queued: false, jobId: null });
    expect(await queue.size(QUEUES.reconcile)).toBe(1);
  });

  test('reconcile: unknown portal 404, uninstalled 409, through a proxy without the token 403', async () => {
    const post = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: 'POST', headers });
    expect((await post('/admin/portals/999/reconcile')).status).toBe(404);
    expect((await post('/admin/portals/802/reconcile')).status).toBe(409);
    expect((await post('/admin/portals/x/reconcile')).status).toBe(400);
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    expect((await post('/admin/portals/801/reconcile', proxied)).status).toBe(403);
    const ok = await post('/admin/portals/801/reconcile', {
      ...proxied,
      authorization: `Bearer ${ADMIN}`,
    });
    expect(ok.status).toBe(202);
  });
});
