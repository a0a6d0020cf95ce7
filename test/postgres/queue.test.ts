import { createQueue, type Queue } from '../../src/jobs/queue.js';
import { defineQueues } from '../../src/jobs/workers.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, openTestStore, waitFor, type TestStore } from '../helpers/test-db.js';
import { fastQueueOptions, queueSuite } from '../store/suites/queue-suite.js';

// The PGlite queue suite on PostgreSQL, plus two "processes" sharing the queue.
let store: TestStore;
beforeAll(async () => {
  store = await openTestStore({ kind: 'postgres' });
}, 60_000);
afterAll(async () => {
  await store?.close();
}, 30_000);

queueSuite(() => store);

describe('two processes on one queue', () => {
  let a: Queue;
  let b: Queue;
  beforeAll(async () => {
    const sibling = await store.openSibling();
    [a, b] = await Promise.all([
      createQueue(store, fastQueueOptions),
      createQueue(sibling, fastQueueOptions),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  }, 30_000);

  test('each job runs exactly once, whichever process sent it', async () => {
    const done: { by: string; n: number }[] = [];
    const handler = (by: string) => async (jobs: { data: { n: number } }[]) => {
      for (const job of jobs) done.push({ by, n: job.data.n });
      await new Promise((r) => setTimeout(r, 20));
    };
    await a.define('p-shared');
    await a.work('p-shared', handler('a'), { pollingIntervalSeconds: 0.5, batchSize: 5 });
    await b.work('p-shared', handler('b'), { pollingIntervalSeconds: 0.5, batchSize: 5 });
    await Promise.all(
      Array.from({ length: 30 }, (_, n) => (n % 2 === 0 ? a : b).send('p-shared', { n })),
    );
    await waitFor(async () => done.length >= 30, 20_000);
    expect(done.map((d) => d.n).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 30 }, (_, n) => n),
    );
  }, 30_000);

  test('a burst for one company from both processes makes one pending job', async () => {
    await a.define('p-coalesce', { policy: 'short' });
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        (n % 2 === 0 ? a : b).send('p-coalesce', { companyId: 'c9' }, { singletonKey: 'c9' }),
      ),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await b.size('p-coalesce')).toBe(1);
  });
});

test('several processes starting pg-boss and defining every queue at once on a fresh database all come up', async () => {
  const database = await createTestDatabase();
  const stores = await Promise.all(
    [1, 2, 3].map(() =>
      openStore({ database: { kind: 'postgres', url: database.url, poolSize: 2 } }),
    ),
  );
  try {
    const queues = await Promise.all(
      stores.map((s) => createQueue(s, { ...fastQueueOptions, schedule: false, supervise: false })),
    );
    // Each process defines all queues as it starts (partition DDL; once deadlocked).
    await Promise.all(queues.map((q) => defineQueues(q)));
    await queues[0].define('fresh');
    expect(await queues[1].send('fresh', { n: 1 })).toEqual(expect.any(String));
    expect(await queues[2].size('fresh')).toBe(1);
    await Promise.all(queues.map((q) => q.stop()));
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await database.drop();
  }
}, 60_000);
