import { statsFromJSON } from '../../src/domain/stats.js';
import { backfillPortal } from '../../src/sync/backfill.js';
import { readStatsRow } from '../../src/sync/portfolio-cache.js';
import { recomputeCompanies, recomputePortal } from '../../src/sync/recompute.js';
import { saveSettings } from '../../src/sync/settings-store.js';
import { syncObjects } from '../../src/sync/sync-objects.js';
import {
  evaluateDirectly,
  settingsOf,
  startHarness,
  storedEvaluations,
  type Harness,
} from './mirror-harness.js';

/**
 * A full pass runs without the portfolio lock (it can take minutes), so
 * incremental recomputes of changed companies run meanwhile. Such a recompute
 * uses the statistics and ranking cached before the pass and may write after
 * the pass wrote the same rows: the account it evaluated and the places it
 * patched into others. After the pass every stored row must still equal what
 * the engine gives for the portal as it is then, scored against the pass's
 * statistics (the statistics refresh job makes them fresh later).
 */

function wonDeals(h: Harness): { dealId: string; companyId: string; amount: number }[] {
  const out: { dealId: string; companyId: string; amount: number }[] = [];
  for (const d of h.portal.core.store(h.portal.type('deals')).all()) {
    if (d.archived || h.portal.getValue('deals', d, 'hs_is_closed_won') !== 'true') continue;
    const companies = h.portal.associatedIds('deals', d.id, 'companies');
    const closed = Date.parse(h.portal.getValue('deals', d, 'closedate') ?? '');
    const amount = Number(h.portal.getValue('deals', d, 'amount'));
    const recent = closed <= h.clock.now() && closed > h.clock.now() - 300 * 86_400_000;
    if (companies.length === 1 && recent && amount > 0)
      out.push({ dealId: String(d.id), companyId: companies[0], amount });
  }
  return out;
}

describe('a full pass with incremental recomputes running during it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ companies: 40 });
    await backfillPortal(h.deps, h.portalId);
    // No nested full pass from the recomputes (without a queue they would run it themselves).
    await saveSettings(h.store.db, h.portalId, { score: { statsRebuildChangedPct: 90 } });
    await recomputePortal(h.deps, h.portalId);
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it("ends with every row equal to the engine on the portal as it is after the pass (the pass's statistics)", async () => {
    // Low-scored companies first: their growth moves them (and others' places) the most.
    const stored = await storedEvaluations(h);
    const seen = new Set<string>();
    const deals = wonDeals(h)
      .sort(
        (a, b) =>
          (stored.get(a.companyId)?.score.value ?? 0) - (stored.get(b.companyId)?.score.value ?? 0),
      )
      .filter((d) => !seen.has(d.companyId) && seen.add(d.companyId));
    expect(deals.length).toBeGreaterThan(8);
    // Changes the pass picks up that the cached ranking does not know (mirror synced, not recomputed).
    for (const d of deals.slice(3, 8)) {
      h.portal.updateObject('deals', d.dealId, {
        amount: String(d.amount * 25),
        amount_in_home_currency: String(d.amount * 25),
      });
      await syncObjects(h.deps, h.portalId, [{ objectType: 'deals', objectId: d.dealId }]);
    }
    let ran = 0;
    await recomputePortal(h.deps, h.portalId, {
      onProgress: async (p) => {
        // After the pass wrote its rows (one chunk here), before it commits: deals grow a lot.
        if (p.phase !== 'evaluate' || ran > 0) return;
        ran++;
        for (const d of deals.slice(0, 3)) {
          h.portal.updateObject('deals', d.dealId, {
            amount: String(d.amount * 40),
            amount_in_home_currency: String(d.amount * 40),
          });
          const { companyIds } = await syncObjects(h.deps, h.portalId, [
            { objectType: 'deals', objectId: d.dealId },
          ]);
          await recomputeCompanies(h.deps, h.portalId, companyIds);
        }
      },
    });
    expect(ran).toBe(1);

    // Until the statistics refresh, every account is scored against the pass's statistics.
    const row = await readStatsRow(h.store.db, h.portalId);
    const stats = statsFromJSON(row!.stats);
    const want = evaluateDirectly(h.portal, await settingsOf(h), h.deps.now(), stats);
    const have = await storedEvaluations(h);
    const off: string[] = [];
    for (const [id, ev] of want) {
      const got = have.get(id);
      if (!got) off.push(`${id}: missing`);
      else if (
        got.score.value !== ev.score.value ||
        got.rank.pct !== ev.rank.pct ||
        got.rank.position !== ev.rank.position ||
        got.rank.isKeyAccount !== ev.rank.isKeyAccount
      )
        off.push(
          `${id}: score ${got.score.value}/${ev.score.value} pct ${got.rank.pct}/${ev.rank.pct} position ${got.rank.position}/${ev.rank.position}`,
        );
    }
    expect(off).toEqual([]);
  }, 120_000);
});
