import type { Client } from '@hubspot/api-client';
import {
  batchReadAssociations,
  batchReadObjects,
  listAllObjects,
  searchModifiedBetween,
  type CrmObject,
} from '../../src/hubspot/crm-read.js';
import { MIN, noWait, START, startHarness, type Harness } from './harness.js';

let h: Harness;
let client: Client;
const companyIds: string[] = [];
let contactA: string;
let contactB: string;

beforeAll(async () => {
  h = await startHarness();
  const portalId = await h.installDirect();
  const portal = h.sb.sandbox.defaultPortal;
  for (let i = 0; i < 250; i++) {
    const r = portal.createObject('companies', { name: `Company ${i}` }, { silent: true });
    companyIds.push(String(r.id));
  }
  contactA = String(portal.createObject('contacts', { email: 'a@x.test' }, { silent: true }).id);
  contactB = String(portal.createObject('contacts', { email: 'b@x.test' }, { silent: true }).id);
  portal.associate('contacts', contactA, 'companies', companyIds[0], [
    { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 },
  ]);
  portal.associate('contacts', contactA, 'companies', companyIds[1], 'default');
  portal.associate('contacts', contactB, 'companies', companyIds[0], 'default');
  client = await h.access.clientFor(portalId);
}, 120_000);
afterAll(() => h?.close());
beforeEach(() => {
  h.counter.byOperation.clear();
  h.counter.total = 0;
});

describe('listAllObjects', () => {
  it('pages through 250 companies at 100 a call, with a resumable cursor', async () => {
    const seen: string[] = [];
    const cursors: (string | undefined)[] = [];
    const stats = await listAllObjects(
      client,
      'companies',
      { properties: ['name'], ...noWait },
      async (page, next) => {
        seen.push(...page.map((c) => c.id));
        cursors.push(next);
      },
    );
    expect(stats).toEqual({ pages: 3, objects: 250 });
    expect(h.counter.total).toBe(3);
    expect(seen).toEqual(companyIds);
    expect(cursors[2]).toBeUndefined();

    // Resuming after the first page reads the other 150.
    const rest: string[] = [];
    await listAllObjects(
      client,
      'companies',
      { properties: ['name'], after: cursors[0] },
      async (page) => {
        rest.push(...page.map((c) => c.id));
      },
    );
    expect(rest).toEqual(companyIds.slice(100));
  });

  it('returns associations inline with the primary company marked', async () => {
    const contacts: CrmObject[] = [];
    await listAllObjects(
      client,
      'contacts',
      { properties: ['email'], associations: ['companies'] },
      async (page) => void contacts.push(...page),
    );
    expect(h.counter.total).toBe(1);
    const a = contacts.find((c) => c.id === contactA);
    expect(a?.associations.companies).toEqual(
      expect.arrayContaining([
        { toId: companyIds[0], typeIds: expect.arrayContaining([1, 279]), primary: true },
        { toId: companyIds[1], typeIds: [279], primary: false },
      ]),
    );
    expect(contacts.find((c) => c.id === contactB)?.associations.companies).toEqual([
      { toId: companyIds[0], typeIds: [279], primary: false },
    ]);
  });
});

describe('batch reads', () => {
  it('reads by id in chunks of 100 and reports missing ids', async () => {
    const ids = [...companyIds.slice(0, 148), '999999', '999998'];
    const { objects, missing } = await batchReadObjects(client, 'companies', ids, ['name'], noWait);
    expect(objects).toHaveLength(148);
    expect(objects[0].properties.name).toBe('Company 0');
    expect(missing.sort()).toEqual(['999998', '999999']);
    expect(h.counter.total).toBe(2);
  });

  it('reads associations through v4, every id answered, primary marked', async () => {
    const map = await batchReadAssociations(
      client,
      'contacts',
      'companies',
      [contactA, contactB, companyIds[5]],
      noWait,
    );
    expect(h.counter.total).toBe(1);
    const a = map.get(contactA) ?? [];
    expect(a.find((r) => r.toId === companyIds[0])).toMatchObject({ primary: true });
    expect(a.find((r) => r.toId === companyIds[1])).toMatchObject({
      primary: false,
      typeIds: [279],
    });
    expect(map.get(contactB)).toEqual([{ toId: companyIds[0], typeIds: [279], primary: false }]);
    // Not a contact: no associations, still answered.
    expect(map.get(companyIds[5])).toEqual([]);
  });
});

describe('searchModifiedBetween', () => {
  const from = START + 60 * MIN;
  let spread: string[];
  let sameInstant: string[];

  beforeAll(() => {
    const portal = h.sb.sandbox.defaultPortal;
    spread = Array.from({ length: 60 }, (_, i) =>
      String(
        portal.createObject('deals', { dealname: `D${i}` }, { silent: true, at: from + i * 1000 })
          .id,
      ),
    );
    sameInstant = Array.from({ length: 30 }, (_, i) =>
      String(
        portal.createObject('deals', { dealname: `S${i}` }, { silent: true, at: from + 120_000 })
          .id,
      ),
    );
  });

  it('splits windows that reach the cap, so every change is seen exactly once', async () => {
    const seen: string[] = [];
    const stats = await searchModifiedBetween(
      client,
      'deals',
      from,
      from + 60_000,
      ['dealname'],
      async (page) => void seen.push(...page.map((d) => d.id)),
      { cap: 25, pageSize: 10, ...noWait },
    );
    expect(seen.sort()).toEqual([...spread].sort());
    expect(new Set(seen).size).toBe(60);
    expect(stats.splits).toBeGreaterThan(0);
    expect(stats.objects).toBe(60);
  });

  it('walks one crowded millisecond by id instead of offsets', async () => {
    const seen: string[] = [];
    const stats = await searchModifiedBetween(
      client,
      'deals',
      from + 100_000,
      from + 200_000,
      ['dealname'],
      async (page) => void seen.push(...page.map((d) => d.id)),
      { cap: 10, pageSize: 7, ...noWait },
    );
    expect(seen.sort()).toEqual([...sameInstant].sort());
    expect(stats.objects).toBe(30);
  });

  it('reads all of a window under the cap without splitting', async () => {
    const seen: string[] = [];
    const stats = await searchModifiedBetween(
      client,
      'deals',
      from,
      from + 10_000,
      ['dealname'],
      async (page) => void seen.push(...page.map((d) => d.id)),
    );
    expect(seen).toEqual(spread.slice(0, 10));
    expect(stats).toMatchObject({ splits: 0, windows: 1, calls: 1 });
  });

  it('uses lastmodifieddate for contacts', async () => {
    const seen: string[] = [];
    await searchModifiedBetween(client, 'contacts', 0, START + 1, ['email'], async (page) => {
      seen.push(...page.map((c) => c.id));
    });
    expect(seen.sort()).toEqual([contactA, contactB].sort());
  });
});
