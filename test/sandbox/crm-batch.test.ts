import type { ChangeEvent } from '../../src/sandbox/portal/change-events.js';
import { apiError, raw, startCrm, type Crm } from './crm-harness.js';

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

  it('gives every listener the events built for any of them', async () => {
    const id = crm.portal.createObject('companies', { name: 'A' }).id;
    const all: ChangeEvent[] = [];
    const picky: ChangeEvent[] = [];
    crm.portal.onChange((e) => all.push(e));
    crm.portal.onChange(
      (e) => picky.push(e),
      (_portal, _kind, _type, _typeId, name) => name === 'industry',
    );
    const res = await raw(crm, 'POST', '/crm/v3/objects/companies/batch/update', {
      inputs: [{ id: String(id), properties: { industry: 'BANKING', description: 'x' } }],
    });
    expect(res.status).toBe(200);
    const names = all.map((e) => e.propertyName);
    expect(names).toEqual(['industry', 'description']);
    // Every listener gets every event built; the picky one's interest only decides what is built.
    expect(picky.map((e) => e.propertyName)).toEqual(['industry', 'description']);
  });

  it('skips the events that no listener wants', async () => {
    const id = crm.portal.createObject('companies', { name: 'A' }).id;
    const got: ChangeEvent[] = [];
    crm.portal.onChange(
      (e) => got.push(e),
      (_portal, kind, type, typeId, name) =>
        kind === 'propertyChange' &&
        type === 'companies' &&
        typeId === '0-2' &&
        name === 'industry',
    );
    await raw(crm, 'POST', '/crm/v3/objects/companies/batch/update', {
      inputs: [{ id: String(id), properties: { industry: 'BANKING', description: 'x' } }],
    });
    expect(got.map((e) => [e.objectId, e.propertyName, e.propertyValue])).toEqual([
      [String(id), 'industry', 'BANKING'],
    ]);
  });

  it('finds inputs by a unique property after the inputs before them are written', async () => {
    const a = crm.portal.createObject('contacts', { email: 'a@x.com' }).id;
    const res = await raw(crm, 'POST', '/crm/v3/objects/contacts/batch/update', {
      inputs: [
        { id: String(a), properties: { email: 'c@x.com' } },
        { id: 'c@x.com', idProperty: 'email', properties: { firstname: 'Cy' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(crm.portal.getObject('contacts', a)?.get('firstname')).toBe('Cy');
  });

  it('answers each input, a record named twice included, and the ids not found', async () => {
    const a = crm.portal.createObject('companies', { name: 'A' }).id;
    const res = await raw(crm, 'POST', '/crm/v3/objects/companies/batch/update', {
      inputs: [
        { id: String(a), properties: { industry: 'BANKING' } },
        { id: '999999', properties: { industry: 'BANKING' } },
        { id: String(a), properties: { name: 'B', industry: 'AIRLINES_AVIATION' } },
      ],
    });
    expect(res.status).toBe(207);
    const body = res.body as {
      results: Array<{ id: string; properties: Record<string, string> }>;
      errors: Array<{ context: { ids: string[] } }>;
    };
    expect(body.results.map((r) => [r.id, r.properties.industry, r.properties.name])).toEqual([
      [String(a), 'BANKING', undefined],
      [String(a), 'AIRLINES_AVIATION', 'B'],
    ]);
    expect(body.errors[0].context.ids).toEqual(['999999']);
  });
});
