import fc from 'fast-check';
import {
  compareIds,
  compareRank,
  disqualifiersOf,
  keyCount,
  newEntry,
  rankPct,
  rankResultOf,
  sortByRank,
} from '../../src/domain/rank.js';
import { Ranking, type RankUpdate } from '../../src/domain/ranking.js';
import type { SettingsInput } from '../../src/domain/settings.js';
import { makeAccount, previousState, settingsWith } from './builders.js';

const u = (id: string, score: number, extra: Partial<RankUpdate> = {}): RankUpdate => ({
  id,
  score,
  revenue: 0,
  segment: 'S',
  disqualified: false,
  wasKey: null,
  ...extra,
});
const order = (r: Ranking) => [...r.entries()].map((e) => e.id);
const keys = (r: Ranking) => [...r.entries()].filter((e) => e.isKey).map((e) => e.id);
const build = (updates: RankUpdate[], s: SettingsInput = {}) =>
  Ranking.build(updates, settingsWith(s));

describe('§11 rank order — score desc, then trailing revenue desc, then company id asc', () => {
  it('orders by score, revenue, id', () => {
    const r = build([
      u('3', 50, { revenue: 10 }),
      u('2', 50, { revenue: 10 }),
      u('1', 50, { revenue: 5 }),
      u('4', 60),
    ]);
    expect(order(r)).toEqual(['4', '2', '3', '1']);
  });
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    ['100', '100', 0],
    ['a', 'b', -1],
    ['b10', 'b9', -1],
  ])('company ids: %s vs %s (numeric ids compare as numbers)', (a, b, sign) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });
  it('rejects an account ranked twice', () => {
    expect(() => build([u('1', 1), u('1', 2)])).toThrow('ranked twice');
  });
});

describe('§11 rank percentile — 100 × position ÷ n rounded up (whole number)', () => {
  it.each([
    [1, 3, 34],
    [2, 3, 67],
    [3, 3, 100],
    [1, 100_000, 1],
    [20, 100, 20],
    [21, 100, 21],
    [1, 1, 100],
  ])('position %d of %d → %d', (p, n, pct) => {
    expect(rankPct(p, n)).toBe(pct);
  });
});

describe('§11 key accounts — the first ceil(X % × n) of the eligible', () => {
  it.each([
    [20, 15, 3],
    [20, 5, 1],
    [20, 1, 1],
    [20, 0, 0],
    [20, 6, 2],
    [12.5, 8, 1],
    [100, 7, 7],
  ])('%d %% of %d → %d', (share, n, k) => {
    expect(keyCount(share, n)).toBe(k);
  });
  it('the top 20 % of 10 accounts are key', () => {
    const r = build(Array.from({ length: 10 }, (_, i) => u(String(i + 1), 100 - i)));
    expect(keys(r)).toEqual(['1', '2']);
    expect(r.get('2')).toMatchObject({ exact: true });
    expect(r.placeOf(r.get('2')!)).toEqual({ position: 2, of: 10, pct: 20 });
  });
  it('a disqualified account keeps its score and rank; the next one moves up', () => {
    const r = build(
      Array.from({ length: 10 }, (_, i) => u(String(i + 1), 100 - i, { disqualified: i === 0 })),
    );
    // 9 eligible → ceil(1.8) = 2 key accounts: 2 and 3.
    expect(keys(r)).toEqual(['2', '3']);
    expect(r.get('1')).toMatchObject({ isKey: false });
    expect(r.placeOf(r.get('1')!)).toMatchObject({ position: 1, pct: 10 });
  });
  it('per segment: the share applies within each segment, and the rank is within it', () => {
    const updates = [
      ...Array.from({ length: 5 }, (_, i) => u(`a${i}`, 90 - i, { segment: 'A' })),
      ...Array.from({ length: 5 }, (_, i) => u(`b${i}`, 10 - i, { segment: 'B' })),
    ];
    const portal = build(updates);
    expect(keys(portal)).toEqual(['a0', 'a1']);
    const seg = build(updates, { score: { perSegment: true } });
    expect(keys(seg).sort()).toEqual(['a0', 'b0']);
    expect(seg.placeOf(seg.get('b0')!)).toEqual({ position: 1, of: 5, pct: 20 });
  });
  it('accounts without a segment form their own scope per segment', () => {
    const r = build([u('x', 1, { segment: null }), u('y', 2, { segment: 'S' })], {
      score: { perSegment: true },
    });
    expect(keys(r).sort()).toEqual(['x', 'y']);
  });
});

