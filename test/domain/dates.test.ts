import {
  addMonths,
  dayNumber,
  daysFromCivil,
  fromDayNumber,
  lastCompletedQuarters,
  localDateOf,
  quarterFromIndex,
  quarterIndexOf,
} from '../../src/domain/dates.js';
import fc from 'fast-check';

describe('dates (spec §11: dates and quarters in the portal time zone)', () => {
  it('round-trips day numbers', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(dayNumber('2024-02-29'))).toBe('2024-02-29');
    fc.assert(
      fc.property(fc.integer({ min: -200000, max: 200000 }), (n) => dayNumber(fromDayNumber(n)) === n),
    );
  });
  it('adds months clamping to month end', () => {
    expect(fromDayNumber(addMonths(dayNumber('2025-03-31'), -1))).toBe('2025-02-28');
    expect(fromDayNumber(addMonths(dayNumber('2024-11-15'), -12))).toBe('2023-11-15');
  });
  it('labels calendar quarters', () => {
    const q = quarterFromIndex(quarterIndexOf(dayNumber('2026-11-23')));
    expect(q.label).toBe('2026Q4');
    expect(fromDayNumber(q.startDay)).toBe('2026-10-01');
    expect(fromDayNumber(q.endDay)).toBe('2027-01-01');
  });
  it('the last 4 quarters are the last 4 completed ones', () => {
    const qs = lastCompletedQuarters(dayNumber('2026-11-23'), 4).map((q) => q.label);
    expect(qs).toEqual(['2025Q4', '2026Q1', '2026Q2', '2026Q3']);
  });
  it('supports a fiscal year starting in April (FY named by the year it ends)', () => {
    const q = quarterFromIndex(quarterIndexOf(dayNumber('2026-05-10'), 4), 4);
    expect(q.label).toBe('2027Q1');
    expect(fromDayNumber(q.startDay)).toBe('2026-04-01');
  });
  it('takes the local date in the portal time zone', () => {
    expect(localDateOf('2026-01-01T03:00:00Z', 'America/New_York')).toBe('2025-12-31');
    expect(localDateOf('2026-01-01T20:00:00Z', 'Asia/Shanghai')).toBe('2026-01-02');
  });
});

describe('dayNumber: the month-start table equals the civil arithmetic', () => {
  it('for every day (and out-of-range day and month numbers) of 1890-2209', () => {
    let differing = 0;
    for (let y = 1890; y < 2210; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (dayNumber(text) !== daysFromCivil(y, m, d)) differing++;
        }
    expect(differing).toBe(0);
  });
});
