import { baseSyncOps, defaultSyncOps } from '../../src/app/compose.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import { settleSweep } from '../../src/jobs/settle-sweep.js';
import { companyValues } from '../../src/sync/property-values.js';
import { syncObjects } from '../../src/sync/sync-objects.js';
import { renderContextFor, writeBack } from '../../src/sync/write-back.js';
import { kamValues, startHarness, storedEvaluations, type Harness } from './mirror-harness.js';

/**
 * The write-back and the alert sync run after an evaluation commits. A job
 * that dies in between (kill -9, HubSpot down past the retries) must not
 * leave HubSpot behind for good: its retry finds the inputs unchanged and
 * skips the evaluation, so the follow-up is recorded per row
 * (`settled_revision`) and done by the next settle — the job's own retry, any
 * later recompute, or the workers' sweep.
 */

describe('settling stored evaluations (write-back and alerts after a failure)', () => {
  let h: Harness;
  const ops = defaultSyncOps();

  beforeAll(async () => {
    h = await startHarness({ companies: 30 });
    await ops.backfillPortal(h.deps, h.portalId);
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  async function pending(): Promise<string[]> {
    const { rows } = await h.store.db.query<{ company_id: string }>(
      `SELECT company_id FROM evaluations WHERE portal_id = $1 AND settled_revision < revision`,
      [h.portalId],
    );
    return rows.map((r) => r.company_id);
  }

  /** kam_* values in HubSpot that differ from what the stored evaluation says. */
  async function behind(id: string): Promise<string[]> {
    const ev = (await storedEvaluations(h)).get(id)!;
    const want = companyValues(ev, await renderContextFor(h.deps, h.portalId));
    const have = kamValues(h, id);
    // HubSpot keeps numbers in its own notation ("12.50" reads back "12.5").
    const same = (a = '', b = '') => a === b || (a !== '' && Number(a) === Number(b));
    return Object.keys(want)
      .filter((k) => k in have && k !== 'kam_last_evaluated_at')
      .filter((k) => !same(have[k] ?? '', want[k]));
  }

  async function change(id: string, properties: Record<string, string>): Promise<void> {
    h.portal.updateObject('companies', id, properties);
    await syncObjects(h.deps, h.portalId, [{ objectType: 'companies', objectId: id }]);
    h.clock.advance(60_000);
  }

  /** Key accounts without open alerts (a low satisfaction opens one). */
  const calmKeyAccounts = async (): Promise<Evaluation[]> =>
    [...(await storedEvaluations(h)).values()].filter(
      (e) => e.rank.isKeyAccount && e.alerts.open.length === 0,
    );
  const firstCalm = async () => {
    const found = (await calmKeyAccounts())[0];
    if (!found) throw new Error('the demo portal has no key account without open alerts');
    return found.accountId;
  };

  it('after the backfill nothing is due', async () => {
    expect(await pending()).toEqual([]);
  });

  it('HubSpot refusing the write-back past the retries: the retry of the job writes it, though it skips the evaluation', async () => {
    const calm = await firstCalm();
    const id = [...(await storedEvaluations(h)).values()].find(
      (e) => e.rank.isKeyAccount && e.accountId !== calm,
    )!.accountId;
    await change(id, { kam_satisfaction: '1' });
    const fault = h.sb.runtime.faults.add({
      method: 'POST',
      path: '/crm/v3/objects/companies/batch/update',
      action: { kind: 'status', status: 500 },
    });
    try {
      await expect(ops.recomputeCompanies(h.deps, h.portalId, [id])).rejects.toThrow();
    } finally {
      h.sb.runtime.faults.remove(fault.id);
    }
    expect(await pending()).toContain(id);
    expect((await behind(id)).length).toBeGreaterThan(0);

    const retry = await ops.recomputeCompanies(h.deps, h.portalId, [id]);
    expect(retry.evaluated).toBe(0);
    expect(await behind(id)).toEqual([]);
    expect(await pending()).toEqual([]);
  }, 120_000);

  it('a job that died after its commit (no write-back, no alert sync): the sweep settles both', async () => {
    const id = await firstCalm();
    await change(id, { kam_satisfaction: '1' });
    // The evaluation commits; the alert sync that would follow never runs.
    await baseSyncOps().recomputeCompanies(h.deps, h.portalId, [id]);
    await h.store.db.query(
      `UPDATE evaluations SET written = '{}'::jsonb WHERE portal_id = $1 AND company_id = $2`,
      [h.portalId, id],
    );
    const opened = (await storedEvaluations(h)).get(id)!.alerts.open.map((a) => a.code);
    expect(opened.length).toBeGreaterThan(0);
    const episodes = async () =>
      (
        await h.store.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM alert_episodes
            WHERE portal_id = $1 AND company_id = $2 AND closed_at IS NULL`,
          [h.portalId, id],
        )
      ).rows[0].n;
    const before = await episodes();
    expect(await pending()).toContain(id);

    const result = await ops.settlePortal!(h.deps, h.portalId, {});
    expect(result.settled).toBeGreaterThan(0);
    expect(await pending()).toEqual([]);
    expect(await behind(id)).toEqual([]);
    expect(await episodes()).toBeGreaterThan(before);

    // Settling again finds nothing and calls nothing.
    expect(await ops.settlePortal!(h.deps, h.portalId, {})).toMatchObject({ settled: 0 });
  }, 120_000);

  it("the workers' sweep settles rows still due one tick later, up to that tick's revision", async () => {
    const id = [...(await storedEvaluations(h)).values()].find(
      (e) => !e.rank.isKeyAccount,
    )!.accountId;
    await change(id, { kam_satisfaction: '2' });
    await baseSyncOps().recomputeCompanies(h.deps, h.portalId, [id]);
    expect(await pending()).toContain(id);
    const sweep = settleSweep(h.deps, ops, 0);
    await sweep.tick(); // notes what is due
    expect(await pending()).toContain(id);
    await sweep.tick(); // settles it
    expect(await pending()).toEqual([]);
  }, 120_000);

  it('values in flight are not counted as written: a write that dies mid-request is sent again by the next settle', async () => {
    const id = [...(await storedEvaluations(h)).values()].find(
      (e) => e.rank.isKeyAccount,
    )!.accountId;
    await change(id, { kam_satisfaction: '4' });
    await baseSyncOps().recomputeCompanies(h.deps, h.portalId, [id]); // evaluated, written, not settled
    await ops.settlePortal!(h.deps, h.portalId, {});
    expect(await pending()).toEqual([]);
    // The next write of this row dies mid-request (HubSpot may or may not have applied it).
    await h.store.db.query(
      `UPDATE evaluations SET written = written || '{"kam_health":"-1"}'::jsonb
        WHERE portal_id = $1 AND company_id = $2`,
      [h.portalId, id],
    );
    const fault = h.sb.runtime.faults.add({
      method: 'POST',
      path: '/crm/v3/objects/companies/batch/update',
      action: { kind: 'status', status: 500 },
    });
    try {
      await expect(writeBack(h.deps, h.portalId, [id])).rejects.toThrow();
    } finally {
      h.sb.runtime.faults.remove(fault.id);
    }
    const { rows } = await h.store.db.query<{ written: Record<string, string> }>(
      'SELECT written FROM evaluations WHERE portal_id = $1 AND company_id = $2',
      [h.portalId, id],
    );
    expect(rows[0].written).not.toHaveProperty('kam_health');
    expect(await pending()).toContain(id);
    await ops.settlePortal!(h.deps, h.portalId, {});
    expect(await pending()).toEqual([]);
    expect(await behind(id)).toEqual([]);
  }, 120_000);
});
