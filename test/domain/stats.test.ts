import fc from 'fast-check';
import { buildStats, statsFromJSON, type StatsEntry } from '../../src/domain/stats.js';

const entry = (
  segment: string | null,
  trailingRevenue: number,
  extra: Partial<StatsEntry> = {},
): StatsEntry => ({
  segment,
  trailingRevenue,
  annualRevenue: null,
  employees: null,
  revenueMargin: null,
  ...extra,
});

describe('§11 percentile — (lower + ½ equal) ÷ n × 100 within the segment', () => {
  const stats = buildStats(
    [
      entry('A', 0),
      entry('A', 100),
      entry('A', 100),
      entry('A', 300),
      entry('B', 5),
      entry(null, 7),
      entry(null, 9),
    ],
    '2026-11-23T12:00:00.000Z',
  );
  it.each([
    ['lowest value, alone', 'A', 0, 12.5],
    ['ties share one value', 'A', 100, 50],
    ['highest value', 'A', 300, 87.5],
    ['a value between the known ones', 'A', 200, 75],
    ['a value above all', 'A', 1000, 100],
    ['a value below all', 'A', -1, 0],
    ['a segment of one', 'B', 5, 50],
    ['the null segment is its own group', null, 9, 75],
  ] as const)('%s', (_name, segment, value, expected) => {
    expect(stats.percentile('trailingRevenue', segment, value)).toBeCloseTo(expected, 10);
  });
  it('is null for a segment without values', () => {
    expect(stats.percentile('trailingRevenue', 'unknown', 1)).toBeNull();
    expect(stats.percentile('annualRevenue', 'A', 1)).toBeNull();
  });
  it('counts the accounts and peers', () => {
    expect(stats.accountCount).toBe(7);
    expect(stats.peers('trailingRevenue', 'A')).toBe(4);
    expect(stats.peers('trailingRevenue', null)).toBe(2);
  });
});

describe('§11 stats — missing values are left out, not counted as zero', () => {
  const stats = buildStats(
    [
      entry('A', 10, { annualRevenue: 1000, employees: null }),
      entry('A', 20, { annualRevenue: null, employees: 50 }),
      entry('A', 30, { annualRevenue: 3000, employees: 70, revenueMargin: 6 }),
    ],
    'x',
  );
  it('keeps only known values per metric', () => {
    expect(stats.peers('annualRevenue', 'A')).toBe(2);
    expect(stats.peers('employees', 'A')).toBe(2);
    expect(stats.peers('revenueMargin', 'A')).toBe(1);
    expect(stats.percentile('annualRevenue', 'A', 3000)).toBe(75);
  });
});

describe('quantile — linear interpolation between closest ranks', () => {
  const stats = buildStats(
    [10, 20, 30, 40, 50].map((r) => entry('A', r)),
    'x',
  );
  it.each([
    [0, 10],
    [50, 30],
    [80, 42],
    [100, 50],
    [25, 20],
  ])('p%d = %d', (p, expected) => {
    expect(stats.quantile('trailingRevenue', 'A', p)).toBeCloseTo(expected, 10);
  });
  it('a single value is every quantile', () => {
    const one = buildStats([entry('S', 7)], 'x');
    expect(one.quantile('trailingRevenue', 'S', 80)).toBe(7);
  });
  it('null without values', () => {
    expect(stats.quantile('trailingRevenue', 'Z', 80)).toBeNull();
  });
});

describe('serialisation', () => {
  it('round-trips through JSON with the same answers', () => {
    const stats = buildStats(
      [
        entry('A', 3, { annualRevenue: 1, employees: 2, revenueMargin: 0.3 }),
        entry('A', 1),
        entry(null, 2),
      ],
      '2026-11-23T12:00:00.000Z',
    );
    const back = statsFromJSON(JSON.parse(JSON.stringify(stats)));
    expect(back.builtAt).toBe(stats.builtAt);
    expect(back.accountCount).toBe(3);
    expect(back.toJSON()).toEqual(stats.toJSON());
    expect(back.percentile('trailingRevenue', 'A', 3)).toBe(75);
    expect(back.percentile('trailingRevenue', null, 2)).toBe(50);
    expect(back.segments()).toEqual(['A', null]);
  });
  it('rejects a malformed cache entry', () => {
    expect(() => statsFromJSON({ version: 2 })).toThrow();
  });
});

describe('percentile equals the two-search definition, with any number of ties', () => {
  it('random segments (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: -1, max: 31 }),
        (values, probe) => {
          const stats = buildStats(
            values.map((v) => entry(null, v)),
            '2026-11-23T12:00:00.000Z',
          );
          const lower = values.filter((v) => v < probe).length;
          const equal = values.filter((v) => v === probe).length;
          expect(stats.percentile('trailingRevenue', null, probe)).toBeCloseTo(
            ((lower + equal / 2) / values.length) * 100,
            12,
          );
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });
});
