import { claimJobRun, runOnce } from '../../../src/store/job-runs.js';
import type { TestStore } from '../../helpers/test-db.js';

export function jobRunsSuite(getStore: () => TestStore): void {
  describe('job runs', () => {
    const db = () => getStore().db;

    test('a schedule runs once per period, however often it fires', async () => {
      let runs = 0;
      const fire = () => runOnce(db(), 'nightly', '2026-03-14', async () => ++runs);
      const results = await Promise.all([fire(), fire(), fire()]);
      expect(runs).toBe(1);
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      expect(await fire()).toEqual({ ran: false });
      expect((await runOnce(db(), 'nightly', '2026-03-15', async () => 'next')).ran).toBe(true);
    });

    test('a failed run may run again; a running one only once it is stale', async () => {
      await expect(
        runOnce(db(), 'reconcile', 'p1', async () => {
          throw new Error('HubSpot down');
        }),
      ).rejects.toThrow('HubSpot down');
      const { rows } = await db().query<{ status: string; detail: unknown }>(
        `SELECT status, detail FROM job_runs WHERE schedule_name = 'reconcile'`,
      );
      expect(rows).toEqual([{ status: 'failed', detail: { error: 'HubSpot down' } }]);
      expect(await claimJobRun(db(), 'reconcile', 'p1')).toBe(true);
      expect(await claimJobRun(db(), 'reconcile', 'p1')).toBe(false);
      expect(await claimJobRun(db(), 'reconcile', 'p1', { staleAfterMs: 0 })).toBe(true);
    });
  });
}
