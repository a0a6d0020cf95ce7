import { dealNames, ownersOf } from '../../src/card-api/labels.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import { backfillPortal } from '../../src/sync/backfill.js';
import { recomputeCompanies } from '../../src/sync/recompute.js';
import { purgeContacts, syncObjects } from '../../src/sync/sync-objects.js';
import {
  callsMatching,
  kamValues,
  resetCalls,
  startHarness,
  storedEvaluations,
  type Harness,
} from './mirror-harness.js';

/** The most recently won deal that has one company (its revenue counts in the sales window). */
function wonDealOf(h: Harness): { dealId: string; companyId: string } {
  let best: { dealId: string; companyId: string; closed: number } | null = null;
  for (const d of h.portal.core.store(h.portal.type('deals')).all()) {
    if (d.archived || h.portal.getValue('deals', d, 'hs_is_closed_won') !== 'true') continue;
    const companies = h.portal.associatedIds('deals', d.id, 'companies');
    const closed = Date.parse(h.portal.getValue('deals', d, 'closedate') ?? '');
    if (companies.length === 1 && closed <= h.clock.now() && (!best || closed > best.closed))
      best = { dealId: String(d.id), companyId: companies[0], closed };
  }
  if (!best) throw new Error('no won deal');
  return best;
}

async function mirrorProps(
  h: Harness,
  table: string,
  id: string,
): Promise<Record<string, string | null>> {
  const { rows } = await h.store.db.query<{ properties: Record<string, string | null> }>(
    `SELECT properties FROM ${table} WHERE portal_id = $1 AND id = $2`,
    [h.portalId, id],
  );
  return rows[0]?.properties ?? {};
}

