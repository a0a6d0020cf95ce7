import { apiError, startCrm, type Crm } from './crm-harness.js';

describe('sandbox CRM objects v3 (batch)', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
  });
  afterEach(() => crm.close());

  it('batch-creates, reads, updates and archives', async () => {
    const created = await crm.client.crm.companies.batchApi.create({
      inputs: [1, 2, 3].map((i) => ({
        properties: { name: `Co ${i}`, numberofemployees: String(i * 10) },
        associations: [],
      })),
    });
    expect(created.status).toBe('COMPLETE');
    expect(created.results).toHaveLength(3);
    expect(created.startedAt).toBeInstanceOf(Date);
    const ids = created.results.map((r) => r.id);

    const read = await crm.client.crm.companies.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      properties: ['name'],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => r.properties.name).sort()).toEqual(['Co 1', 'Co 2', 'Co 3']);

    const updated = await crm.client.crm.companies.batchApi.update({
      inputs: ids.map((id) => ({ id, properties: { industry: 'BANKING' } })),
    });
    expect(updated.results.every((r) => r.properties.industry === 'BANKING')).toBe(true);

    await crm.client.crm.companies.batchApi.archive({ inputs: [{ id: ids[0] }] });
    expect(crm.portal.stats().objects.companies).toEqual({ live: 2, archived: 1 });
  });

  it('answers 207 with errors when some ids are missing', async () => {
    const a = crm.portal.createObject('deals', { dealname: 'A' });
    const res = await crm.client.crm.deals.batchApi.read({
      inputs: [{ id: String(a.id) }, { id: '999999' }],
      properties: ['dealname'],
      propertiesWithHistory: [],
    });
    expect(res.results).toHaveLength(1);
    expect(res).toMatchObject({ numErrors: 1 });
    expect(
      (res as unknown as { errors: Array<{ category: string; context: Record<string, string[]> }> })
        .errors[0],
    ).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['999999'] },
    });
  });

  it('rejects more than 100 inputs with HubSpot’s 400 body', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({
      properties: { name: `C${i}` },
      associations: [],
    }));
    const err = await apiError(crm.client.crm.companies.batchApi.create({ inputs }));
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(typeof err.body.correlationId).toBe('string');
    expect(crm.portal.stats().objects.companies).toBeUndefined();
  });

  it('rejects the whole batch when one value is invalid', async () => {
    const err = await apiError(
      crm.client.crm.companies.batchApi.create({
        inputs: [
          { properties: { name: 'ok' }, associations: [] },
          { properties: { name: 'bad', numberofemployees: 'many' }, associations: [] },
        ],
      }),
    );
    expect(err.code).toBe(400);
    expect(String(err.body.message)).toContain('Property values were not valid');
    expect(crm.portal.stats().objects.companies).toBeUndefined();
  });

  it('upserts by a unique property', async () => {
    const existing = crm.portal.createObject('contacts', { email: 'a@x.com', firstname: 'A' });
    const res = await crm.client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: 'a@x.com', idProperty: 'email', properties: { firstname: 'Ann' } },
        { id: 'b@x.com', idProperty: 'email', properties: { firstname: 'Bo' } },
      ],
    });
    expect(res.results).toHaveLength(2);
    const byEmail = Object.fromEntries(
      res.results.map((r) => [
        r.properties.email ?? crm.portal.getObject('contacts', r.id)?.get('email'),
        r,
      ]),
    );
    expect(byEmail['a@x.com'].id).toBe(String(existing.id));
    expect(byEmail['a@x.com']._new).toBe(false);
    expect(byEmail['b@x.com']._new).toBe(true);
    expect(crm.portal.getObject('contacts', existing.id)?.get('firstname')).toBe('Ann');
  });
});
