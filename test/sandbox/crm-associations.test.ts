import { apiError, HUBSPOT_DEFINED, raw, startCrm, type Crm } from './crm-harness.js';

const USER_DEFINED = 'USER_DEFINED' as never;

describe('sandbox CRM associations v4', () => {
  let crm: Crm;
  let company: string;
  let contact: string;
  beforeEach(async () => {
    crm = await startCrm();
    company = String(crm.portal.createObject('companies', { name: 'Acme' }).id);
    contact = String(crm.portal.createObject('contacts', { email: 'a@acme.com' }).id);
  });
  afterEach(() => crm.close());

  it('associates with a label, lists both directions and removes', async () => {
    const made = await crm.client.crm.associations.v4.basicApi.create(
      'contacts',
      contact,
      'companies',
      company,
      [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 }],
    );
    expect(made).toMatchObject({
      fromObjectTypeId: '0-1',
      toObjectTypeId: '0-2',
      labels: ['Primary'],
    });
    const fromContact = await crm.client.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact,
      'companies',
    );
    expect(
      fromContact.results[0].associationTypes.map((t) => [t.typeId, t.label ?? null]).sort(),
    ).toEqual([
      [1, 'Primary'],
      [279, null],
    ]);
    const fromCompany = await crm.client.crm.associations.v4.basicApi.getPage(
      'companies',
      company,
      'contacts',
    );
    expect(
      fromCompany.results[0].associationTypes.map((t) => t.typeId).sort((a, b) => a - b),
    ).toEqual([2, 280]);
    const v3 = await crm.client.crm.contacts.basicApi.getById(contact, undefined, undefined, [
      'companies',
    ]);
    expect(v3.associations?.companies.results.map((r) => r.type).sort()).toEqual([
      'contact_to_company',
      'contact_to_company_unlabeled',
    ]);

    await crm.client.crm.associations.v4.basicApi.archive(
      'contacts',
      contact,
      'companies',
      company,
    );
    expect(
      (await crm.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies'))
        .results,
    ).toEqual([]);
  });

  it('creates default associations and keeps one primary company', async () => {
    const other = String(crm.portal.createObject('companies', { name: 'Other' }).id);
    const dflt = await crm.client.crm.associations.v4.basicApi.createDefault(
      'contacts',
      contact,
      'companies',
      company,
    );
    expect(dflt.results[0].associationSpec.associationTypeId).toBe(279);
    crm.portal.associate('contacts', contact, 'companies', company, [{ associationTypeId: 1 }]);
    crm.portal.associate('contacts', contact, 'companies', other, [{ associationTypeId: 1 }]);
    const page = await crm.client.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact,
      'companies',
    );
    const primaries = page.results
      .filter((r) => r.associationTypes.some((t) => t.typeId === 1))
      .map((r) => String(r.toObjectId));
    expect(primaries).toEqual([other]);
    expect(page.results).toHaveLength(2);
  });

  it('rejects unknown type ids and missing records', async () => {
    const bad = await apiError(
      crm.client.crm.associations.v4.basicApi.create('contacts', contact, 'companies', company, [
        { associationCategory: HUBSPOT_DEFINED, associationTypeId: 3 },
      ]),
    );
    expect(bad.code).toBe(400);
    const missing = await apiError(
      crm.client.crm.associations.v4.basicApi.createDefault(
        'contacts',
        contact,
        'companies',
        '424242',
      ),
    );
    expect(missing.code).toBe(404);
    expect(missing.body.category).toBe('OBJECT_NOT_FOUND');
  });

  it('batch reads, creates, associates by default and archives', async () => {
    const deals = [0, 1, 2].map((i) =>
      String(crm.portal.createObject('deals', { dealname: `D${i}` }).id),
    );
    const created = await crm.client.crm.associations.v4.batchApi.create('deals', 'companies', {
      inputs: deals.slice(0, 2).map((id) => ({
        _from: { id },
        to: { id: company },
        types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 341 }],
      })),
    });
    expect(created.results).toHaveLength(2);
    await crm.client.crm.associations.v4.batchApi.createDefault('deals', 'companies', {
      inputs: [{ _from: { id: deals[2] }, to: { id: company } }],
    });
    const read = await crm.client.crm.associations.v4.batchApi.getPage('companies', 'deals', {
      inputs: [{ id: company }],
    });
    expect(read.results[0]._from.id).toBe(company);
    expect(read.results[0].to.map((t) => String(t.toObjectId)).sort()).toEqual([...deals].sort());
    expect(read.results[0].to[0].associationTypes[0]).toMatchObject({
      category: 'HUBSPOT_DEFINED',
      typeId: 342,
    });

    await crm.client.crm.associations.v4.batchApi.archive('companies', 'deals', {
      inputs: [{ _from: { id: company }, to: [{ id: deals[0] }] }],
    });
    const after = await crm.client.crm.associations.v4.batchApi.getPage('companies', 'deals', {
      inputs: [{ id: company }, { id: contact }],
    });
    expect(after.results[0].to).toHaveLength(2);
    expect((after as unknown as { numErrors: number }).numErrors).toBe(1);
  });

  it('manages custom labels (both api paths) and uses them', async () => {
    const made = await crm.client.crm.associations.v4.schema.definitionsApi.create(
      'contacts',
      'companies',
      { label: 'Decision maker', name: 'decision_maker' },
    );
    const typeId = made.results[0].typeId;
    expect(made.results[0]).toMatchObject({ category: 'USER_DEFINED', label: 'Decision maker' });
    const all = await crm.client.crm.associations.v4.schema.definitionsApi.getAll(
      'contacts',
      'companies',
    );
    expect(all.results.map((r) => r.typeId)).toEqual(expect.arrayContaining([1, 279, typeId]));
    await crm.client.crm.associations.v4.basicApi.create(
      'contacts',
      contact,
      'companies',
      company,
      [{ associationCategory: USER_DEFINED, associationTypeId: typeId }],
    );
    const v4 = await crm.client.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact,
      'companies',
    );
    expect(v4.results[0].associationTypes.map((t) => t.label)).toContain('Decision maker');
    await crm.client.crm.associations.v4.schema.definitionsApi.update('contacts', 'companies', {
      associationTypeId: typeId,
      label: 'Champion',
    });
    const renamed = await raw(crm, 'GET', '/crm/v4/associations/contacts/companies/labels');
    expect(JSON.stringify(renamed.body)).toContain('Champion');
    await crm.client.crm.associations.v4.schema.definitionsApi.remove(
      'contacts',
      'companies',
      typeId,
    );
    const left = await crm.client.crm.associations.v4.schema.definitionsApi.getAll(
      'contacts',
      'companies',
    );
    expect(left.results.map((r) => r.typeId)).not.toContain(typeId);
    const page = await crm.client.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact,
      'companies',
    );
    expect(page.results[0].associationTypes.map((t) => t.typeId)).toEqual([279]);
  });

  it('keeps association changes visible from v3 create, v4 and counts', async () => {
    await crm.client.crm.associations.v4.basicApi.createDefault(
      'companies',
      company,
      'contacts',
      contact,
    );
    const co = await crm.client.crm.companies.basicApi.getById(company, [
      'num_associated_contacts',
    ]);
    expect(co.properties.num_associated_contacts).toBe('1');
    crm.portal.archiveObject('contacts', contact);
    const after = await crm.client.crm.companies.basicApi.getById(
      company,
      ['num_associated_contacts'],
      undefined,
      ['contacts'],
    );
    expect(after.properties.num_associated_contacts).toBe('0');
    expect(after.associations).toBeUndefined();
  });
});
