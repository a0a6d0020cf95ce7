import { backfillPortal } from '../../src/sync/backfill.js';
import {
  clearPortfolioCache,
  loadPortfolio,
  rankingFromRows,
} from '../../src/sync/portfolio-cache.js';
import { recomputeCompanies, recomputePortal } from '../../src/sync/recompute.js';
import { getSettingsRecord, saveSettings } from '../../src/sync/settings-store.js';
import { syncObjects } from '../../src/sync/sync-objects.js';
import {
  callsMatching,
  resetCalls,
  startHarness,
  storedEvaluations,
  type Harness,
} from './mirror-harness.js';

async function rankRows(
  h: Harness,
): Promise<Map<string, { rank: number; pct: number; key: boolean }>> {
  const { rows } = await h.store.db.query<{
    company_id: string;
    rank: number;
    rank_pct: number;
    is_key: boolean;
  }>('SELECT company_id, rank, rank_pct, is_key FROM evaluations WHERE portal_id = $1', [
    h.portalId,
  ]);
  return new Map(rows.map((r) => [r.company_id, { rank: r.rank, pct: r.rank_pct, key: r.is_key }]));
}

describe('recompute: incremental and full', () => {
  let h: Harness;
  let ids: string[];
  beforeAll(async () => {
    h = await startHarness({ companies: 40 });
    await backfillPortal(h.deps, h.portalId);
    ids = [...(await storedEvaluations(h)).keys()];
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('re-evaluating every company incrementally equals a full pass over an unchanged portfolio', async () => {
    const incremental = await recomputeCompanies(h.deps, h.portalId, ids, { force: true });
    expect(incremental.evaluated).toBe(ids.length);
    expect(incremental.written).toBe(0);
    const afterIncremental = await storedEvaluations(h);
    resetCalls(h.calls);
    const full = await recomputePortal(h.deps, h.portalId);
    expect(full.evaluated).toBe(ids.length);
    expect(full.written).toBe(0);
    expect(h.calls.total).toBe(0);
    const afterFull = await storedEvaluations(h);
    for (const id of ids) expect(afterIncremental.get(id)).toEqual(afterFull.get(id));
  }, 60_000);

  it('keeps the cached ranking equal to the one stored in the rows, whichever worker moved it', async () => {
    // A big change to one account moves many others' rank percentiles.
    const target = ids[ids.length - 1];
    h.portal.updateObject('companies', target, {
      kam_potential_rating: '5',
      kam_reference_rating: '5',
      kam_winnability_rating: '5',
    });
    const other = ids[0];
    h.portal.updateObject('companies', other, {
      kam_potential_rating: '1',
      kam_reference_rating: '1',
    });
    await syncObjects(h.deps, h.portalId, [
      { objectType: 'companies', objectId: target },
      { objectType: 'companies', objectId: other },
    ]);
    // Two workers at once, each with its own company.
    const [a, b] = await Promise.all([
      recomputeCompanies(h.deps, h.portalId, [target]),
      recomputeCompanies(h.deps, h.portalId, [other]),
    ]);
    expect(a.evaluated + b.evaluated).toBe(2);

    const { settings, version } = await getSettingsRecord(h.store.db, h.portalId);
    const cached = await loadPortfolio(h.store.db, h.portalId, settings, version);
    const fromRows = await rankingFromRows(h.store.db, h.portalId, settings);
    const rows = await rankRows(h);
    for (const e of fromRows.entries()) {
      const c = cached!.index.ranking.get(e.id)!;
      expect(cached!.index.ranking.placeOf(c)).toEqual({
        position: e.position,
        of: e.of,
        pct: e.pct,
      });
      expect(rows.get(e.id)).toEqual({ rank: e.position, pct: e.pct, key: e.isKey });
    }
    // The evaluation JSON agrees with its row.
    const stored = await storedEvaluations(h);
    for (const [id, r] of rows) {
      expect(stored.get(id)!.rank.pct).toBe(r.pct);
      expect(stored.get(id)!.rank.isKeyAccount).toBe(r.key);
    }
    // A process that starts cold rebuilds the same index from the rows.
    clearPortfolioCache();
    const cold = await loadPortfolio(h.store.db, h.portalId, settings, version);
    expect([...cold!.index.ranking.entries()]).toEqual([...cached!.index.ranking.entries()]);
  }, 60_000);

  it('a new day re-evaluates unchanged inputs; the same day skips them', async () => {
    const sameDay = await recomputeCompanies(h.deps, h.portalId, ids.slice(0, 5));
    expect(sameDay).toMatchObject({ evaluated: 0, skipped: 5 });
    h.clock.advance(86_400_000);
    const nextDay = await recomputeCompanies(h.deps, h.portalId, ids.slice(0, 5));
    expect(nextDay.evaluated).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('after a settings change the next recompute is a full pass with the new settings', async () => {
    await saveSettings(h.store.db, h.portalId, { score: { keyAccountSharePct: 50 } });
    resetCalls(h.calls);
    const result = await recomputeCompanies(h.deps, h.portalId, [ids[0]]);
    expect(result.evaluated).toBe(ids.length - 0);
    const keys = [...(await rankRows(h)).values()].filter((r) => r.key).length;
    expect(keys).toBeGreaterThanOrEqual(Math.floor(ids.length * 0.4));
    expect(callsMatching(h.calls, /batch\/update$/)).toBeGreaterThan(0);
  }, 60_000);
});