describe('syncObjects and recomputeCompanies through the sandbox', () => {
  let h: Harness;
  let before: Map<string, Evaluation>;
  beforeAll(async () => {
    h = await startHarness({ companies: 30 });
    await backfillPortal(h.deps, h.portalId);
    before = await storedEvaluations(h);
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('a changed deal updates the mirror, names its company, and only that company is rewritten', async () => {
    const { dealId, companyId } = wonDealOf(h);
    const amount = Number(
      h.portal.getValue('deals', h.portal.getObject('deals', dealId)!, 'amount'),
    );
    h.portal.updateObject('deals', dealId, {
      amount: String(amount * 10),
      amount_in_home_currency: String(amount * 10),
    });

    resetCalls(h.calls);
    const { companyIds } = await syncObjects(h.deps, h.portalId, [
      { objectType: 'deals', objectId: dealId },
    ]);
    expect(companyIds).toEqual([companyId]);
    expect((await mirrorProps(h, 'mirror_deals', dealId)).amount).toBe(String(amount * 10));
    // One batch read of the deal, one v4 read of its companies.
    expect(h.calls.total).toBe(2);

    resetCalls(h.calls);
    const result = await recomputeCompanies(h.deps, h.portalId, companyIds);
    expect(result.evaluated).toBeGreaterThanOrEqual(1);
    expect(result.written).toBeGreaterThanOrEqual(1);
    const after = await storedEvaluations(h);
    const ev = after.get(companyId)!;
    expect(ev.score.trailingRevenue).toBeGreaterThan(before.get(companyId)!.score.trailingRevenue);
    expect(kamValues(h, companyId).kam_score).toBe(String(ev.score.value));
    expect(callsMatching(h.calls, /batch\/update$/)).toBe(1);

    // Same inputs again: skipped, nothing written, no call.
    resetCalls(h.calls);
    const again = await recomputeCompanies(h.deps, h.portalId, companyIds);
    expect(again).toMatchObject({ evaluated: 0, written: 0, skipped: 1 });
    expect(h.calls.total).toBe(0);
  }, 60_000);

  it('a contact moved to another company recomputes both companies', async () => {
    const companies = [...before.keys()];
    const [from, to] = [companies[3], companies[4]];
    const contactId = h.portal.associatedIds('companies', from, 'contacts')[0];
    h.portal.unassociate('contacts', contactId, 'companies', from);
    h.portal.associate('contacts', contactId, 'companies', to);
    const { companyIds } = await syncObjects(h.deps, h.portalId, [
      { objectType: 'contacts', objectId: contactId },
    ]);
    expect(companyIds.sort()).toEqual([from, to].sort());
    const { rows } = await h.store.db.query<{ company_id: string; is_primary: boolean }>(
      'SELECT company_id, is_primary FROM assoc_contact_company WHERE portal_id = $1 AND contact_id = $2',
      [h.portalId, contactId],
    );
    expect(rows.map((r) => r.company_id)).toEqual([to]);
  }, 60_000);

  it('archiving a decision maker raises the red alert on the company', async () => {
    const [companyId, ev] = [...before].find(
      ([id, e]) =>
        e.committee.decisionMakerIds.length === 1 &&
        e.alerts.level !== 'red' &&
        h.portal.getObject('companies', id),
    )!;
    const dm = ev.committee.decisionMakerIds[0];
    h.portal.archiveObject('contacts', dm);
    const { companyIds } = await syncObjects(h.deps, h.portalId, [
      { objectType: 'contacts', objectId: dm, deleted: true },
    ]);
    expect(companyIds).toContain(companyId);
    await recomputeCompanies(h.deps, h.portalId, companyIds);
    const after = (await storedEvaluations(h)).get(companyId)!;
    expect(after.alerts.open.map((a) => a.code)).toContain('decision_maker_left');
    expect(kamValues(h, companyId).kam_alert_level).toBe('red');
  }, 60_000);

  it('an owner change to a new user mirrors that owner (one owners read), renamed deals keep their name', async () => {
    const companyId = [...before.keys()].find((id) => h.portal.getObject('companies', id))!;
    const added = h.portal.owners.add({
      firstName: 'Wen',
      lastName: 'Zhao',
      email: 'wen.zhao@example.com',
    });
    h.portal.updateObject('companies', companyId, { hubspot_owner_id: added.id });
    resetCalls(h.calls);
    await syncObjects(h.deps, h.portalId, [{ objectType: 'companies', objectId: companyId }]);
    expect(callsMatching(h.calls, /owners/)).toBe(2); // active, then archived
    const owners = await ownersOf(h.store.db, h.portalId);
    expect(owners.find((o) => o.id === added.id)?.name).toBe('Wen Zhao');

    // The owner known now: a further change reads no owners.
    resetCalls(h.calls);
    await syncObjects(h.deps, h.portalId, [{ objectType: 'companies', objectId: companyId }]);
    expect(callsMatching(h.calls, /owners/)).toBe(0);

    const { dealId } = wonDealOf(h);
    h.portal.updateObject('deals', dealId, { dealname: 'Renewal 2027' });
    await syncObjects(h.deps, h.portalId, [{ objectType: 'deals', objectId: dealId }]);
    expect(await dealNames(h.store.db, h.portalId, [dealId])).toEqual({
      [dealId]: 'Renewal 2027',
    });
  }, 60_000);

  it('a deleted deal is archived and a missing one counts as deleted', async () => {
    const { dealId, companyId } = wonDealOf(h);
    h.portal.archiveObject('deals', dealId);
    // Named as changed (e.g. a late propertyChange event): HubSpot no longer has it.
    const { companyIds } = await syncObjects(h.deps, h.portalId, [
      { objectType: 'deals', objectId: dealId },
    ]);
    expect(companyIds).toEqual([companyId]);
    const { rows } = await h.store.db.query<{ archived: boolean }>(
      'SELECT archived FROM mirror_deals WHERE portal_id = $1 AND id = $2',
      [h.portalId, dealId],
    );
    expect(rows[0].archived).toBe(true);
  }, 60_000);

  it('a company merge moves the merged company’s records to the survivor and drops it from the portfolio', async () => {
    const ids = [...before.keys()].filter((id) => h.portal.getObject('companies', id));
    const [survivor, merged] = [ids[10], ids[11]];
    const mergedDeals = h.portal.associatedIds('companies', merged, 'deals');
    h.portal.mergeObjects('companies', survivor, merged);
    // As the inbox maps a merge event: the survivor re-read, the merged id deleted.
    const { companyIds } = await syncObjects(h.deps, h.portalId, [
      { objectType: 'companies', objectId: survivor },
      { objectType: 'companies', objectId: merged, deleted: true },
    ]);
    expect(companyIds.sort()).toEqual([survivor, merged].sort());
    const { rows } = await h.store.db.query<{ deal_id: string }>(
      'SELECT deal_id FROM assoc_deal_company WHERE portal_id = $1 AND company_id = $2',
      [h.portalId, survivor],
    );
    for (const d of mergedDeals) expect(rows.map((r) => r.deal_id)).toContain(d);
    const result = await recomputeCompanies(h.deps, h.portalId, companyIds);
    expect(result.removed).toBe(1);
    const after = await storedEvaluations(h);
    expect(after.has(merged)).toBe(false);
    expect(after.get(survivor)!.score.trailingRevenue).toBeGreaterThanOrEqual(
      before.get(survivor)!.score.trailingRevenue,
    );
  }, 60_000);

  it('a privacy deletion forgets the contact everywhere, and the recompute no longer sees it', async () => {
    const [companyId, ev] = [...(await storedEvaluations(h))].find(
      ([, e]) => e.committee.members.length >= 2,
    )!;
    const member = ev.committee.members[0];
    h.portal.gdprDelete('contacts', member.contactId);
    // As the inbox does for a privacyDeletion event.
    const purged = await purgeContacts(h.deps, h.portalId, [member.contactId]);
    const synced = await syncObjects(h.deps, h.portalId, [
      { objectType: 'contacts', objectId: member.contactId, deleted: true },
    ]);
    expect(purged.companyIds).toContain(companyId);
    await recomputeCompanies(h.deps, h.portalId, [...purged.companyIds, ...synced.companyIds]);
    const { rows } = await h.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM evaluations
        WHERE portal_id = $1 AND (evaluation::text LIKE $2 OR state::text LIKE $2 OR written::text LIKE $3)`,
      [h.portalId, `%"${member.contactId}"%`, `%${member.name}%`],
    );
    expect(rows[0].n).toBe(0);
    const mirrored = await h.store.db.query(
      'SELECT 1 FROM mirror_contacts WHERE portal_id = $1 AND id = $2',
      [h.portalId, member.contactId],
    );
    expect(mirrored.rows).toEqual([]);
  }, 60_000);
});
