import type { Client } from '@hubspot/api-client';
import {
  batchUpdateObjects,
  createTask,
  searchTasksByProperty,
  updateTask,
} from '../../src/hubspot/crm-write.js';
import { provisionPortal } from '../../src/hubspot/provisioning.js';
import { hubspotRetries } from '../../src/server/metrics.js';
import { noWait, startHarness, type Harness } from './harness.js';

let h: Harness;
let client: Client;
const ids: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  const portalId = await h.installDirect();
  await provisionPortal(h.deps, portalId, noWait);
  const portal = h.sb.sandbox.defaultPortal;
  for (let i = 0; i < 230; i++)
    ids.push(String(portal.createObject('companies', { name: `C${i}` }, { silent: true }).id));
  client = await h.access.clientFor(portalId);
}, 120_000);
afterAll(() => h?.close());
beforeEach(() => {
  h.counter.total = 0;
  h.counter.byOperation.clear();
});

const valueOf = (id: string, name: string) => {
  const portal = h.sb.sandbox.defaultPortal;
  const record = portal.getObject('companies', id);
  return record ? portal.getValue('companies', record, name) : undefined;
};

describe('batchUpdateObjects', () => {
  it('writes 230 companies in batches of 100', async () => {
    const result = await batchUpdateObjects(
      client,
      'companies',
      ids.map((id, i) => ({ id, properties: { kam_score: String(i % 100) } })),
      noWait,
    );
    expect(result.errors).toEqual([]);
    expect(result.updated).toHaveLength(230);
    expect(result.calls).toBe(3);
    expect(h.counter.total).toBe(3);
    expect(valueOf(ids[7], 'kam_score')).toBe('7');
    expect(valueOf(ids[229], 'kam_score')).toBe('29');
  });

  it('reports missing ids per id and writes the rest', async () => {
    const result = await batchUpdateObjects(
      client,
      'companies',
      [
        { id: ids[0], properties: { kam_tier: 'strategic' } },
        { id: '999999', properties: { kam_tier: 'strategic' } },
        { id: ids[1], properties: { kam_tier: 'profit' } },
      ],
      noWait,
    );
    expect(result.updated.sort()).toEqual([ids[0], ids[1]].sort());
    expect(result.errors).toEqual([
      expect.objectContaining({ id: '999999', category: 'OBJECT_NOT_FOUND' }),
    ]);
    expect(valueOf(ids[1], 'kam_tier')).toBe('profit');
  });

  it('finds the one bad value in a rejected batch and writes the others', async () => {
    const inputs = ids.slice(0, 40).map((id) => ({ id, properties: { kam_tier: 'potential' } }));
    inputs[17] = { id: ids[17], properties: { kam_tier: 'not-a-tier' } };
    const result = await batchUpdateObjects(client, 'companies', inputs, noWait);
    expect(result.updated).toHaveLength(39);
    expect(result.errors).toEqual([
      expect.objectContaining({ id: ids[17], status: 400, category: 'VALIDATION_ERROR' }),
    ]);
    expect(result.errors[0].message).toContain('not-a-tier');
    // Halving 40 down to the one bad input: far fewer calls than one per record.
    expect(result.calls).toBeLessThanOrEqual(13);
    expect(valueOf(ids[16], 'kam_tier')).toBe('potential');
  });

  it('merges inputs naming the same id (HubSpot refuses duplicates)', async () => {
    const result = await batchUpdateObjects(
      client,
      'companies',
      [
        { id: ids[3], properties: { kam_score: '10' } },
        { id: ids[3], properties: { kam_health: '55' } },
      ],
      noWait,
    );
    expect(result.updated).toEqual([ids[3]]);
    expect(valueOf(ids[3], 'kam_score')).toBe('10');
    expect(valueOf(ids[3], 'kam_health')).toBe('55');
  });

  it('retries a 429 and counts the retry', async () => {
    const retries = async () =>
      (await hubspotRetries.get()).values.reduce((n, v) => n + v.value, 0);
    const before = await retries();
    h.sb.runtime.faults.add({
      method: 'POST',
      path: '/crm/v3/objects/companies/batch/update',
      action: { kind: 'status', status: 429 },
      times: 1,
    });
    const result = await batchUpdateObjects(
      client,
      'companies',
      [{ id: ids[4], properties: { kam_score: '44' } }],
      noWait,
    );
    expect(result.updated).toEqual([ids[4]]);
    expect(await retries()).toBe(before + 1);
  });
});

describe('tasks', () => {
  it('creates a task on a company, updates it and finds it by a property', async () => {
    const { id } = await createTask(
      client,
      {
        properties: {
          hs_task_subject: 'KAM: respond to red alert (key-1)',
          hs_timestamp: String(Date.parse('2026-03-02T11:00:00Z')),
        },
        companyIds: [ids[0]],
      },
      noWait,
    );
    const portal = h.sb.sandbox.defaultPortal;
    expect(portal.associatedIds('tasks', id, 'companies')).toEqual([ids[0]]);
    await updateTask(client, id, { hs_task_status: 'COMPLETED' }, noWait);
    const found = await searchTasksByProperty(
      client,
      'hs_task_subject',
      ['KAM: respond to red alert (key-1)', 'KAM: other'],
      ['hs_task_status'],
      noWait,
    );
    expect(found.map((t) => [t.id, t.properties.hs_task_status])).toEqual([[id, 'COMPLETED']]);
  });
});
