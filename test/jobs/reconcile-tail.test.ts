import type { AppDeps } from '../../src/app/deps.js';
import { QUEUES, type SyncOps } from '../../src/jobs/job-names.js';
import { createQueue, type Queue } from '../../src/jobs/queue.js';
import { defineQueues, startWorkers, type RunningWorkers } from '../../src/jobs/workers.js';
import { openTestStore, waitFor, type TestStore } from '../helpers/test-db.js';
import { testDeps } from '../server/test-deps.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';

/**
 * An on-demand reconciliation leaves the newest changes (not yet searchable in
 * HubSpot) to the next run; the worker queues one delayed follow-up for them,
 * and only for on-demand runs (the nightly run's tail is covered by the next
 * night's overlap). The sync itself is a stand-in here: test/postgres/scale-out
 * runs the real one.
 */

let store: TestStore;
let queue: Queue;
let deps: AppDeps;
let workers: RunningWorkers | undefined;
const runs: number[] = [];

beforeAll(async () => {
  store = await openTestStore();
  queue = await createQueue(store, fastQueueOptions);
  await defineQueues(queue);
  deps = testDeps(store.db, { queue });
  const unused = () => Promise.reject(new Error('not used here'));
  const ops: SyncOps = {
    syncObjects: unused,
    recomputeCompanies: unused,
    recomputePortal: unused,
    backfillPortal: unused,
    reconcilePortal: async (_deps, portalId) => {
      runs.push(portalId);
      return { portalId, seen: 0, changed: 0, companies: [], watermark: new Date().toISOString() };
    },
  };
  workers = await startWorkers(deps, ops, { pollingIntervalSeconds: 0.5, sweepIntervalMs: 0 });
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await queue?.stop();
  await store?.close();
}, 30_000);

test('an on-demand run queues one delayed follow-up; the nightly run and the follow-up do not', async () => {
  await queue.send(QUEUES.reconcile, { portalId: 801, periodKey: '2026-12-07' });
  await waitFor(async () => runs.includes(801), 15_000);
  expect(await queue.size(QUEUES.reconcile)).toBe(0);

  await queue.send(QUEUES.reconcile, { portalId: 802, periodKey: 'manual:2026-12-07T20:00:00Z' });
  await waitFor(async () => runs.includes(802), 15_000);
  await waitFor(async () => (await queue.size(QUEUES.reconcile)) === 1, 15_000);
  // A second on-demand run before the follow-up is due shares it.
  await queue.send(QUEUES.reconcile, { portalId: 802, periodKey: 'manual:2026-12-07T20:00:05Z' });
  await waitFor(async () => runs.filter((p) => p === 802).length === 2, 15_000);
  expect(await queue.size(QUEUES.reconcile)).toBe(1);
}, 60_000);
