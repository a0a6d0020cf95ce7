import { dealNames, ownersOf } from '../../src/card-api/labels.js';
import { backfillPortal } from '../../src/sync/backfill.js';
import { companyValues } from '../../src/sync/property-values.js';
import { saveSyncSettings } from '../../src/sync/sync-settings.js';
import { renderContextFor } from '../../src/sync/write-back.js';
import {
  callsMatching,
  evaluateDirectly,
  exportPortal,
  resetCalls,
  settingsOf,
  startHarness,
  storedEvaluations,
  type Harness,
} from './mirror-harness.js';

async function count(h: Harness, table: string): Promise<number> {
  const { rows } = await h.store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE portal_id = $1`,
    [h.portalId],
  );
  return rows[0].n;
}

describe('backfill of a demo portal through the sandbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ companies: 50 });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('mirrors the portal, evaluates it as the engine does directly, and writes every kam_* value', async () => {
    const phases: string[] = [];
    const result = await backfillPortal(h.deps, h.portalId, {
      onProgress: (p) => {
        if (!phases.includes(p.phase)) phases.push(p.phase);
      },
    });
    expect(phases.slice(0, 6)).toEqual([
      'companies',
      'contacts',
      'deals',
      'meetings',
      'calls',
      'emails',
    ]);
    expect(phases).toContain('evaluate');

    const settings = await settingsOf(h);
    const asOf = h.deps.now();
    const flat = exportPortal(h.portal, settings, asOf);
    expect(await count(h, 'mirror_companies')).toBe(flat.companies.length);
    expect(await count(h, 'mirror_contacts')).toBe(flat.contacts.length);
    expect(await count(h, 'mirror_deals')).toBe(flat.deals.length);
    expect(await count(h, 'mirror_engagements')).toBe(
      flat.meetings.length + flat.calls.length + flat.emails.length,
    );
    expect(flat.companies.length).toBe(50);

    // Names for the cards: every owner, and each deal's name.
    const owners = await ownersOf(h.store.db, h.portalId);
    expect(owners.map((o) => o.id).sort()).toEqual(
      h.portal.owners
        .list()
        .map((o) => o.id)
        .sort(),
    );
    const sample = h.portal.owners.list()[0];
    expect(owners.find((o) => o.id === sample.id)?.name).toBe(
      `${sample.firstName} ${sample.lastName}`,
    );
    const dealIds = flat.deals.slice(0, 5).map((d) => d.id);
    const names = await dealNames(h.store.db, h.portalId, dealIds);
    for (const id of dealIds) {
      const deal = h.portal.getObject('deals', id);
      if (!deal) throw new Error(`deal ${id} missing`);
      expect(names[id]).toBe(h.portal.getValue('deals', deal, 'dealname'));
    }

    const expected = evaluateDirectly(h.portal, settings, asOf);
    const stored = await storedEvaluations(h);
    expect(stored.size).toBe(expected.size);
    for (const [id, ev] of expected) expect(stored.get(id)).toEqual(ev);
    expect(result.recompute?.evaluated).toBe(50);
    expect(result.recompute?.written).toBe(50);

    // Every company carries the values of its evaluation, as HubSpot stores them.
    const ctx = await renderContextFor(h.deps, h.portalId);
    for (const [id, ev] of expected) {
      const record = h.portal.getObject('companies', id);
      if (!record) throw new Error(`company ${id} missing`);
      for (const [name, value] of Object.entries(companyValues(ev, ctx))) {
        const got = h.portal.getValue('companies', record, name) ?? '';
        expect({ id, name, value: got }).toEqual({ id, name, value });
      }
      expect(h.portal.getValue('companies', record, 'kam_last_evaluated_at')).toBe(
        asOf.toISOString(),
      );
    }
  }, 60_000);

  it('reads every object once at 100 per call, and a second backfill run reads nothing again', async () => {
    const settings = await settingsOf(h);
    const flat = exportPortal(h.portal, settings, h.deps.now());
    const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
    const { rows } = await h.store.db.query<{ kind: string; progress: { pages: number } }>(
      `SELECT kind, progress FROM sync_checkpoints WHERE portal_id = $1 AND kind LIKE 'backfill:%'`,
      [h.portalId],
    );
    const pagesOf = Object.fromEntries(rows.map((r) => [r.kind, r.progress.pages]));
    expect(pagesOf['backfill:companies']).toBe(pages(flat.companies.length));
    expect(pagesOf['backfill:contacts']).toBe(pages(flat.contacts.length));
    expect(pagesOf['backfill:deals']).toBe(pages(flat.deals.length));

    resetCalls(h.calls);
    const again = await backfillPortal(h.deps, h.portalId);
    expect(callsMatching(h.calls, /^GET \/crm\/v3\/objects\//)).toBe(0);
    // Same inputs, same day: nothing to write.
    expect(again.recompute?.written).toBe(0);
    expect(callsMatching(h.calls, /batch\/update/)).toBe(0);
  }, 60_000);

  it("takes its calls from a bucket sized by the portal's backfill share", async () => {
    const tokens = async () =>
      (
        await h.store.db.query<{ tokens: number }>(
          `SELECT tokens FROM rate_limit_buckets WHERE portal_id = $1 AND bucket = 'backfill'`,
          [h.portalId],
        )
      ).rows[0]?.tokens ?? null;
    // The default half of the shared bucket's 100 / 10 s: 50 per 10 s, a burst of 5, so a take leaves at most 4.
    const atHalf = await tokens();
    expect(atHalf).not.toBeNull();
    expect(atHalf).toBeLessThanOrEqual(4);
    await expect(saveSyncSettings(h.store.db, h.portalId, { backfillShare: 0.95 })).rejects.toThrow(
      /syncSettings\.backfillShare/,
    );
    await saveSyncSettings(h.store.db, h.portalId, { backfillShare: 0.1 });
    // A tenth: 10 per 10 s, a burst of 1, so a take leaves nothing (or a debt the next caller waits out).
    await backfillPortal(h.deps, h.portalId, { recompute: false });
    expect(await tokens()).toBeLessThanOrEqual(0);
    await saveSyncSettings(h.store.db, h.portalId, { backfillShare: 0.5 });
  }, 60_000);
});
