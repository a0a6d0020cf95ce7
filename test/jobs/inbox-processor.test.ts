import type { AppDeps } from '../../src/app/deps.js';
import { processInbox, pruneInbox, retryDelaySeconds } from '../../src/jobs/inbox-processor.js';
import { QUEUES, type SyncOps } from '../../src/jobs/job-names.js';
import { createQueue, type Queue } from '../../src/jobs/queue.js';
import { defineQueues, startWorkers, type RunningWorkers } from '../../src/jobs/workers.js';
import { enqueueWebhookEvents, type InboxEvent } from '../../src/store/webhook-inbox.js';
import type { ObjectRef } from '../../src/webhooks/event-refs.js';
import { openTestStore, waitFor, type TestStore } from '../helpers/test-db.js';
import { testDeps } from '../server/test-deps.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';

// The inbox processor and the workers with a stand-in for BE2's sync functions
// (the whole path with the real ones runs in test/integration).

let store: TestStore;
let queue: Queue;
let deps: AppDeps;

beforeAll(async () => {
  store = await openTestStore();
  queue = await createQueue(store, fastQueueOptions);
  await defineQueues(queue);
  deps = testDeps(store.db, { queue });
}, 60_000);
afterAll(async () => {
  await queue?.stop();
  await store?.close();
}, 30_000);

async function install(portalId: number, state = 'installed'): Promise<void> {
  await store.db.query(
    `INSERT INTO portals (portal_id, install_state, installed_at) VALUES ($1, $2, now())
     ON CONFLICT (portal_id) DO UPDATE SET install_state = $2`,
    [portalId, state],
  );
}

let nextId = 1;
function dealChange(portalId: number, dealId: number): InboxEvent {
  const eventId = nextId++;
  const payload = {
    eventId,
    portalId,
    occurredAt: 1_767_225_600_000 + eventId,
    subscriptionType: 'object.propertyChange',
    objectTypeId: '0-3',
    objectId: dealId,
    propertyName: 'amount',
    propertyValue: String(eventId),
  };
  return { ...payload, subscriptionType: payload.subscriptionType, payload };
}

/** A stand-in syncObjects: every deal belongs to company `C<portal>`. */
function standIn(calls: ObjectRef[][], fail = false): SyncOps {
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    async syncObjects(_deps, portalId, refs) {
      calls.push(refs);
      if (fail) throw new Error('HubSpot unavailable');
      return { companyIds: refs.map(() => `C${portalId}`) };
    },
    recomputeCompanies: unused,
    recomputePortal: unused,
    backfillPortal: unused,
    reconcilePortal: unused,
  };
}

