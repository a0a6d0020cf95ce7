import { listDeadLetters, replayDeadLetter } from '../../../src/jobs/dead-letters.js';
import { createQueue, type Job, type Queue } from '../../../src/jobs/queue.js';
import { waitFor, type TestStore } from '../../helpers/test-db.js';

/** Fast polling so each test waits well under a few seconds. */
export const fastQueueOptions = {
  deadLetterPollingIntervalSeconds: 0.5,
  cronMonitorIntervalSeconds: 1,
  cronWorkerIntervalSeconds: 1,
  stopTimeoutMs: 5_000,
};
const poll = { pollingIntervalSeconds: 0.5 };

interface Data {
  n?: number;
  companyId?: string;
  portalId?: number;
}

export function queueSuite(getStore: () => TestStore): void {
  describe('job queue (pg-boss 10)', () => {
    let queue: Queue;
    const db = () => getStore().db;

    beforeAll(async () => {
      queue = await createQueue(getStore(), fastQueueOptions);
    }, 60_000);
    afterAll(async () => {
      await queue?.stop();
    }, 30_000);

    test('runs a sent job once with its data', async () => {
      const seen: Job<Data>[] = [];
      await queue.define('t-basic');
      await queue.work<Data>('t-basic', async (jobs) => void seen.push(...jobs), poll);
      const id = await queue.send('t-basic', { n: 1 });
      await waitFor(async () => seen.length === 1);
      expect(seen[0]).toMatchObject({ id, name: 't-basic', data: { n: 1 }, retryCount: 0 });
    });

    test('retries a failing job and keeps it as a dead letter after the last try', async () => {
      let attempts = 0;
      await queue.define('t-fail', { retryLimit: 1, retryDelay: 0 });
      await queue.work<Data>(
        't-fail',
        async () => {
          attempts += 1;
          throw new Error('boom');
        },
        poll,
      );
      const id = await queue.send('t-fail', { portalId: 77, n: 2 });
      const [dead] = await waitFor(async () => {
        const rows = await listDeadLetters(db(), { queue: 't-fail' });
        return rows.length > 0 ? rows : undefined;
      });
      expect(attempts).toBe(2);
      expect(dead).toMatchObject({
        queue: 't-fail',
        portalId: 77,
        data: { portalId: 77, n: 2 },
        replayedAt: null,
      });
      expect(JSON.stringify(dead.error)).toContain('boom');
      const job = await queue.boss.getJobById('t-fail', id as string);
      expect(job?.state).toBe('failed');
    });

    test('a job that fails once and then succeeds is not dead-lettered', async () => {
      let attempts = 0;
      await queue.define('t-flaky', { retryLimit: 2, retryDelay: 0 });
      await queue.work<Data>(
        't-flaky',
        async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('transient');
        },
        poll,
      );
      const id = await queue.send('t-flaky', { n: 3 });
      await waitFor(
        async () => (await queue.boss.getJobById('t-flaky', id as string))?.state === 'completed',
      );
      expect(attempts).toBe(2);
      expect(await listDeadLetters(db(), { queue: 't-flaky' })).toEqual([]);
    });

    test('a dead letter is replayed once', async () => {
      const [dead] = await listDeadLetters(db(), { queue: 't-fail' });
      const newId = await replayDeadLetter(db(), queue, dead.id);
      expect(newId).toEqual(expect.any(String));
      expect(await replayDeadLetter(db(), queue, dead.id)).toBeNull();
      const [after] = await listDeadLetters(db(), { queue: 't-fail', includeReplayed: true });
      expect(after.replayedAt).toBeInstanceOf(Date);
    });

    test('coalesces a burst for one company into one pending job', async () => {
      await queue.define('t-coalesce', { policy: 'short' });
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          queue.send('t-coalesce', { companyId: 'c1', n }, { singletonKey: 'c1' }),
        ),
      );
      expect(burst.filter((id) => id !== null)).toHaveLength(1);
      expect(await queue.send('t-coalesce', { companyId: 'c2' }, { singletonKey: 'c2' })).toEqual(
        expect.any(String),
      );
      expect(await queue.size('t-coalesce')).toBe(2);

      // Once the job runs, a new change queues one more: nothing is missed.
      const [running] = await queue.boss.fetch<Data>('t-coalesce');
      const during = await queue.send(
        't-coalesce',
        { companyId: running.data.companyId },
        { singletonKey: running.data.companyId },
      );
      expect(during).toEqual(expect.any(String));
      expect(
        await queue.send(
          't-coalesce',
          { companyId: running.data.companyId },
          { singletonKey: running.data.companyId },
        ),
      ).toBeNull();
      await queue.boss.complete('t-coalesce', running.id);
    });

    test('sends a burst in one statement, coalescing per key', async () => {
      await queue.define('t-many', { policy: 'short' });
      const burst = Array.from({ length: 100 }, (_, n) => ({
        data: { companyId: `c${n % 10}`, n },
        singletonKey: `c${n % 10}`,
      }));
      await queue.sendMany('t-many', burst);
      expect(await queue.size('t-many')).toBe(10);
      await db().transaction(async (tx) => {
        await queue.sendMany('t-many', [{ data: { companyId: 'c-new' }, singletonKey: 'c-new' }], {
          tx,
        });
      });
      expect(await queue.size('t-many')).toBe(11);
    });

    test('enqueues inside a transaction: only a committed job exists', async () => {
      await queue.define('t-tx');
      const committed = await db().transaction(async (tx) => queue.send('t-tx', { n: 1 }, { tx }));
      let rolledBack: string | null = null;
      await db()
        .transaction(async (tx) => {
          rolledBack = await queue.send('t-tx', { n: 2 }, { tx });
          throw new Error('abort');
        })
        .catch(() => undefined);
      expect(await queue.boss.getJobById('t-tx', committed as string)).toMatchObject({
        data: { n: 1 },
      });
      expect(rolledBack).toEqual(expect.any(String));
      expect(await queue.boss.getJobById('t-tx', rolledBack as unknown as string)).toBeNull();
      expect(await queue.size('t-tx')).toBe(1);
    });

    test('refuses a send inside a transaction without its handle instead of deadlocking', async () => {
      await expect(db().transaction(async () => queue.send('t-tx', { n: 3 }))).rejects.toThrow(
        /\{ tx \}/,
      );
    });

    test('runs cron schedules', async () => {
      const seen: Job<Data>[] = [];
      await queue.work<Data>('t-cron', async (jobs) => void seen.push(...jobs), poll);
      await queue.schedule('t-cron', '* * * * *', { n: 9 });
      await waitFor(async () => seen.length > 0, 15_000);
      expect(seen[0].data).toEqual({ n: 9 });
      await queue.boss.unschedule('t-cron');
    }, 20_000);
  });
}