describe('§11 hysteresis — an account already key stays key while its percentile ≤ X + margin', () => {
  const ranked = (wasKeyId: string, extra: Partial<RankUpdate> = {}) =>
    build(
      Array.from({ length: 100 }, (_, i) =>
        u(
          String(i + 1),
          1000 - i,
          String(i + 1) === wasKeyId ? { wasKey: true, ...extra } : { wasKey: false },
        ),
      ),
    );
  it.each([
    ['21', true, true],
    ['22', true, true],
    ['23', false, false],
  ])('previously key at position %s of 100 → key %s', (id, isKey) => {
    const r = ranked(id);
    expect(r.get(id)!.isKey).toBe(isKey);
    expect(keys(r).length).toBe(isKey ? 21 : 20);
  });
  it('does not hold a disqualified account', () => {
    expect(ranked('21', { disqualified: true }).get('21')!.isKey).toBe(false);
  });
  it('the first evaluation is exact (no previous flag)', () => {
    const r = build(
      Array.from({ length: 100 }, (_, i) => u(String(i + 1), 1000 - i, { wasKey: null })),
    );
    expect(keys(r).length).toBe(20);
  });
  it('the margin is a setting', () => {
    const r = build(
      Array.from({ length: 100 }, (_, i) => u(String(i + 1), 1000 - i, { wasKey: i === 24 })),
      { score: { hysteresisPts: 5 } },
    );
    expect(r.get('25')!.isKey).toBe(true);
  });
});

describe('§1 disqualifiers — each a setting, off when its data is absent', () => {
  const s = settingsWith();
  it.each([
    [{ avgDaysToPay: 91 }, ['rank.disqualified.days_to_pay']],
    [{ avgDaysToPay: 90 }, []],
    [{ marginPct: 9.9 }, ['rank.disqualified.margin']],
    [{ marginPct: 10 }, []],
    [
      { avgDaysToPay: 120, marginPct: 2 },
      ['rank.disqualified.days_to_pay', 'rank.disqualified.margin'],
    ],
    [{ avgDaysToPay: null, marginPct: null }, []],
  ] as const)('%j → %j', (fields, codes) => {
    expect(disqualifiersOf(makeAccount(fields), s).map((d) => d.code)).toEqual(codes);
  });
  it('records the value and the limit', () => {
    expect(disqualifiersOf(makeAccount({ avgDaysToPay: 120 }), s)[0].params).toEqual({
      days: 120,
      limit: 90,
    });
  });
  it('can be switched off or moved', () => {
    const off = settingsWith({
      score: { disqualifiers: { maxAvgDaysToPay: { enabled: false }, minMarginPct: { floor: 5 } } },
    });
    expect(disqualifiersOf(makeAccount({ avgDaysToPay: 200, marginPct: 6 }), off)).toEqual([]);
  });
});

