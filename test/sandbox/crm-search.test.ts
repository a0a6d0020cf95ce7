import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/companies/index.js';
import { apiError, startCrm, type Crm } from './crm-harness.js';

type Filter = {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
};
const req = (filters: Filter[][], extra: Record<string, unknown> = {}) =>
  ({
    filterGroups: filters.map((f) => ({ filters: f })),
    limit: 100,
    after: '0',
    sorts: [],
    properties: ['name'],
    ...extra,
  }) as unknown as PublicObjectSearchRequest;

describe('sandbox CRM search', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
    const rows: Array<[string, string, number, string]> = [
      ['Acme Corp', 'COMPUTER_SOFTWARE', 500, 'acme.com'],
      ['Beta Bank', 'BANKING', 5000, 'beta.example'],
      ['Gamma Soft', 'COMPUTER_SOFTWARE', 50, 'gamma.io'],
      ['Delta', 'RETAIL', 0, ''],
    ];
    for (const [name, industry, n, domain] of rows)
      crm.portal.createObject('companies', { name, industry, numberofemployees: n, domain });
  });
  afterEach(() => crm.close());

  const names = async (body: PublicObjectSearchRequest) =>
    (await crm.client.crm.companies.searchApi.doSearch(body)).results
      .map((r) => r.properties.name)
      .sort();

  it('supports every documented operator', async () => {
    expect(
      await names(
        req([[{ propertyName: 'industry', operator: 'EQ', value: 'COMPUTER_SOFTWARE' }]]),
      ),
    ).toEqual(['Acme Corp', 'Gamma Soft']);
    expect(
      await names(
        req([[{ propertyName: 'industry', operator: 'NEQ', value: 'COMPUTER_SOFTWARE' }]]),
      ),
    ).toEqual(['Beta Bank', 'Delta']);
    expect(
      await names(req([[{ propertyName: 'numberofemployees', operator: 'GT', value: '50' }]])),
    ).toEqual(['Acme Corp', 'Beta Bank']);
    expect(
      await names(req([[{ propertyName: 'numberofemployees', operator: 'GTE', value: '50' }]])),
    ).toEqual(['Acme Corp', 'Beta Bank', 'Gamma Soft']);
    expect(
      await names(req([[{ propertyName: 'numberofemployees', operator: 'LT', value: '500' }]])),
    ).toEqual(['Delta', 'Gamma Soft']);
    expect(
      await names(req([[{ propertyName: 'numberofemployees', operator: 'LTE', value: '500' }]])),
    ).toEqual(['Acme Corp', 'Delta', 'Gamma Soft']);
    expect(
      await names(
        req([
          [
            {
              propertyName: 'numberofemployees',
              operator: 'BETWEEN',
              value: '50',
              highValue: '600',
            },
          ],
        ]),
      ),
    ).toEqual(['Acme Corp', 'Gamma Soft']);
    expect(
      await names(
        req([[{ propertyName: 'industry', operator: 'IN', values: ['BANKING', 'RETAIL'] }]]),
      ),
    ).toEqual(['Beta Bank', 'Delta']);
    expect(
      await names(
        req([[{ propertyName: 'industry', operator: 'NOT_IN', values: ['BANKING', 'RETAIL'] }]]),
      ),
    ).toEqual(['Acme Corp', 'Gamma Soft']);
    expect(await names(req([[{ propertyName: 'domain', operator: 'HAS_PROPERTY' }]]))).toEqual([
      'Acme Corp',
      'Beta Bank',
      'Gamma Soft',
    ]);
    expect(await names(req([[{ propertyName: 'domain', operator: 'NOT_HAS_PROPERTY' }]]))).toEqual([
      'Delta',
    ]);
    expect(
      await names(req([[{ propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'bank' }]])),
    ).toEqual(['Beta Bank']);
    expect(
      await names(req([[{ propertyName: 'domain', operator: 'CONTAINS_TOKEN', value: '*.io' }]])),
    ).toEqual(['Gamma Soft']);
    expect(
      await names(req([[{ propertyName: 'name', operator: 'NOT_CONTAINS_TOKEN', value: 'bank' }]])),
    ).toEqual(['Acme Corp', 'Delta', 'Gamma Soft']);
  });

  it('ORs filter groups, ANDs filters, and compares dates numerically', async () => {
    const body = req([
      [
        { propertyName: 'industry', operator: 'EQ', value: 'COMPUTER_SOFTWARE' },
        { propertyName: 'numberofemployees', operator: 'GT', value: '100' },
      ],
      [{ propertyName: 'industry', operator: 'EQ', value: 'RETAIL' }],
    ]);
    expect(await names(body)).toEqual(['Acme Corp', 'Delta']);
    const since = Date.UTC(2025, 0, 1);
    expect(
      await names(req([[{ propertyName: 'createdate', operator: 'GTE', value: String(since) }]])),
    ).toHaveLength(4);
    expect(
      await names(
        req([[{ propertyName: 'createdate', operator: 'LT', value: '2025-01-01T00:00:00Z' }]]),
      ),
    ).toHaveLength(0);
  });

  it('sorts, pages with offsets and reports the total', async () => {
    const first = await crm.client.crm.companies.searchApi.doSearch(
      req([], {
        sorts: [{ propertyName: 'numberofemployees', direction: 'DESCENDING' }],
        limit: 3,
      }),
    );
    expect(first.total).toBe(4);
    expect(first.results.map((r) => r.properties.name)).toEqual([
      'Beta Bank',
      'Acme Corp',
      'Gamma Soft',
    ]);
    expect(first.paging?.next?.after).toBe('3');
    const second = await crm.client.crm.companies.searchApi.doSearch(
      req([], {
        sorts: [{ propertyName: 'numberofemployees', direction: 'DESCENDING' }],
        limit: 3,
        after: '3',
      }),
    );
    expect(second.results.map((r) => r.properties.name)).toEqual(['Delta']);
    expect(second.paging).toBeUndefined();
  });

  it('sorts by modification time from the modification log, also after the clock went back', async () => {
    crm.clock.advance(60_000);
    crm.portal.createObject('companies', { name: 'Newest' });
    crm.clock.set(Date.UTC(2024, 0, 1));
    crm.portal.createObject('companies', { name: 'Oldest' });
    const bySort = async (direction: string) =>
      (
        await crm.client.crm.companies.searchApi.doSearch(
          req([], { sorts: [{ propertyName: 'hs_lastmodifieddate', direction }] }),
        )
      ).results.map((r) => r.properties.name);
    const asc = await bySort('ASCENDING');
    expect([asc[0], asc[5]]).toEqual(['Oldest', 'Newest']);
    const desc = await bySort('DESCENDING');
    expect([desc[0], desc[5]]).toEqual(['Newest', 'Oldest']);
  });

  it('matches the free-text query on searchable properties', async () => {
    expect(await names(req([], { query: 'gam' }))).toEqual(['Gamma Soft']);
    expect(await names(req([], { query: 'acme.com' }))).toEqual(['Acme Corp']);
  });

  it('filters by association and by hs_lastmodifieddate (incremental sync)', async () => {
    const company = crm.portal.createObject('companies', { name: 'Holder' });
    const deal = crm.portal.createObject('deals', { dealname: 'Linked' });
    crm.portal.createObject('deals', { dealname: 'Other' });
    crm.portal.associate('deals', deal.id, 'companies', company.id);
    const linked = await crm.client.crm.deals.searchApi.doSearch(
      req([[{ propertyName: 'associations.company', operator: 'EQ', value: String(company.id) }]], {
        properties: ['dealname'],
      }),
    );
    expect(linked.results.map((r) => r.properties.dealname)).toEqual(['Linked']);

    crm.clock.advance(3_600_000);
    const mark = crm.clock.now();
    crm.portal.updateObject('deals', deal.id, { amount: 10 });
    const changed = await crm.client.crm.deals.searchApi.doSearch(
      req([[{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(mark) }]], {
        properties: ['dealname'],
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      }),
    );
    expect(changed.results.map((r) => r.properties.dealname)).toEqual(['Linked']);
  });

  it('enforces HubSpot’s limits: groups, filters, page size and the 10,000 window', async () => {
    const f = { propertyName: 'name', operator: 'HAS_PROPERTY' };
    const status = async (body: PublicObjectSearchRequest) =>
      (await apiError(crm.client.crm.companies.searchApi.doSearch(body))).code;
    expect(await status(req(Array.from({ length: 6 }, () => [f])))).toBe(400);
    expect(await status(req([Array.from({ length: 7 }, () => f)]))).toBe(400);
    expect(
      await status(req(Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => f)))),
    ).toBe(400);
    expect(await status(req([], { limit: 201 }))).toBe(400);
    for (let i = 0; i < 10_050; i++)
      crm.portal.createObject('companies', { name: `Bulk ${i}` }, { silent: true });
    const edge = await crm.client.crm.companies.searchApi.doSearch(
      req([], { limit: 200, after: '9800' }),
    );
    expect(edge.total).toBe(10_054);
    expect(edge.results).toHaveLength(200);
    expect(edge.paging?.next?.after).toBe('10000');
    const window = await apiError(
      crm.client.crm.companies.searchApi.doSearch(
        req([], { limit: 200, after: edge.paging?.next?.after }),
      ),
    );
    expect(window.code).toBe(400);
    expect(window.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('is eventually consistent when the portal has an index lag', async () => {
    crm.portal.searchIndexLagMs = 5_000;
    const c = crm.portal.createObject('companies', { name: 'Laggy' });
    const body = req([[{ propertyName: 'name', operator: 'EQ', value: 'Laggy' }]]);
    expect(await names(body)).toEqual([]);
    crm.clock.advance(5_001);
    expect(await names(body)).toEqual(['Laggy']);
    crm.portal.updateObject('companies', c.id, { name: 'Renamed' });
    expect(await names(body)).toEqual(['Laggy']);
    crm.clock.advance(5_001);
    expect(await names(body)).toEqual([]);
  });
});
