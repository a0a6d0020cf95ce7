import fc from 'fast-check';
import { ZonedCalendar, zonedCalendar } from '../../src/sync/local-date.js';

const zones = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Asia/Shanghai',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Santiago',
];

const formats = new Map(
  zones.map((tz) => [
    tz,
    new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }),
  ]),
);
const clocks = new Map(
  zones.map((tz) => [
    tz,
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  ]),
);

function intlDate(ms: number, timeZone: string): string {
  return (formats.get(timeZone) as Intl.DateTimeFormat).format(new Date(ms));
}

describe('ZonedCalendar', () => {
  it('agrees with Intl on the local date of any instant', () => {
    const min = Date.UTC(2015, 0, 1);
    const max = Date.UTC(2035, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.constantFrom(...zones), (ms, tz) => {
        expect(zonedCalendar(tz).dateOf(ms)).toBe(intlDate(ms, tz));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    // Around DST changes, including the half-hour zones.
    ['America/New_York', '2026-03-08T06:59:59Z', '2026-03-08'],
    ['America/New_York', '2026-11-01T04:30:00Z', '2026-11-01'],
    ['America/St_Johns', '2026-03-08T02:45:00Z', '2026-03-07'],
    ['America/St_Johns', '2026-03-09T02:45:00Z', '2026-03-09'],
    ['Australia/Lord_Howe', '2026-04-04T13:45:00Z', '2026-04-05'],
  ])('%s at %s is %s', (tz, iso, date) => {
    const ms = Date.parse(iso);
    expect(new ZonedCalendar(tz).dateOf(ms)).toBe(date);
    expect(intlDate(ms, tz)).toBe(date);
  });

  it('turns a local wall time back into the instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16_800, max: 23_000 }),
        fc.integer({ min: 4 * 60, max: 23 * 60 }),
        fc.constantFrom(...zones),
        (day, minutes, tz) => {
          const cal = zonedCalendar(tz);
          const ms = cal.instantOf(day, minutes);
          expect(cal.dayOf(ms)).toBe(day);
          const parts = (clocks.get(tz) as Intl.DateTimeFormat).format(new Date(ms));
          const [h, m] = parts.split(':').map(Number);
          // Equal, except for a wall time skipped by a DST change (then up to an hour earlier).
          expect(minutes - (h * 60 + m)).toBeGreaterThanOrEqual(0);
          expect(minutes - (h * 60 + m)).toBeLessThanOrEqual(60);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
