import fc from 'fast-check';
import { giveBack } from '../../src/sandbox/crm/answer-buffers.js';
import { JsonBytes } from '../../src/sandbox/crm/json-bytes.js';
import { pageLink } from '../../src/sandbox/crm/page-link.js';
import { storedValues, type PropertyPlan } from '../../src/sandbox/crm/serialize.js';
import { warmRecords } from '../../src/sandbox/crm/warm-records.js';
import { AssociationStore } from '../../src/sandbox/portal/association-store.js';
import { compactText } from '../../src/sandbox/portal/compact-text.js';
import { ObjectStore } from '../../src/sandbox/portal/object-store.js';
import { CrmRecord, intern, propOf } from '../../src/sandbox/portal/record.js';

/** The byte writer and the indexes the large answers use give what the plain ways give. */

describe('sandbox answer fast paths', () => {
  it('knows live records without looking them up', () => {
    const ids = fc.constantFrom(0, 1, 31, 32, 1001, 70_000, 2 ** 28 - 1, 2 ** 28, 2 ** 40);
    const op = fc.record({ kind: fc.constantFrom('add', 'archive', 'restore', 'purge'), id: ids });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const store = new ObjectStore();
        for (const o of ops) {
          const r = store.get(o.id);
          if (o.kind === 'add' && !r) store.add(new CrmRecord(o.id, 0));
          else if (o.kind === 'archive' && r) store.setArchived(r, true);
          else if (o.kind === 'restore' && r) store.setArchived(r, false);
          else if (o.kind === 'purge' && r) store.purge(r);
        }
        for (const id of [0, 1, 31, 32, 1001, 70_000, 2 ** 28 - 1, 2 ** 28, 2 ** 40, 5])
          expect(store.isLive(id)).toBe(store.get(id)?.archived === false);
      }),
      { numRuns: 200 },
    );
  });

  it('makes paging links as URLSearchParams does', () => {
    const urls = [
      '/crm/v3/objects/contacts?limit=100&after=5&properties=a,b&associations=companies',
      '/crm/v3/objects/contacts?limit=100&after=77&properties=a,b&associations=companies',
      '/crm/v3/objects/contacts?after=1&after=2&x=%20y',
      '/crm/v3/objects/contacts?aft%65r=1&after=2',
      '/crm/v3/objects/contacts?limit=1',
      '/crm/v3/objects/contacts?q=zq0AFTER0qz&after=3',
      '/crm/v3/objects/contacts?after',
    ];
    for (const host of ['localhost:1', 'example.test']) {
      for (const url of [...urls, ...urls]) {
        const req = {
          protocol: 'http',
          get: () => host,
          originalUrl: url,
        } as unknown as Parameters<typeof pageLink>[0];
        for (const after of ['1001', '99', 'a b']) {
          const expected = new URL(url, `http://${host}`);
          expected.searchParams.set('after', after);
          expect(pageLink(req, after)).toBe(expected.toString());
        }
      }
    }
  });

  it("groups a record's edges by target in first-association order", () => {
    for (const n of [2, 3, 20]) {
      const store = new AssociationStore();
      // Targets 1..n with type 1, then a second type on target 1 (split from its first edge).
      for (let to = 1; to <= n; to++) store.add('contacts', 7, 'companies', to, 1, 2);
      store.add('contacts', 7, 'companies', 1, 5, 6);
      const expected = [1, 1, 1, 5];
      for (let to = 2; to <= n; to++) expected.push(to, 1);
      expect(store.grouped('contacts', 7, 'companies')).toEqual(expected);
      expect(store.targets('contacts', 7, 'companies')[0]).toEqual({ toId: 1, typeIds: [1, 5] });
    }
  });

  it('writes JSON bytes as JSON.stringify does, wide characters escaped', () => {
    const w = new JsonBytes(16);
    const jsonOf = (write: (w: JsonBytes) => void) => {
      write(w.reset());
      return w.text();
    };
    const check = (text: string) => {
      expect(compactText(text)).toBe(text);
      const json = jsonOf((x) => x.str(text));
      expect(JSON.parse(json)).toBe(text);
      const wide = (t: string) => [...t].some((ch) => ch.charCodeAt(0) > 0xff);
      if (wide(text)) expect(wide(json)).toBe(false);
      else expect(json).toBe(JSON.stringify(text));
    };
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), check), {
      numRuns: 500,
    });
    for (const text of [
      '',
      '"',
      '\\',
      '\u0000',
      '\u001f',
      '\ud800',
      '\udc00x',
      '😀',
      'a\u2028b',
      'é—x',
      'ÿ\u007f\u0080',
    ])
      check(text);
    expect(jsonOf((x) => x.str('a—b'))).toBe('"a\\u2014b"');
    expect(jsonOf((x) => x.str('x'.repeat(5000) + '—'))).toBe(`"${'x'.repeat(5000)}\\u2014"`);
    for (const n of [0, 7, 10, 1001, 2 ** 53 - 1, -1, 1.5, NaN, Infinity])
      expect(jsonOf((x) => x.num(n))).toBe(JSON.stringify(n));
    expect(jsonOf((x) => x.quotedId(1234567))).toBe('"1234567"');
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 3e14 }), (ms) => {
        expect(jsonOf((x) => x.iso(ms))).toBe(JSON.stringify(new Date(ms).toISOString()));
      }),
    );
    expect(jsonOf((x) => x.json({ a: 1, b: undefined, 'c"d': ['é—'] }))).toBe(
      JSON.stringify({ a: 1, 'c"d': ['é—'] }),
    );
    w.reset();
    w.ascii('[1');
    const mark = w.length;
    w.ascii(',2');
    w.rewind(mark);
    w.ascii(']');
    expect(w.text()).toBe('[1]');
  });

  it('hands answers over without a copy and reuses only what was given back', () => {
    const w = new JsonBytes(64);
    w.reset().ascii('{"a":1}');
    const first = w.handOver();
    expect(first.toString()).toBe('{"a":1}');
    // The writer goes on in other memory: the handed-over bytes stay as they were.
    w.reset().ascii('{"b":22}');
    expect(first.toString()).toBe('{"a":1}');
    const second = w.handOver();
    giveBack(first);
    // A second give-back of the same bytes, or foreign bytes, must not put a buffer in twice.
    giveBack(first);
    giveBack(Buffer.from('x'));
    // The writer took its next buffer at the last hand-over; the one after is the given-back one.
    w.reset().ascii('[3]');
    const third = w.handOver();
    w.reset().ascii('[4]');
    const fourth = w.handOver();
    w.reset().ascii('[5]');
    const fifth = w.handOver();
    const same = (a: Buffer, b: Buffer) => a.buffer === b.buffer;
    expect([same(third, first), same(fourth, first), same(fifth, first)]).toEqual([
      false,
      true,
      false,
    ]);
    expect([second, third, fourth, fifth].map(String)).toEqual(['{"b":22}', '[3]', '[4]', '[5]']);
  });

  it('warms records, missing ones included, without changing them', () => {
    const r = new CrmRecord(7, 1000);
    r.set('name', 'Acme');
    r.set('domain', 'acme.example');
    const before = [...r.props];
    warmRecords([undefined, r, { id: 8, createdAt: 1, updatedAt: 2, archived: false, props: [] }]);
    expect(r.props).toEqual(before);
  });

  it('picks stored values by layout as a lookup by name does, over many alternating layouts', () => {
    const pool = Array.from({ length: 12 }, (_, i) => intern(`p${i}`));
    const asked = [pool[0], pool[3], pool[5], pool[7], pool[11]];
    const plan: PropertyPlan = {
      names: asked,
      slots: new Map(asked.map((n, i) => [n, i])),
      system: new Uint8Array(asked.length),
      layouts: [],
    };
    // Records of one of up to 40 layouts (subsets of the pool in some order), in random turn.
    const layout = fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 2 });
    fc.assert(
      fc.property(
        fc.array(layout, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat()),
        (layouts, turns) => {
          for (const t of [...turns, 0, 1, 0]) {
            const names = layouts[t % layouts.length];
            const p = names.flatMap((n) => [pool[n], `v${n}.${t}`]);
            const found = storedValues(plan, p, new Array<string | undefined>(asked.length));
            expect(found).toEqual(asked.map((n) => propOf(p, n)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('walks the modification log in warmed blocks as one pass would', () => {
    // More records than a warm block, some changed again later (their first entries superseded).
    const store = new ObjectStore();
    const recs = Array.from({ length: 9_000 }, (_, i) => new CrmRecord(1000 + i, i));
    for (const r of recs) store.add(r);
    for (let i = 0; i < recs.length; i += 7) {
      recs[i].updatedAt = 20_000 + i;
      store.touch(recs[i]);
    }
    const byTime = [...recs].sort((a, b) => a.updatedAt - b.updatedAt).map((r) => r.id);
    expect([...store.modifiedSince(-Infinity)].map((r) => r.id)).toEqual(byTime);
    const inWindow = byTime.filter((id) => {
      const t = store.get(id)?.updatedAt ?? -1;
      return t >= 3_000 && t <= 21_000;
    });
    expect([...store.modifiedBetween(3_000, 21_000)].map((r) => r.id)).toEqual(inWindow);
  });
});