describe('rank result — reason and change', () => {
  const margin10 = { score: { hysteresisPts: 10 } };
  const s = settingsWith(margin10);
  const r = build(
    [
      u('1', 90, { wasKey: false }),
      u('2', 80, { wasKey: true }),
      u('3', 70, { wasKey: true }),
      u('4', 60, { disqualified: true, wasKey: true }),
      ...Array.from({ length: 6 }, (_, i) => u(String(i + 5), 50 - i, { wasKey: false })),
    ],
    margin10,
  );
  const prev = (isKeyAccount: boolean) => previousState({ isKeyAccount });
  it.each([
    ['1', prev(false), 'rank.key.top_share', 'entered'],
    ['2', prev(true), 'rank.key.top_share', null],
    ['3', prev(true), 'rank.key.hysteresis', 'stayed_by_hysteresis'],
    ['4', prev(true), 'rank.not_key.disqualified', 'left'],
    ['5', prev(false), 'rank.not_key.below_share', null],
    ['1', null, 'rank.key.top_share', null],
  ] as const)('account %s', (id, previous, code, change) => {
    const entry = r.get(id)!;
    const place = r.placeOf(entry);
    const res = rankResultOf(entry, place, s, [], previous);
    expect(res.reason.code).toBe(code);
    expect(res.change).toBe(change);
    expect(res.scope).toBe('portal');
    expect(res).toMatchObject({ ...place, isKeyAccount: entry.isKey });
  });
});

describe('incremental ranking — one account moves; the result equals a rebuild', () => {
  const snapshot = (r: Ranking) =>
    new Map(
      [...r.entries()].map((e) => [
        e.id,
        { position: e.position, pct: e.pct, isKey: e.isKey, exact: e.exact },
      ]),
    );

  /** A rebuild with the same inputs: every other account's current key flag is its previous one. */
  function rebuildAfter(before: Ranking, update: RankUpdate, s: SettingsInput) {
    const updates: RankUpdate[] = [...before.entries()]
      .filter((e) => e.id !== update.id)
      .map((e) => ({
        id: e.id,
        score: e.score,
        revenue: e.revenue,
        segment: e.segment,
        disqualified: e.disqualified,
        wasKey: e.isKey,
      }));
    updates.push(update);
    return Ranking.build(updates, settingsWith(s));
  }

  const entryArb = fc.record({
    score: fc.integer({ min: 0, max: 30 }),
    revenue: fc.integer({ min: 0, max: 3 }),
    segment: fc.constantFrom('A', 'B', null),
    disqualified: fc.boolean(),
    wasKey: fc.constantFrom(true, false, null),
  });

  it.each([
    ['portal', {}],
    ['per segment', { score: { perSegment: true } }],
    ['share 50 %, margin 10', { score: { keyAccountSharePct: 50, hysteresisPts: 10 } }],
  ] as const)('%s: upsert of an existing, a new or a re-segmented account', (_n, s) => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        entryArb,
        fc.boolean(),
        (entries, pick, next, isNew) => {
          const initial = entries.map((e, i) => ({ id: String(i + 1), ...e }));
          const ranking = Ranking.build(initial, settingsWith(s));
          const before = snapshot(ranking);
          const id = isNew ? 'new' : String((pick % initial.length) + 1);
          const update: RankUpdate = { id, ...next };
          const expected = rebuildAfter(ranking, update, s);
          const { changes } = ranking.upsert(update);
          const after = snapshot(ranking);
          expect(after).toEqual(snapshot(expected));
          const changedIds = [...after]
            .filter(
              ([k, v]) =>
                k !== id && (before.get(k)!.pct !== v.pct || before.get(k)!.isKey !== v.isKey),
            )
            .map(([k]) => k)
            .sort();
          expect(changes.map((c) => c.id).sort()).toEqual(changedIds);
        },
      ),
      { seed: 20261123, numRuns: 300 },
    );
  });

  it('large scopes (percentile steps are sparse): an existing account moves anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 150, maxLength: 400 }),
        fc.nat(),
        entryArb,
        fc.constantFrom(0, 2, 7),
        (entries, pick, next, margin) => {
          const s = { score: { hysteresisPts: margin } };
          const initial = entries.map((e, i) => ({ id: String(i + 1), ...e, segment: 'A' }));
          const ranking = Ranking.build(initial, settingsWith(s));
          const before = snapshot(ranking);
          const id = String((pick % initial.length) + 1);
          const update: RankUpdate = { id, ...next, segment: 'A' };
          const expected = rebuildAfter(ranking, update, s);
          const { changes } = ranking.upsert(update);
          const after = snapshot(ranking);
          expect(after).toEqual(snapshot(expected));
          const changedIds = [...after]
            .filter(
              ([k, v]) =>
                k !== id && (before.get(k)!.pct !== v.pct || before.get(k)!.isKey !== v.isKey),
            )
            .map(([k]) => k)
            .sort();
          expect(changes.map((c) => c.id).sort()).toEqual(changedIds);
        },
      ),
      { seed: 424242, numRuns: 80 },
    );
  });

  it('a chain of updates stays equal to rebuilds', () => {
    const s = {};
    const ranking = build(
      Array.from({ length: 30 }, (_, i) => u(String(i), (i * 7) % 23, { wasKey: null })),
      s,
    );
    let reference = ranking;
    for (let step = 0; step < 60; step++) {
      const update = u(String((step * 11) % 30), (step * 13) % 29, {
        wasKey: ranking.get(String((step * 11) % 30))!.isKey,
        disqualified: step % 7 === 0,
      });
      reference = rebuildAfter(ranking, update, s);
      ranking.upsert(update);
      expect(snapshot(ranking)).toEqual(snapshot(reference));
    }
  });

  it('removes an account and reports who moved up', () => {
    const r = build(Array.from({ length: 5 }, (_, i) => u(String(i + 1), 10 - i)));
    const changes = r.remove('1');
    expect(order(r)).toEqual(['2', '3', '4', '5']);
    expect(r.get('2')).toMatchObject({ isKey: true });
    expect(r.placeOf(r.get('2')!)).toEqual({ position: 1, of: 4, pct: 25 });
    expect(changes.map((c) => c.id)).toEqual(['2', '3', '4']); // 5 stays at 100 %
    expect(r.remove('missing')).toEqual([]);
  });

  it('round-trips through JSON', () => {
    const r = build(
      Array.from({ length: 12 }, (_, i) =>
        u(String(i + 1), i % 4, { revenue: i, disqualified: i === 3, segment: i % 2 ? 'A' : null }),
      ),
    );
    const back = Ranking.fromJSON(JSON.parse(JSON.stringify(r.toJSON())), settingsWith());
    expect(snapshot(back)).toEqual(snapshot(r));
  });
});

