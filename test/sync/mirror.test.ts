import { loadAccountRecords } from '../../src/sync/load-accounts.js';
import { mergeRecords, purgeContact, scrubContact } from '../../src/sync/mirror-rekey.js';
import {
  archiveRecords,
  replaceCompanyLinks,
  replaceEngagementContacts,
  upsertRecords,
} from '../../src/sync/mirror-store.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';

const P = 42;

describe('mirror store', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });
  const q = () => store.db;
  const props = async (table: string, id: string) =>
    (
      await q().query<{ properties: Record<string, unknown>; archived: boolean }>(
        `SELECT properties, archived FROM ${table} WHERE portal_id = $1 AND id = $2`,
        [P, id],
      )
    ).rows[0];
  const links = async (table: string, from: string, id: string) =>
    (
      await q().query<{ company_id: string; is_primary: boolean; type_ids: number[] }>(
        `SELECT company_id, is_primary, type_ids FROM ${table} WHERE portal_id = $1 AND ${from} = $2 ORDER BY company_id`,
        [P, id],
      )
    ).rows;

  it('keeps only the properties asked for, and never lets an older read overwrite a newer one', async () => {
    await upsertRecords(
      q(),
      P,
      'companies',
      [
        {
          id: '1',
          properties: { name: 'Acme', hs_object_id: '1', industry: 'RETAIL' },
          updatedAt: '2026-05-02T00:00:00Z',
        },
      ],
      ['name', 'industry'],
    );
    expect((await props('mirror_companies', '1')).properties).toEqual({
      name: 'Acme',
      industry: 'RETAIL',
    });
    const older = await upsertRecords(q(), P, 'companies', [
      { id: '1', properties: { name: 'Old' }, updatedAt: '2026-05-01T00:00:00Z' },
    ]);
    expect(older).toEqual([]);
    expect((await props('mirror_companies', '1')).properties.name).toBe('Acme');
    await upsertRecords(q(), P, 'companies', [
      { id: '1', properties: { name: 'Acme Corp' }, updatedAt: new Date('2026-05-03T00:00:00Z') },
    ]);
    expect((await props('mirror_companies', '1')).properties.name).toBe('Acme Corp');
  });

  it('stores engagements with their time, in ISO or epoch milliseconds', async () => {
    await upsertRecords(q(), P, 'meetings', [
      { id: '500', properties: { hs_timestamp: '2026-03-01T10:00:00Z' } },
      { id: '501', properties: { hs_timestamp: String(Date.parse('2026-03-02T10:00:00Z')) } },
    ]);
    const { rows } = await q().query<{ id: string; engagement_type: string; occurred_at: Date }>(
      'SELECT id, engagement_type, occurred_at FROM mirror_engagements WHERE portal_id = $1 ORDER BY id',
      [P],
    );
    expect(rows.map((r) => [r.id, r.engagement_type, r.occurred_at.toISOString()])).toEqual([
      ['500', 'meeting', '2026-03-01T10:00:00.000Z'],
      ['501', 'meeting', '2026-03-02T10:00:00.000Z'],
    ]);
  });

  it('replaces links and reports the companies linked before and after', async () => {
    await upsertRecords(q(), P, 'contacts', [
      { id: '10', properties: { firstname: 'Ann', lastname: 'Lee' } },
    ]);
    expect(
      await replaceCompanyLinks(
        q(),
        P,
        'contacts',
        ['10'],
        [
          { fromId: '10', companyId: '1', primary: true, typeIds: [1] },
          { fromId: '10', companyId: '1', primary: false, typeIds: [279] },
          { fromId: '10', companyId: '2', primary: false, typeIds: [279] },
        ],
      ),
    ).toEqual(expect.arrayContaining(['1', '2']));
    expect(await links('assoc_contact_company', 'contact_id', '10')).toEqual([
      { company_id: '1', is_primary: true, type_ids: [1, 279] },
      { company_id: '2', is_primary: false, type_ids: [279] },
    ]);
    const affected = await replaceCompanyLinks(
      q(),
      P,
      'contacts',
      ['10'],
      [{ fromId: '10', companyId: '3', primary: true }],
    );
    expect(affected.sort()).toEqual(['1', '2', '3']);
  });

  it('archiving a contact drops its links and names its companies', async () => {
    await upsertRecords(q(), P, 'contacts', [{ id: '11', properties: { firstname: 'Bo' } }]);
    await replaceCompanyLinks(
      q(),
      P,
      'contacts',
      ['11'],
      [{ fromId: '11', companyId: '1', primary: true }],
    );
    await replaceEngagementContacts(q(), P, ['500'], [{ engagementId: '500', contactId: '11' }]);
    expect(await archiveRecords(q(), P, 'contacts', ['11'])).toEqual(['1']);
    expect((await props('mirror_contacts', '11')).archived).toBe(true);
    expect(await links('assoc_contact_company', 'contact_id', '11')).toEqual([]);
    // Restored later: the next read makes it live again.
    await upsertRecords(q(), P, 'contacts', [{ id: '11', properties: { firstname: 'Bo' } }]);
    expect((await props('mirror_contacts', '11')).archived).toBe(false);
  });

  it('a contact merge moves the merged contact’s links to the survivor', async () => {
    await upsertRecords(q(), P, 'contacts', [
      { id: '20', properties: { firstname: 'Cy' } },
      { id: '21', properties: { firstname: 'Cy2' } },
    ]);
    await replaceCompanyLinks(
      q(),
      P,
      'contacts',
      ['20', '21'],
      [
        { fromId: '20', companyId: '1', primary: true },
        { fromId: '21', companyId: '2', primary: true },
      ],
    );
    await replaceEngagementContacts(q(), P, ['501'], [{ engagementId: '501', contactId: '21' }]);
    const r = await mergeRecords(q(), P, 'contacts', '20', ['21']);
    expect(r.companyIds.sort()).toEqual(['1', '2']);
    expect(
      (await links('assoc_contact_company', 'contact_id', '20')).map((l) => l.company_id),
    ).toEqual(['1', '2']);
    expect(await props('mirror_contacts', '21')).toBeUndefined();
    const { rows } = await q().query<{ contact_id: string }>(
      'SELECT contact_id FROM assoc_engagement_contact WHERE portal_id = $1 AND engagement_id = $2',
      [P, '501'],
    );
    expect(rows).toEqual([{ contact_id: '20' }]);
  });

  it('loads an account’s records in id order, primary companies tagged, engagements of the window only', async () => {
    await upsertRecords(q(), P, 'companies', [{ id: '7', properties: { name: 'Seven' } }]);
    await upsertRecords(q(), P, 'deals', [
      { id: '9001', properties: { amount: '5' } },
      { id: '801', properties: { amount: '4' } },
    ]);
    await replaceCompanyLinks(
      q(),
      P,
      'deals',
      ['9001', '801'],
      [
        { fromId: '9001', companyId: '7', primary: true },
        { fromId: '801', companyId: '7', primary: false },
        { fromId: '801', companyId: '1', primary: true },
      ],
    );
    await upsertRecords(q(), P, 'calls', [
      { id: '600', properties: { hs_timestamp: '2026-06-01T00:00:00Z' } },
      { id: '601', properties: { hs_timestamp: '2024-01-01T00:00:00Z' } },
    ]);
    await replaceCompanyLinks(
      q(),
      P,
      'calls',
      ['600', '601'],
      [
        { fromId: '600', companyId: '7', primary: false },
        { fromId: '601', companyId: '7', primary: false },
      ],
    );
    const got = await loadAccountRecords(q(), P, ['7', '999'], {
      engagementsFrom: new Date('2025-06-01T00:00:00Z'),
    });
    expect([...got.keys()]).toEqual(['7']);
    const r = got.get('7')!;
    expect(r.deals.map((d) => [d.id, d.primaryCompanyId])).toEqual([
      ['801', '1'],
      ['9001', '7'],
    ]);
    expect(r.engagements.map((e) => [e.type, e.record.id])).toEqual([['calls', '600']]);
  });

  it('a privacy deletion removes the contact from the mirror, alert evidence and stored evaluations', async () => {
    await upsertRecords(q(), P, 'contacts', [
      { id: '30', properties: { firstname: 'Dana', lastname: 'Quist', email: 'dana@x.test' } },
    ]);
    await replaceCompanyLinks(
      q(),
      P,
      'contacts',
      ['30'],
      [{ fromId: '30', companyId: '7', primary: true }],
    );
    await q().query(
      `INSERT INTO alerts (portal_id, company_id, code, level, root, evidence)
       VALUES ($1, '7', 'decision_maker_left', 'red', 'dm', $2::jsonb)`,
      [
        P,
        JSON.stringify({
          contactIds: ['30', '31'],
          dealIds: [],
          facts: { names: 'Dana Quist, Eve' },
        }),
      ],
    );
    const evaluation = {
      accountId: '7',
      committee: {
        members: [
          { contactId: '30', name: 'Dana Quist' },
          { contactId: '31', name: 'Eve' },
        ],
        decisionMakerIds: ['30'],
      },
      alerts: {
        open: [
          {
            code: 'decision_maker_left',
            params: { names: 'Dana Quist' },
            evidence: { contactIds: ['30'] },
          },
        ],
      },
      state: { evaluatedAt: '2026-01-01T00:00:00Z', decisionMakerIds: ['30'] },
    };
    await q().query(
      `INSERT INTO evaluations (portal_id, company_id, evaluation, state, evaluated_at, input_hash, mapping_warnings, written)
       VALUES ($1, '7', $2::jsonb, $3::jsonb, now(), 'h', $4::jsonb, $5::jsonb)`,
      [
        P,
        JSON.stringify(evaluation),
        JSON.stringify(evaluation.state),
        JSON.stringify([
          {
            objectType: 'contacts',
            objectId: '30',
            property: 'kam_closeness',
            value: '9',
            problem: 'x',
          },
        ]),
        JSON.stringify({ kam_alert_reasons: 'Decision maker Dana Quist left' }),
      ],
    );
    const { companyIds } = await purgeContact(q(), P, '30');
    expect(companyIds).toEqual(['7']);
    expect(await props('mirror_contacts', '30')).toBeUndefined();
    const alert = (
      await q().query<{ evidence: { contactIds: string[]; facts: { names: string } } }>(
        'SELECT evidence FROM alerts WHERE portal_id = $1',
        [P],
      )
    ).rows[0];
    expect(alert.evidence.contactIds).toEqual(['31']);
    expect(alert.evidence.facts.names).not.toContain('Dana');
    const row = (
      await q().query<{
        evaluation: unknown;
        state: unknown;
        mapping_warnings: unknown;
        written: unknown;
      }>(
        'SELECT evaluation, state, mapping_warnings, written FROM evaluations WHERE portal_id = $1 AND company_id = $2',
        [P, '7'],
      )
    ).rows[0];
    const text = JSON.stringify(row);
    expect(text).not.toContain('"30"');
    expect(text).not.toContain('Dana');
    expect(text).toContain('Eve');
  });

  it('scrubs ids, member objects and names from any JSON', () => {
    expect(
      scrubContact(
        { a: ['1', '2'], m: [{ contactId: '1' }, { contactId: '2' }], t: 'Ann met Bo' },
        '1',
        ['Ann'],
      ),
    ).toEqual({ a: ['2'], m: [{ contactId: '2' }], t: '[deleted] met Bo' });
  });
});
