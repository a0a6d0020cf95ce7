import fc from 'fast-check';
import { SandboxClock } from '../../src/sandbox/clock.js';
import {
  readAssociationsRead,
  readBatchRead,
  readBatchUpdate,
} from '../../src/sandbox/crm/fast-inputs.js';
import {
  associationsReadInput,
  batchReadInput,
  batchUpdateInput,
} from '../../src/sandbox/crm/schemas.js';
import {
  associatedBytesWriter,
  associatedWithLabels,
} from '../../src/sandbox/crm/associations-json.js';
import { JsonBytes } from '../../src/sandbox/crm/json-bytes.js';
import { objectJson, recordWriter, selectProperties } from '../../src/sandbox/crm/serialize.js';
import { recordTextWriter } from '../../src/sandbox/crm/record-bytes.js';
import { readValue } from '../../src/sandbox/portal/derived-properties.js';
import { AssociationStore } from '../../src/sandbox/portal/association-store.js';
import { isoTime } from '../../src/sandbox/portal/iso-time.js';
import { runSearch } from '../../src/sandbox/portal/search.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';

/** The short cuts taken for throughput give exactly what the plain paths give. */

describe('sandbox fast paths', () => {
  it('isoTime formats like Date#toISOString', () => {
    const edges = [0, 1, 999, 86_399_999, 951_782_400_000, 253_402_300_799_999, -1, 2.5];
    for (const ms of [...edges, 253_402_300_800_000, -62_198_755_200_000])
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 3e14 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('readBatchUpdate agrees with the zod schema on every body it accepts', () => {
    const scalar = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null));
    const value = fc.oneof(scalar, fc.array(scalar), fc.dictionary(fc.string(), scalar));
    const input = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer(), fc.boolean()),
        idProperty: fc.oneof(fc.string(), fc.integer()),
        objectWriteTraceId: fc.string(),
        properties: fc.oneof(fc.dictionary(fc.string(), value), value),
        extra: value,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(fc.record({ inputs: fc.array(input, { maxLength: 4 }) }), value);
    fc.assert(
      fc.property(body, (raw) => {
        // Bodies arrive through JSON, so only what survives it counts.
        const json: unknown = JSON.parse(JSON.stringify(raw) ?? 'null');
        const fast = readBatchUpdate(json);
        const zod = batchUpdateInput.safeParse(json);
        if (fast !== undefined) expect(zod.success && zod.data).toEqual(fast);
        else if (zod.success) expect(JSON.stringify(json)).toContain('__proto__');
      }),
      { numRuns: 300 },
    );
    const wellFormed = fc.record({
      inputs: fc.array(
        fc.record(
          {
            id: fc.oneof(fc.string(), fc.integer()),
            idProperty: fc.string(),
            properties: fc.dictionary(
              fc.string().filter((k) => k !== '__proto__'),
              scalar,
            ),
          },
          { requiredKeys: ['id'] },
        ),
        { maxLength: 5 },
      ),
    });
    fc.assert(
      fc.property(wellFormed, (raw) => {
        const json: unknown = JSON.parse(JSON.stringify(raw));
        expect(readBatchUpdate(json)).toEqual(batchUpdateInput.parse(json));
      }),
      { numRuns: 200 },
    );
  });

  it('readBatchRead and readAssociationsRead agree with the zod schemas', () => {
    const scalar = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null));
    const value = fc.oneof(scalar, fc.array(scalar), fc.dictionary(fc.string(), scalar));
    const id = fc.oneof(fc.string(), fc.integer(), value);
    const input = fc.record(
      { id, after: fc.oneof(fc.string(), value), extra: value },
      { requiredKeys: [] },
    );
    const names = fc.oneof(fc.array(fc.string()), value);
    const body = fc.oneof(
      fc.record(
        {
          inputs: fc.oneof(fc.array(input, { maxLength: 4 }), value),
          properties: names,
          propertiesWithHistory: names,
          idProperty: fc.oneof(fc.string(), value),
        },
        { requiredKeys: [] },
      ),
      value,
    );
    const readers = [
      [readBatchRead, batchReadInput],
      [readAssociationsRead, associationsReadInput],
    ] as const;
    fc.assert(
      fc.property(body, (raw) => {
        const json: unknown = JSON.parse(JSON.stringify(raw) ?? 'null');
        for (const [read, schema] of readers) {
          const fast = read(json);
          const zod = schema.safeParse(json);
          if (fast !== undefined) expect(zod.success && zod.data).toEqual(fast);
          else expect(zod.success).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
    const ok = { inputs: [{ id: 1 }, { id: '2', after: '500' }], properties: ['a'] };
    expect(readBatchRead(ok)).toEqual(batchReadInput.parse(ok));
    expect(readAssociationsRead(ok)).toEqual(associationsReadInput.parse(ok));
  });

  it('keeps association lists by record slot exactly as by id', () => {
    // Slots for ids up to 60 (as stores hand them out), none for larger ids.
    const bySlot = new AssociationStore((_type, id) => (id <= 60 ? 60 - id : undefined));
    const byId = new AssociationStore();
    const op = fc.record({
      kind: fc.constantFrom('add', 'add', 'add', 'remove', 'purge'),
      from: fc.integer({ min: 1, max: 70 }),
      to: fc.integer({ min: 1, max: 70 }),
      type: fc.constantFrom(1, 279, 5, 7),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        for (const store of [bySlot, byId]) {
          for (const o of ops) {
            if (o.kind === 'add')
              store.add('contacts', o.from, 'companies', o.to, o.type, o.type + 1);
            else if (o.kind === 'remove')
              store.remove('contacts', o.from, 'companies', o.to, o.type, o.type + 1);
            else store.purgeType('contacts', 'companies', o.type, o.type + 1);
          }
        }
        for (let id = 1; id <= 70; id++) {
          expect(bySlot.targets('contacts', id, 'companies')).toEqual(
            byId.targets('contacts', id, 'companies'),
          );
          expect(bySlot.targets('companies', id, 'contacts')).toEqual(
            byId.targets('companies', id, 'contacts'),
          );
          expect(bySlot.targetIds('contacts', id, 'companies')).toEqual(
            byId.targetIds('contacts', id, 'companies'),
          );
        }
        expect(bySlot.count).toBe(byId.count);
        // Grouped by target in first-association order, as a plain map groups them.
        for (let id = 1; id <= 70; id++) {
          const naive = new Map<number, number[]>();
          const flat = byId.grouped('contacts', id, 'companies');
          const all = byId.targets('contacts', id, 'companies');
          for (const t of all) naive.set(t.toId, t.typeIds);
          expect(all.length).toBe(naive.size);
          expect(flat).toEqual(all.flatMap((t) => t.typeIds.flatMap((type) => [t.toId, type])));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('serialises records as the generic reader does', () => {
    const sandbox = new Sandbox({ staticToken: 'sandbox-token' });
    const portal = sandbox.defaultPortal;
    const core = portal.core;
    const company = portal.createObject('companies', { name: 'Acme', industry: 'BANKING' });
    const contact = portal.createObject('contacts', { email: 'a@acme.test', firstname: 'A' });
    portal.associate('contacts', contact.id, 'companies', company.id);
    const deal = portal.createObject('deals', { dealname: 'D', dealstage: 'closedwon', amount: 5 });
    for (const [type, r] of [
      ['companies', company],
      ['contacts', contact],
      ['deals', deal],
    ] as const) {
      const t = portal.type(type);
      const all = portal.properties.list(type).map((p) => p.name);
      for (const asked of [undefined, [], all, ['nope', 'name', 'name', 'hs_object_id']]) {
        const expected: Record<string, string | null> = {};
        const names = !asked?.length
          ? t.defaultProperties
          : [
              ...t.defaultProperties.filter((n) =>
                [
                  'createdate',
                  'hs_createdate',
                  'hs_lastmodifieddate',
                  'lastmodifieddate',
                  'hs_object_id',
                ].includes(n),
              ),
              ...asked,
            ];
        for (const n of names)
          if (!(n in expected) && (!asked?.length || portal.properties.get(type, n)))
            expected[n] = readValue(core, t, r, n) ?? null;
        expect(selectProperties(core, t, r, asked)).toEqual(expected);
      }
    }
    const json = objectJson(core, portal.type('contacts'), contact, {
      associations: ['companies'],
    });
    expect(json.associations).toEqual({
      companies: {
        results: [{ id: String(company.id), type: 'contact_to_company_unlabeled' }],
      },
    });
    expect(json.updatedAt).toBe(new Date(contact.updatedAt).toISOString());
  });

  it('bounds modified-time searches without losing records search still sees as older', () => {
    const clock = new SandboxClock({ start: Date.UTC(2025, 0, 1), frozen: true });
    const sandbox = new Sandbox({ clock, staticToken: 'sandbox-token' });
    const portal = sandbox.defaultPortal;
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      ids.push(portal.createObject('deals', { dealname: `d${i}` }).id);
    }
    const window = (from: number, to: number, prop = 'hs_lastmodifieddate', type = 'deals') =>
      runSearch(portal.core, portal.type(type), {
        filterGroups: [
          {
            filters: [
              { propertyName: prop, operator: 'GTE', value: String(from) },
              { propertyName: prop, operator: 'LT', value: String(to) },
            ],
          },
        ],
        sorts: [{ propertyName: prop, direction: 'ASCENDING' }],
      });
    const t0 = Date.UTC(2025, 0, 1);
    expect(window(t0 + 5000, t0 + 10_000)).toEqual(ids.slice(4, 9));
    // While the index lags, a changed record is still found where it was.
    portal.searchIndexLagMs = 60_000;
    clock.advance(1000);
    portal.updateObject('deals', ids[5], { dealname: 'moved' });
    expect(window(t0 + 5000, t0 + 10_000)).toEqual(ids.slice(4, 9));
    clock.advance(61_000);
    expect(window(t0 + 5000, t0 + 10_000)).toEqual([ids[4], ...ids.slice(6, 9)]);
    // Contacts keep their time in lastmodifieddate.
    portal.searchIndexLagMs = 0;
    const c = portal.createObject('contacts', { email: 'x@y.test' });
    expect(window(c.updatedAt, c.updatedAt + 1, 'lastmodifieddate', 'contacts')).toEqual([c.id]);
  });

  it('writes records and associations as text exactly as the object writers', () => {
    const sandbox = new Sandbox({ staticToken: 'sandbox-token' });
    const portal = sandbox.defaultPortal;
    const core = portal.core;
    const company = portal.createObject('companies', { name: 'Ac"me\n', industry: 'BANKING' });
    const other = portal.createObject('companies', { name: '😀 \ud800' });
    const contact = portal.createObject('contacts', { email: 'a@acme.test', firstname: 'A' });
    portal.associate('contacts', contact.id, 'companies', company.id);
    portal.associate('contacts', contact.id, 'companies', other.id);
    portal.archiveObject('companies', other.id);
    const deal = portal.createObject('deals', { dealname: 'D', dealstage: 'closedwon', amount: 5 });
    portal.archiveObject('deals', deal.id);
    for (const [type, r] of [
      ['companies', company],
      ['companies', other],
      ['contacts', contact],
      ['deals', deal],
    ] as const) {
      const t = portal.type(type);
      const all = portal.properties.list(type).map((p) => p.name);
      for (const properties of [undefined, [], all, ['nope', 'name', 'name', 'hs_object_id']]) {
        for (const associations of [undefined, [], ['companies', 'company', 'contacts', 'nope']]) {
          const opts = { properties, associations };
          const text = recordTextWriter(core, t, opts)(r);
          expect(JSON.parse(text)).toEqual(
            JSON.parse(JSON.stringify(recordWriter(core, t, opts)(r))),
          );
        }
      }
    }
    const from = portal.type('contacts');
    for (const to of ['companies', 'deals'].map((n) => portal.type(n))) {
      const w = new JsonBytes(16);
      w.ascii('[');
      const count = associatedBytesWriter(core, from, to)(w, contact.id);
      w.ascii(']');
      const all = associatedWithLabels(core, from, contact.id, to);
      expect(JSON.parse(w.text())).toEqual(all);
      expect(count).toBe(all.length);
      // A page of it: from index 1, at most 1.
      w.reset().ascii('[');
      associatedBytesWriter(core, from, to)(w, contact.id, 1, 1);
      w.ascii(']');
      expect(JSON.parse(w.text())).toEqual(all.slice(1, 2));
    }
  });
});
