import { apiError, startCrm, type Crm } from './crm-harness.js';

const enumType = 'enumeration' as never;
const select = 'select' as never;
const checkbox = 'checkbox' as never;

describe('sandbox CRM properties v3', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
  });
  afterEach(() => crm.close());

  it('lists HubSpot’s default properties with their options', async () => {
    const all = await crm.client.crm.properties.coreApi.getAll('companies');
    const names = all.results.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'name',
        'domain',
        'industry',
        'annualrevenue',
        'numberofemployees',
        'hubspot_owner_id',
        'lifecyclestage',
      ]),
    );
    const industry = await crm.client.crm.properties.coreApi.getByName('companies', 'industry');
    expect(industry).toMatchObject({
      type: 'enumeration',
      fieldType: 'select',
      hubspotDefined: true,
    });
    expect(industry.options.map((o) => o.value)).toEqual(
      expect.arrayContaining(['COMPUTER_SOFTWARE', 'BANKING', 'RETAIL']),
    );
    const deal = await crm.client.crm.properties.coreApi.getAll('deals');
    expect(deal.results.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'dealname',
        'amount',
        'amount_in_home_currency',
        'closedate',
        'dealstage',
        'pipeline',
        'hs_is_closed_won',
        'hs_is_closed',
      ]),
    );
    const tasks = await crm.client.crm.properties.coreApi.getAll('tasks');
    expect(tasks.results.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'hs_timestamp',
        'hs_task_subject',
        'hs_task_body',
        'hs_task_status',
        'hs_task_priority',
        'hs_task_type',
      ]),
    );
    const contacts = await crm.client.crm.properties.coreApi.getByName(
      'contacts',
      'hs_buying_role',
    );
    expect(contacts.fieldType).toBe('checkbox');
  });

  it('creates, updates and archives a custom property in a new group', async () => {
    const group = await crm.client.crm.properties.groupsApi.create('companies', {
      name: 'kam',
      label: 'Key accounts',
      displayOrder: 1,
    });
    expect(group).toMatchObject({ name: 'kam', label: 'Key accounts', archived: false });
    const created = await crm.client.crm.properties.coreApi.create('companies', {
      name: 'kam_tier',
      label: 'Tier',
      type: enumType,
      fieldType: select,
      groupName: 'kam',
      options: [
        { label: 'Strategic', value: 'strategic', hidden: false, displayOrder: 0 },
        { label: 'Ordinary', value: 'ordinary', hidden: false, displayOrder: 1 },
      ],
    });
    expect(created).toMatchObject({ name: 'kam_tier', hubspotDefined: false, groupName: 'kam' });
    expect(created.createdAt).toBeInstanceOf(Date);
    const dup = await apiError(
      crm.client.crm.properties.coreApi.create('companies', {
        name: 'kam_tier',
        label: 'x',
        type: 'string' as never,
        fieldType: 'text' as never,
        groupName: 'kam',
      }),
    );
    expect(dup.code).toBe(409);

    const company = crm.portal.createObject('companies', { name: 'Acme' });
    await crm.client.crm.companies.basicApi.update(String(company.id), {
      properties: { kam_tier: 'strategic' },
    });
    const bad = await apiError(
      crm.client.crm.companies.basicApi.update(String(company.id), {
        properties: { kam_tier: 'gold' },
      }),
    );
    expect(bad.code).toBe(400);
    expect(bad.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect(
      (bad.body.errors as Array<{ code: string; context: Record<string, string[]> }>)[0],
    ).toMatchObject({
      code: 'INVALID_OPTION',
      context: { propertyName: ['kam_tier'], allowedValues: ['strategic', 'ordinary'] },
    });

    const updated = await crm.client.crm.properties.coreApi.update('companies', 'kam_tier', {
      label: 'KAM tier',
    });
    expect(updated.label).toBe('KAM tier');
    await crm.client.crm.properties.coreApi.archive('companies', 'kam_tier');
    expect(
      (await apiError(crm.client.crm.properties.coreApi.getByName('companies', 'kam_tier'))).code,
    ).toBe(404);
    const gone = await apiError(
      crm.client.crm.companies.basicApi.update(String(company.id), {
        properties: { kam_tier: 'strategic' },
      }),
    );
    expect(String(gone.body.message)).toContain('PROPERTY_DOESNT_EXIST');
    expect(
      (await apiError(crm.client.crm.properties.coreApi.archive('companies', 'name'))).code,
    ).toBe(400);

    const groups = await crm.client.crm.properties.groupsApi.getAll('companies');
    expect(groups.results.map((g) => g.name)).toContain('kam');
    await crm.client.crm.properties.groupsApi.update('companies', 'kam', { label: 'KAM' });
    expect((await crm.client.crm.properties.groupsApi.getByName('companies', 'kam')).label).toBe(
      'KAM',
    );
    await crm.client.crm.properties.groupsApi.archive('companies', 'kam');
    expect(
      (await apiError(crm.client.crm.properties.groupsApi.getByName('companies', 'kam'))).code,
    ).toBe(404);
  });

  it('batch-creates, reads and archives properties', async () => {
    const made = await crm.client.crm.properties.batchApi.create('deals', {
      inputs: [
        {
          name: 'kam_margin',
          label: 'Margin',
          type: 'number' as never,
          fieldType: 'number' as never,
          groupName: 'dealinformation',
        },
        {
          name: 'kam_flags',
          label: 'Flags',
          type: enumType,
          fieldType: checkbox,
          groupName: 'dealinformation',
          options: [
            { label: 'A', value: 'a', hidden: false },
            { label: 'B', value: 'b', hidden: false },
          ],
        },
      ],
    });
    expect(made.results).toHaveLength(2);
    const read = await crm.client.crm.properties.batchApi.read('deals', {
      inputs: [{ name: 'kam_margin' }, { name: 'amount' }],
      archived: false,
    });
    expect(read.results.map((p) => p.name).sort()).toEqual(['amount', 'kam_margin']);
    const deal = await crm.client.crm.deals.basicApi.create({
      properties: { kam_flags: 'a;b', kam_margin: '12.5' },
      associations: [],
    });
    expect(deal.properties).toMatchObject({ kam_flags: 'a;b', kam_margin: '12.5' });
    await crm.client.crm.properties.batchApi.archive('deals', {
      inputs: [{ name: 'kam_margin' }, { name: 'kam_flags' }],
    });
    expect(
      (await crm.client.crm.properties.coreApi.getAll('deals', true)).results
        .map((p) => p.name)
        .sort(),
    ).toEqual(['kam_flags', 'kam_margin']);
  });

  it('validates every property type on write', async () => {
    const id = String(crm.portal.createObject('deals', { dealname: 'x' }).id);
    const codeOf = async (props: Record<string, string>) => {
      const e = await apiError(crm.client.crm.deals.basicApi.update(id, { properties: props }));
      return (e.body.errors as Array<{ code: string }>)[0].code;
    };
    expect(await codeOf({ amount: 'ten' })).toBe('INVALID_DECIMAL');
    expect(await codeOf({ closedate: 'tomorrow' })).toBe('INVALID_DATETIME');
    expect(await codeOf({ hs_is_closed_won: 'yes' })).toBe('INVALID_BOOLEAN');
    expect(await codeOf({ dealstage: 'won' })).toBe('INVALID_OPTION');
    expect(await codeOf({ dealname: 'x'.repeat(65_537) })).toBe('INVALID_STRING_LENGTH');
    const ok = await crm.client.crm.deals.basicApi.update(id, {
      properties: { closedate: '2025-03-31', amount: '1e3', hs_is_closed_won: 'TRUE' },
    });
    expect(ok.properties).toMatchObject({
      closedate: '2025-03-31T00:00:00.000Z',
      amount: '1000',
      hs_is_closed_won: 'true',
    });
    const contact = String(crm.portal.createObject('contacts', { email: 'r@x.com' }).id);
    const roles = await crm.client.crm.contacts.basicApi.update(contact, {
      properties: { hs_buying_role: 'DECISION_MAKER;CHAMPION' },
    });
    expect(roles.properties.hs_buying_role).toBe('DECISION_MAKER;CHAMPION');
    const badRole = await apiError(
      crm.client.crm.contacts.basicApi.update(contact, {
        properties: { hs_buying_role: 'DECISION_MAKER;BOSS' },
      }),
    );
    expect(badRole.code).toBe(400);
  });

  it('validates date properties as midnight UTC', async () => {
    await crm.client.crm.properties.coreApi.create('companies', {
      name: 'kam_review_date',
      label: 'Review',
      type: 'date' as never,
      fieldType: 'date' as never,
      groupName: 'companyinformation',
    });
    const id = String(crm.portal.createObject('companies', { name: 'Acme' }).id);
    const ok = await crm.client.crm.companies.basicApi.update(id, {
      properties: { kam_review_date: String(Date.UTC(2025, 2, 31)) },
    });
    expect(ok.properties.kam_review_date).toBe('2025-03-31');
    const notMidnight = await apiError(
      crm.client.crm.companies.basicApi.update(id, {
        properties: { kam_review_date: String(Date.UTC(2025, 2, 31, 12)) },
      }),
    );
    expect((notMidnight.body.errors as Array<{ code: string }>)[0].code).toBe('INVALID_DATE');
  });
});
