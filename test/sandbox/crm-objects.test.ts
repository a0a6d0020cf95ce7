import { apiError, HUBSPOT_DEFINED, startCrm, type Crm } from './crm-harness.js';

describe('sandbox CRM objects v3 (basic)', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
  });
  afterEach(() => crm.close());

  it('creates, reads, updates and archives a company with HubSpot-shaped records', async () => {
    const created = await crm.client.crm.companies.basicApi.create({
      properties: { name: 'Acme', industry: 'COMPUTER_SOFTWARE', annualrevenue: '1000000.50' },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties).toMatchObject({
      name: 'Acme',
      industry: 'COMPUTER_SOFTWARE',
      annualrevenue: '1000000.5',
      hs_object_id: created.id,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.properties.createdate).toBe(created.createdAt.toISOString());

    const got = await crm.client.crm.companies.basicApi.getById(created.id, [
      'name',
      'domain',
      'nonexistent',
    ]);
    expect(got.properties.name).toBe('Acme');
    expect(got.properties.domain).toBeNull();
    expect('nonexistent' in got.properties).toBe(false);

    crm.clock.advance(60_000);
    const updated = await crm.client.crm.companies.basicApi.update(created.id, {
      properties: { domain: 'acme.com', name: '' },
    });
    expect(updated.properties.domain).toBe('acme.com');
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    const cleared = await crm.client.crm.companies.basicApi.getById(created.id, [
      'name',
      'hs_lastmodifieddate',
    ]);
    expect(cleared.properties.name).toBeNull();
    expect(cleared.properties.hs_lastmodifieddate).toBe(updated.updatedAt.toISOString());

    await crm.client.crm.companies.basicApi.archive(created.id);
    const gone = await apiError(crm.client.crm.companies.basicApi.getById(created.id));
    expect(gone.code).toBe(404);
    expect(gone.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    const archived = await crm.client.crm.companies.basicApi.getById(
      created.id,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.archived).toBe(true);
    expect(archived.archivedAt).toBeInstanceOf(Date);
  });

  it('returns the type default properties, null when unset', async () => {
    const c = await crm.client.crm.contacts.basicApi.create({
      properties: { email: 'ann@acme.com' },
      associations: [],
    });
    const got = await crm.client.crm.contacts.basicApi.getById(c.id);
    expect(Object.keys(got.properties).sort()).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
    expect(got.properties.firstname).toBeNull();
  });

  it('pages through a list with after cursors and limit ≤ 100', async () => {
    for (let i = 0; i < 25; i++)
      crm.portal.createObject('deals', { dealname: `D${i}`, amount: i * 10 });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await crm.client.crm.deals.basicApi.getPage(10, after, ['dealname']);
      seen.push(...page.results.map((r) => r.properties.dealname ?? ''));
      after = page.paging?.next?.after;
      if (after) expect(page.paging?.next?.link).toContain(`after=${after}`);
    } while (after);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const big = await crm.client.crm.deals.basicApi.getPage(500);
    expect(big.results).toHaveLength(25);
    const dflt = await crm.client.crm.deals.basicApi.getPage();
    expect(dflt.results).toHaveLength(10);
  });

  it('creates with v3 associations that show up in v4 and in the record', async () => {
    const company = await crm.client.crm.companies.basicApi.create({
      properties: { name: 'Acme' },
      associations: [],
    });
    const deal = await crm.client.crm.deals.basicApi.create({
      properties: { dealname: 'Big', dealstage: 'closedwon', amount: '500' },
      associations: [
        {
          to: { id: company.id },
          types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 5 }],
        },
      ],
    });
    const withAssoc = await crm.client.crm.deals.basicApi.getById(
      deal.id,
      ['hs_is_closed_won', 'hs_is_closed', 'pipeline'],
      undefined,
      ['companies'],
    );
    expect(withAssoc.properties).toMatchObject({
      hs_is_closed_won: 'true',
      hs_is_closed: 'true',
      pipeline: 'default',
    });
    const types = withAssoc.associations?.companies.results.map((r) => r.type).sort();
    expect(types).toEqual(['deal_to_company', 'deal_to_company_unlabeled']);
    const v4 = await crm.client.crm.associations.v4.basicApi.getPage(
      'companies',
      company.id,
      'deals',
    );
    expect(v4.results).toHaveLength(1);
    expect(v4.results[0].associationTypes.map((t) => t.typeId).sort((a, b) => a - b)).toEqual([
      6, 342,
    ]);
    const co = await crm.client.crm.companies.basicApi.getById(company.id, [
      'num_associated_deals',
    ]);
    expect(co.properties.num_associated_deals).toBe('1');
  });

  it('handles custom types through the generic objects api and tasks with defaults', async () => {
    const task = await crm.client.crm.objects.basicApi.create('tasks', {
      properties: { hs_task_subject: 'Call Acme', hs_timestamp: '1736931600000' },
      associations: [],
    });
    const got = await crm.client.crm.objects.tasks.basicApi.getById(task.id, [
      'hs_task_status',
      'hs_timestamp',
      'hs_task_subject',
    ]);
    expect(got.properties).toMatchObject({
      hs_task_status: 'NOT_STARTED',
      hs_timestamp: '2025-01-15T09:00:00.000Z',
      hs_task_subject: 'Call Acme',
    });
    const byId = await crm.client.crm.objects.basicApi.getById('0-27', task.id, [
      'hs_task_subject',
    ]);
    expect(byId.properties.hs_task_subject).toBe('Call Acme');
  });

  it('reads and updates by a unique idProperty', async () => {
    const c = await crm.client.crm.contacts.basicApi.create({
      properties: { email: 'bo@acme.com', firstname: 'Bo' },
      associations: [],
    });
    const got = await crm.client.crm.contacts.basicApi.getById(
      'bo@acme.com',
      ['firstname'],
      undefined,
      undefined,
      false,
      'email',
    );
    expect(got.id).toBe(c.id);
    const up = await crm.client.crm.contacts.basicApi.update(
      'bo@acme.com',
      { properties: { lastname: 'B' } },
      'email',
    );
    expect(up.id).toBe(c.id);
    const dup = await apiError(
      crm.client.crm.contacts.basicApi.create({
        properties: { email: 'bo@acme.com' },
        associations: [],
      }),
    );
    expect(dup.code).toBe(409);
    expect(dup.body).toMatchObject({
      category: 'CONFLICT',
      message: `Contact already exists. Existing ID: ${c.id}`,
    });
  });

  it('merges two companies: values, associations and the merged id redirect', async () => {
    const a = crm.portal.createObject('companies', { name: 'Acme' });
    const b = crm.portal.createObject('companies', { name: 'Acme Inc', domain: 'acme.com' });
    const contact = crm.portal.createObject('contacts', { email: 'x@acme.com' });
    crm.portal.associate('contacts', contact.id, 'companies', b.id);
    const merged = await crm.client.crm.companies.basicApi.merge({
      primaryObjectId: String(a.id),
      objectIdToMerge: String(b.id),
    });
    expect(merged.id).toBe(String(a.id));
    const got = await crm.client.crm.companies.basicApi.getById(String(b.id), [
      'name',
      'domain',
      'hs_merged_object_ids',
      'num_associated_contacts',
    ]);
    expect(got.id).toBe(String(a.id));
    expect(got.properties).toMatchObject({
      name: 'Acme',
      domain: 'acme.com',
      hs_merged_object_ids: String(b.id),
      num_associated_contacts: '1',
    });
  });

  it('GDPR-deletes a contact for good', async () => {
    const c = await crm.client.crm.contacts.basicApi.create({
      properties: { email: 'gdpr@acme.com' },
      associations: [],
    });
    const events: string[] = [];
    crm.portal.onChange((e) => events.push(`${e.kind}:${e.objectId}`));
    await crm.client.crm.contacts.basicApi.purge({
      objectId: 'gdpr@acme.com',
      idProperty: 'email',
    });
    expect(events).toContain(`privacyDeletion:${c.id}`);
    expect(
      (
        await apiError(
          crm.client.crm.contacts.basicApi.getById(c.id, undefined, undefined, undefined, true),
        )
      ).code,
    ).toBe(404);
    const again = await crm.client.crm.contacts.basicApi.create({
      properties: { email: 'gdpr@acme.com' },
      associations: [],
    });
    expect(again.id).not.toBe(c.id);
  });
});