describe('sortByRank equals a comparison sort by compareRank', () => {
  const entryArb = fc.record({
    tenths: fc.integer({ min: 0, max: 1000 }),
    revenue: fc.constantFrom(0, 0, 1000, 2500.5, 99_999),
    id: fc.integer({ min: 1, max: 1e9 }),
  });
  const entriesOf = (
    specs: { tenths: number; revenue: number; id: number }[],
    score = (t: number) => t / 10,
  ) => {
    const seen = new Set<number>();
    return specs
      .filter((s) => !seen.has(s.id) && seen.add(s.id))
      .map((s) =>
        newEntry({
          id: String(s.id),
          score: score(s.tenths),
          revenue: s.revenue,
          segment: null,
          disqualified: false,
          wasKey: null,
        }),
      );
  };
  it('on random portfolios with many ties (one-decimal scores)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 200, maxLength: 1500 }), (specs) => {
        const entries = entriesOf(specs);
        const expected = [...entries].sort(compareRank);
        sortByRank(entries);
        expect(entries).toEqual(expected);
      }),
      { seed: 7, numRuns: 60 },
    );
  });
  it('falls back to the comparison sort for any other score', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 300, maxLength: 600 }), (specs) => {
        const entries = entriesOf(specs, (t) => t / 7);
        const expected = [...entries].sort(compareRank);
        sortByRank(entries);
        expect(entries).toEqual(expected);
      }),
      { seed: 8, numRuns: 20 },
    );
  });
});
