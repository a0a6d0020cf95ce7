import {
  addSlaHours,
  formatLocalDateTime,
  instantOfLocal,
  localDay,
} from '../../src/alerts/sla-clock.js';
import { defaultSettings, type Settings } from '../../src/domain/settings.js';

function settings(
  slaClock: 'wall' | 'business',
  timeZone: string,
  hours = { startHour: 9, endHour: 18 },
): Settings {
  return {
    ...defaultSettings,
    timeZone,
    alerts: { ...defaultSettings.alerts, slaClock, businessHours: hours },
  };
}

const at = (iso: string) => new Date(iso);

describe('addSlaHours — wall clock', () => {
  it.each([
    ['2026-03-13T17:00:00Z', 2, '2026-03-13T19:00:00.000Z'],
    ['2026-03-14T23:30:00Z', 24, '2026-03-15T23:30:00.000Z'],
    ['2026-03-08T06:00:00Z', 2, '2026-03-08T08:00:00.000Z'], // across New York's DST jump: real hours
  ])('%s + %d h = %s', (start, hours, expected) => {
    expect(addSlaHours(at(start), hours, settings('wall', 'America/New_York')).toISOString()).toBe(
      expected,
    );
  });
});

describe('addSlaHours — business hours Mon–Fri 09:00–18:00 in the portal time zone', () => {
  // 2026-03-13 is a Friday; New York moves to summer time on Sunday 2026-03-08 and 2026-11-01 back.
  it.each([
    ['inside the window', 'UTC', '2026-03-10T10:00:00Z', 2, '2026-03-10T12:00:00.000Z'],
    [
      'before opening starts at 09:00',
      'UTC',
      '2026-03-10T06:30:00Z',
      2,
      '2026-03-10T11:00:00.000Z',
    ],
    [
      'after closing starts next morning',
      'UTC',
      '2026-03-10T19:00:00Z',
      2,
      '2026-03-11T11:00:00.000Z',
    ],
    [
      'Friday 17:00 + 2 h → Monday 10:00',
      'UTC',
      '2026-03-13T17:00:00Z',
      2,
      '2026-03-16T10:00:00.000Z',
    ],
    ['Saturday → Monday', 'UTC', '2026-03-14T12:00:00Z', 2, '2026-03-16T11:00:00.000Z'],
    ['Sunday night → Monday', 'UTC', '2026-03-15T23:59:00Z', 1, '2026-03-16T10:00:00.000Z'],
    [
      '24 h = 9 h a day → third working day',
      'UTC',
      '2026-03-10T09:00:00Z',
      24,
      '2026-03-12T15:00:00.000Z',
    ],
    [
      'exactly at closing ends at closing',
      'UTC',
      '2026-03-10T16:00:00Z',
      2,
      '2026-03-10T18:00:00.000Z',
    ],
    // Friday 2026-03-06 17:00 EST (22:00Z) + 2 h → Monday 2026-03-09 10:00 EDT (14:00Z) across the spring jump.
    [
      'New York, across the spring DST jump',
      'America/New_York',
      '2026-03-06T22:00:00Z',
      2,
      '2026-03-09T14:00:00.000Z',
    ],
    // Friday 2026-10-30 17:00 EDT (21:00Z) + 2 h → Monday 2026-11-02 10:00 EST (15:00Z) across the autumn change.
    [
      'New York, across the autumn DST change',
      'America/New_York',
      '2026-10-30T21:00:00Z',
      2,
      '2026-11-02T15:00:00.000Z',
    ],
    // Shanghai (UTC+8, no DST): Monday 2026-03-16 08:00 local = 00:00Z → opens 09:00 → 11:00 local = 03:00Z.
    [
      'Shanghai before opening',
      'Asia/Shanghai',
      '2026-03-16T00:00:00Z',
      2,
      '2026-03-16T03:00:00.000Z',
    ],
    // Berlin: Friday 2026-03-27 17:30 CET (16:30Z) + 1 h → Monday 2026-03-30 09:30 CEST (07:30Z).
    [
      'Berlin, across its DST jump',
      'Europe/Berlin',
      '2026-03-27T16:30:00Z',
      1,
      '2026-03-30T07:30:00.000Z',
    ],
  ])('%s (%s): %s + %d h = %s', (_name, tz, start, hours, expected) => {
    expect(addSlaHours(at(start), hours, settings('business', tz)).toISOString()).toBe(expected);
  });

  it('honours custom hours (08:00–24:00)', () => {
    const s = settings('business', 'UTC', { startHour: 8, endHour: 24 });
    expect(addSlaHours(at('2026-03-10T23:00:00Z'), 2, s).toISOString()).toBe(
      '2026-03-11T09:00:00.000Z',
    );
  });

  it('zero hours is the start (or the next opening)', () => {
    const s = settings('business', 'UTC');
    expect(addSlaHours(at('2026-03-10T10:00:00Z'), 0, s).toISOString()).toBe(
      '2026-03-10T10:00:00.000Z',
    );
  });
});

describe('local time helpers', () => {
  it('a skipped local time resolves after the jump', () => {
    // 2026-03-08 02:00 does not exist in New York; 03:00 EDT = 07:00Z.
    expect(new Date(instantOfLocal(2026, 3, 8, 2, 'America/New_York')).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });
  it('formats in the zone', () => {
    expect(formatLocalDateTime(at('2026-03-10T14:05:00Z'), 'Asia/Shanghai')).toBe(
      '2026-03-10 22:05',
    );
    expect(localDay(at('2026-03-10T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-11');
  });
});