async function statuses(portalId: number): Promise<Record<string, number>> {
  const { rows } = await store.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM webhook_inbox WHERE portal_id = $1 GROUP BY status',
    [portalId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe('inbox processor', () => {
  test('1,000 events to one company become one recompute job', async () => {
    await install(701);
    const events = Array.from({ length: 1000 }, (_, i) => dealChange(701, 5000 + (i % 40)));
    await enqueueWebhookEvents(store.db, events);
    const calls: ObjectRef[][] = [];
    const result = await processInbox(deps, standIn(calls), { portalId: 701, batchSize: 400 });
    expect(result).toMatchObject({ claimed: 1000, done: 1000, failed: 0 });
    // One syncObjects call per claimed batch, each with the 40 distinct deals once.
    expect(calls.map((c) => c.length)).toEqual([40, 40, 40]);
    expect(await statuses(701)).toEqual({ done: 1000 });
    expect(await queue.size(QUEUES.recomputeCompany)).toBe(1);
  });

  test('a failing sync leaves the rows failed with a later next attempt, then they succeed', async () => {
    await install(702);
    await enqueueWebhookEvents(store.db, [dealChange(702, 1), dealChange(702, 2)]);
    const calls: ObjectRef[][] = [];
    const failed = await processInbox(deps, standIn(calls, true), { portalId: 702 });
    expect(failed).toMatchObject({ claimed: 2, failed: 2 });
    const { rows } = await store.db.query<{
      status: string;
      attempts: number;
      last_error: string;
      due_in: number;
    }>(
      `SELECT status, attempts, last_error, extract(epoch FROM next_attempt_at - now())::float AS due_in
         FROM webhook_inbox WHERE portal_id = 702`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'failed', attempts: 1, last_error: 'HubSpot unavailable' });
      expect(r.due_in).toBeGreaterThan(0);
    }
    // Not due yet: nothing is claimed, nothing dropped.
    expect((await processInbox(deps, standIn(calls), { portalId: 702 })).claimed).toBe(0);
    await store.db.query('UPDATE webhook_inbox SET next_attempt_at = now() WHERE portal_id = 702');
    expect(await processInbox(deps, standIn(calls), { portalId: 702 })).toMatchObject({ done: 2 });
    expect(await statuses(702)).toEqual({ done: 2 });
    expect(retryDelaySeconds(1)).toBe(5);
    expect(retryDelaySeconds(3)).toBe(20);
    expect(retryDelaySeconds(30)).toBe(3600);
  });

  test('events of unknown or uninstalled portals are ignored, not retried', async () => {
    await install(704, 'uninstalled');
    await enqueueWebhookEvents(store.db, [dealChange(703, 1), dealChange(704, 1)]);
    const calls: ObjectRef[][] = [];
    await processInbox(deps, standIn(calls));
    expect(calls.filter((c) => c.some((r) => r.objectId === '1'))).toHaveLength(0);
    expect(await statuses(703)).toEqual({ ignored: 1 });
    expect(await statuses(704)).toEqual({ ignored: 1 });
  });

  test('rows left processing by a dead worker are claimed again after the lease', async () => {
    await install(705);
    await enqueueWebhookEvents(store.db, [dealChange(705, 1)]);
    await store.db.query(
      "UPDATE webhook_inbox SET status = 'processing', attempts = 1, next_attempt_at = now() - interval '1 second' WHERE portal_id = 705",
    );
    expect(await processInbox(deps, standIn([]), { portalId: 705 })).toMatchObject({ done: 1 });
  });

  test('processed rows are pruned after 7 days; failed and recent rows stay', async () => {
    await install(709);
    await enqueueWebhookEvents(
      store.db,
      [1, 2, 3, 4].map((id) => dealChange(709, id)),
    );
    await processInbox(deps, standIn([]), { portalId: 709 });
    // Age three rows: two processed (done, ignored) and one that is failing still.
    await store.db.query(
      `UPDATE webhook_inbox SET processed_at = now() - interval '8 days',
              status = CASE object_id WHEN '2' THEN 'ignored' WHEN '3' THEN 'failed' ELSE status END
        WHERE portal_id = 709 AND object_id IN ('1', '2', '3')`,
    );
    expect(await pruneInbox(store.db)).toBe(2);
    expect(await statuses(709)).toEqual({ done: 1, failed: 1 });
  });

  test('the lease is configurable: a claimed row is not taken again inside it, and is after it', async () => {
    await install(708);
    await enqueueWebhookEvents(store.db, [dealChange(708, 1)]);
    // A worker claims the row and dies before finishing (the sync never returns).
    const stuck = new Promise<never>(() => undefined);
    void processInbox(
      deps,
      { ...standIn([]), syncObjects: () => stuck },
      { portalId: 708, leaseSeconds: 1 },
    );
    await waitFor(async () => {
      const { rows } = await store.db.query<{ status: string }>(
        'SELECT status FROM webhook_inbox WHERE portal_id = 708',
      );
      return rows[0]?.status === 'processing';
    });
    // Inside the lease another worker leaves it alone; after one second it takes it.
    expect(await processInbox(deps, standIn([]), { portalId: 708, leaseSeconds: 1 })).toMatchObject(
      { claimed: 0 },
    );
    await new Promise((r) => setTimeout(r, 1100));
    expect(await processInbox(deps, standIn([]), { portalId: 708, leaseSeconds: 1 })).toMatchObject(
      { claimed: 1, done: 1 },
    );
  });
});

describe('workers', () => {
  let workers: RunningWorkers;
  const recomputed: { portalId: number; ids: string[] }[] = [];
  afterAll(async () => {
    await workers?.stop();
  });

  test('a process-inbox job syncs and a batch of recompute jobs is one call per portal', async () => {
    await install(706);
    await install(707);
    const ops: SyncOps = {
      ...standIn([]),
      async syncObjects(_deps, portalId, refs) {
        return { companyIds: refs.map((r) => `C${portalId}-${r.objectId}`) };
      },
      async recomputeCompanies(_deps, portalId, ids) {
        recomputed.push({ portalId, ids: [...ids].sort() });
        return { evaluated: ids.length, written: ids.length, keyChanges: 0 };
      },
    };
    // Rows stored before the workers start, so the first sweep takes all of them.
    await enqueueWebhookEvents(store.db, [
      dealChange(706, 1),
      dealChange(706, 2),
      dealChange(707, 3),
    ]);
    workers = await startWorkers(deps, ops, { pollingIntervalSeconds: 0.5, sweepIntervalMs: 0 });
    await queue.send(QUEUES.processInbox, {}, { singletonKey: 'inbox:all' });
    // Earlier tests left recompute jobs of their portals queued: look at these two only.
    const mine = () => recomputed.filter((r) => r.portalId === 706 || r.portalId === 707);
    await waitFor(async () => mine().length >= 2, 15_000);
    expect(mine().sort((a, b) => a.portalId - b.portalId)).toEqual([
      { portalId: 706, ids: ['C706-1', 'C706-2'] },
      { portalId: 707, ids: ['C707-3'] },
    ]);
    expect(await statuses(706)).toEqual({ done: 2 });
  }, 30_000);
});
