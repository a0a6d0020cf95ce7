import { computeFacts, lastTouchOf, QUARTERS_KEPT } from '../../src/domain/facts.js';
import { dayNumber } from '../../src/domain/dates.js';
import { ctxAt, engagement, lost, makeAccount, open, won } from './builders.js';

/** Facts computed once per account (§11 windows), as of 2026-11-23. */
const ctx = ctxAt('2026-11-23');
const facts = (over: Parameters<typeof makeAccount>[0]) => computeFacts(makeAccount(over), ctx);

describe('§11 facts — revenue windows', () => {
  it.each([
    ['today', '2026-11-23', 100, 0],
    ['a day inside the 12-month window', '2025-11-24', 100, 0],
    ['the window start belongs to the prior 12 months', '2025-11-23', 0, 100],
    ['inside the prior 12 months', '2025-01-10', 0, 100],
    ['before both windows', '2024-11-23', 0, 0],
    ['a future close date is not history', '2026-12-01', 0, 0],
  ])('%s', (_n, date, trailing, prior) => {
    const f = facts({ deals: [won(100, date)] });
    expect([f.trailingRevenue, f.priorRevenue]).toEqual([trailing, prior]);
  });
  it('a won deal without an amount counts as a won deal with 0 revenue; one without a close date is ignored', () => {
    const f = facts({
      deals: [won(0, '2026-10-01', { amount: null }), won(50, '2026-10-01', { closeDate: null })],
    });
    expect(f.wonDealIds).toHaveLength(1);
    expect(f.wonDealDays).toEqual([dayNumber('2026-10-01')]);
    expect(f.trailingRevenue).toBe(0);
    expect(f.hasWonDeal).toBe(true);
  });
  it('won deals oldest first, first won day', () => {
    const f = facts({
      deals: [
        won(1, '2026-05-01', { id: 'w1' }),
        won(2, '2024-01-01', { id: 'w2' }),
        lost('2023-01-01'),
        won(3, '2024-01-01', { id: 'w3' }),
      ],
    });
    expect(f.wonDealIds).toEqual(['w2', 'w3', 'w1']);
    expect(f.wonDealDays).toEqual([dayNumber('2024-01-01'), dayNumber('2024-01-01'), dayNumber('2026-05-01')]);
    expect(f.firstWonDay).toBe(dayNumber('2024-01-01'));
  });
});

describe('§11 facts — the last 8 completed quarters', () => {
  it('are 2024Q4 … 2026Q3 with revenue and won counts per quarter', () => {
    const f = facts({
      deals: [
        won(10, '2026-09-30'),
        won(5, '2026-07-01'),
        won(7, '2026-10-01'),
        won(3, '2024-10-01'),
        won(99, '2024-09-30'),
      ],
    });
    expect(f.quarters).toHaveLength(QUARTERS_KEPT);
    expect(f.quarters[0].label).toBe('2024Q4');
    expect(f.quarters[7].label).toBe('2026Q3');
    expect(f.quarterRevenue).toEqual([3, 0, 0, 0, 0, 0, 0, 15]);
    expect(f.quarterWonCount).toEqual([1, 0, 0, 0, 0, 0, 0, 2]);
  });
});

describe('§11 facts — win rate and frequency windows', () => {
  it('counts won and lost deals closed in the last 24 months; open deals apart', () => {
    const f = facts({
      deals: [
        won(1, '2025-01-01'),
        lost('2025-06-01'),
        lost('2024-11-23'),
        open('2026-12-01'),
        open(null),
      ],
    });
    expect([f.closedWonInWinWindow, f.closedLostInWinWindow, f.openDeals]).toEqual([1, 1, 2]);
  });
  it('won deals in the last 180 days and the 180 before', () => {
    // today − 180 = 2026-05-27 (outside the recent window), today − 360 = 2025-11-28
    const f = facts({
      deals: [
        won(1, '2026-05-28'),
        won(1, '2026-05-27'),
        won(1, '2025-11-29'),
        won(1, '2025-11-28'),
      ],
    });
    expect([f.wonRecent, f.wonEarlier]).toEqual([1, 2]);
  });
});

describe('§11 facts — product lines (ecosystem breadth)', () => {
  it('distinct lines in the last 24 months and in the 24 months ending a year ago', () => {
    const f = facts({
      deals: [
        won(1, '2026-10-01', { productLine: 'A' }),
        won(1, '2026-03-01', { productLine: 'A' }),
        won(1, '2025-06-01', { productLine: 'B' }),
        won(1, '2024-06-01', { productLine: 'C' }),
        won(1, '2026-06-01', { productLine: null }),
        lost('2026-06-01', { productLine: 'D' }),
      ],
    });
    expect(f.productLinesNow).toBe(2); // A, B
    expect(f.productLinesYearAgo).toBe(2); // B, C
  });
});

describe('§11 facts — touches', () => {
  it('input order, future ones excluded, last touch per contact', () => {
    const f = facts({
      engagements: [
        engagement({ id: 'e1', date: '2026-10-01', contactIds: ['a', 'b'] }),
        engagement({ id: 'e2', date: '2026-11-20', contactIds: ['a'] }),
        engagement({ id: 'e3', date: '2026-12-01', contactIds: ['b'] }),
      ],
    });
    expect(f.touches.map((t) => t.id)).toEqual(['e1', 'e2']);
    expect(f.touchDays).toEqual([dayNumber('2026-10-01'), dayNumber('2026-11-20')]);
    expect(f.lastTouchDay).toBe(dayNumber('2026-11-20'));
    expect(lastTouchOf(f, 'a')).toBe(dayNumber('2026-11-20'));
    expect(lastTouchOf(f, 'b')).toBe(dayNumber('2026-10-01'));
    expect(lastTouchOf(f, 'nobody')).toBeNull();
  });
  it('no engagements → no last touch', () => {
    expect(facts({}).lastTouchDay).toBeNull();
  });
});
