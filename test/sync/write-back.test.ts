import type { Evaluation } from '../../src/domain/evaluation.js';
import type { ChangeEvent } from '../../src/sandbox/portal/portal-state.js';
import { backfillPortal } from '../../src/sync/backfill.js';
import { companyValues } from '../../src/sync/property-values.js';
import { recomputeCompanies, recomputePortal } from '../../src/sync/recompute.js';
import { saveSettings } from '../../src/sync/settings-store.js';
import { syncObjects } from '../../src/sync/sync-objects.js';
import { renderContextFor, writeBack } from '../../src/sync/write-back.js';
import {
  callsMatching,
  kamValues,
  resetCalls,
  startHarness,
  storedEvaluations,
  type Harness,
} from './mirror-harness.js';

describe('write-back of kam_* properties', () => {
  let h: Harness;
  let evs: Map<string, Evaluation>;
  let events: ChangeEvent[] = [];
  beforeAll(async () => {
    h = await startHarness({ companies: 30 });
    await backfillPortal(h.deps, h.portalId);
    evs = await storedEvaluations(h);
    h.portal.onChange((e) => {
      if (e.changeSource === 'INTEGRATION' && e.kind === 'propertyChange') events.push(e);
    });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('sends only the values that changed, plus the evaluation time', async () => {
    const id = [...evs.keys()].find((c) => evs.get(c)!.health.parts.satisfaction.basis !== 'none')!;
    const ctx = await renderContextFor(h.deps, h.portalId);
    const before = companyValues(evs.get(id)!, ctx);
    h.portal.updateObject('companies', id, { kam_satisfaction: '5' });
    const { companyIds } = await syncObjects(h.deps, h.portalId, [
      { objectType: 'companies', objectId: id },
    ]);
    events = [];
    resetCalls(h.calls);
    h.clock.advance(60_000);
    await recomputeCompanies(h.deps, h.portalId, companyIds);
    const after = companyValues((await storedEvaluations(h)).get(id)!, ctx);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.length).toBeGreaterThan(0);
    const sent = events.filter((e) => e.objectId === id).map((e) => e.propertyName);
    expect(sent.sort()).toEqual([...changed, 'kam_last_evaluated_at'].sort());
    expect(callsMatching(h.calls, /batch\/update$/)).toBe(1);
  }, 60_000);

  it('is safe to repeat: a second write-back makes no call', async () => {
    resetCalls(h.calls);
    const result = await writeBack(h.deps, h.portalId, [...evs.keys()]);
    expect(result).toEqual({ written: 0, failed: [] });
    expect(h.calls.total).toBe(0);
  }, 60_000);

  it('keeps the last real explanation when nothing changed', async () => {
    const id = [...evs.keys()][2];
    const text = kamValues(h, id).kam_score_explanation;
    expect(text).toBeTruthy();
    await recomputeCompanies(h.deps, h.portalId, [id], { force: true });
    expect((await storedEvaluations(h)).get(id)!.summary[0].code).toBe('summary.unchanged');
    expect(kamValues(h, id).kam_score_explanation).toBe(text);
  }, 60_000);

  it('reports companies HubSpot refuses and writes them on a later run', async () => {
    const [gone, kept] = [...evs.keys()].slice(5, 7);
    await h.store.db.query(
      `UPDATE evaluations SET written = written || '{"kam_score":"-1"}'::jsonb
        WHERE portal_id = $1 AND company_id = ANY($2::text[])`,
      [h.portalId, [gone, kept]],
    );
    h.portal.archiveObject('companies', gone);
    const result = await writeBack(h.deps, h.portalId, [gone, kept]);
    expect(result.written).toBe(1);
    expect(result.failed.map((f) => f.id)).toEqual([gone]);
    h.portal.restoreObject('companies', gone);
    const later = await writeBack(h.deps, h.portalId, [gone, kept]);
    expect(later).toEqual({ written: 1, failed: [] });
  }, 60_000);

  it('renders text in the portal language', async () => {
    await saveSettings(h.store.db, h.portalId, { locale: 'zh-CN' });
    await recomputePortal(h.deps, h.portalId);
    const withAlerts = [...(await storedEvaluations(h)).values()].find(
      (e) => e.alerts.open.length > 0,
    )!;
    const values = kamValues(h, withAlerts.accountId);
    expect(values.kam_alert_reasons).toMatch(/[\u4e00-\u9fff]/);
    expect(values.kam_alert_reasons!.length).toBeLessThanOrEqual(65_536);
  }, 60_000);
});
