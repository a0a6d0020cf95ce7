import { z } from 'zod';
import { instantSchema } from '../domain/snapshot.js';
import { civilFromDays, daysFromCivil } from '../domain/dates.js';
import { zonedCalendar, type ZonedCalendar } from '../sync/local-date.js';
import type { Owner } from '../sync/records.js';
import { buildOwners } from './owners.js';

/**
 * Options of the demo portal and what every company generator shares (the
 * calendar, today, owners, the seasonal month table), resolved once.
 *
 * Defaults are fixed, never the wall clock, so output is reproducible: asOf is
 * 2026-11-16T15:00:00Z and the portal time zone America/New_York. Consumers
 * with a clock (the sandbox) pass their own `asOf` so stories stay current.
 */

export const DEFAULT_AS_OF = '2026-11-16T15:00:00.000Z';
export const DEFAULT_TIME_ZONE = 'America/New_York';
export const DEFAULT_COMPANIES = 200;

export const demoOptionsSchema = z.object({
  seed: z.number().int().default(42),
  companies: z.number().int().min(0).max(10_000_000).default(DEFAULT_COMPANIES),
  asOf: instantSchema.default(DEFAULT_AS_OF),
  timeZone: z.string().min(1).default(DEFAULT_TIME_ZONE),
  /** Sales reps (owners); the brief's realistic range is 8–20. */
  owners: z.number().int().min(1).max(100).default(12),
  /** Put the scripted stories first (indices 0…n−1); off = random companies only. */
  stories: z.boolean().default(true),
  /** Average records per company. */
  ratios: z
    .object({
      contacts: z.number().min(1).max(200).default(6),
      deals: z.number().min(0).max(400).default(10),
      engagements: z.number().min(0).max(800).default(30),
    })
    .default({ contacts: 6, deals: 10, engagements: 30 }),
});
export type DemoOptions = z.input<typeof demoOptionsSchema>;

export interface DemoContext {
  seed: number;
  companies: number;
  stories: boolean;
  ratios: { contacts: number; deals: number; engagements: number };
  asOf: string;
  asOfMs: number;
  timeZone: string;
  calendar: ZonedCalendar;
  /** Local day number of asOf in the portal time zone. */
  today: number;
  owners: Owner[];
  /** The 36 months up to today (local day numbers, end exclusive) with seasonal weights. */
  months: { start: number; end: number; weight: number }[];
  /** Cumulative month weights, for `Rng.cumulative`. */
  monthCumulative: number[];
}

/** Relative demand per calendar month: budgets flush in Q4, summer is quiet. */
const SEASONALITY = [0.75, 0.8, 1.0, 0.85, 0.9, 1.05, 0.7, 0.75, 1.05, 1.1, 1.25, 1.55];
/** Business grows: the latest month weighs this much more than the oldest. */
const GROWTH = 0.6;

export function createDemoContext(options: DemoOptions = {}): DemoContext {
  const o = demoOptionsSchema.parse(options);
  const calendar = zonedCalendar(o.timeZone);
  const asOfMs = Date.parse(o.asOf);
  const today = calendar.dayOf(asOfMs);
  const months = seasonalMonths(today);
  return {
    seed: o.seed,
    companies: o.companies,
    stories: o.stories,
    ratios: o.ratios,
    asOf: new Date(asOfMs).toISOString(),
    asOfMs,
    timeZone: o.timeZone,
    calendar,
    today,
    owners: buildOwners(o.seed, o.owners, asOfMs),
    months,
    monthCumulative: cumulative(months.map((m) => m.weight)),
  };
}

function cumulative(weights: number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

function seasonalMonths(today: number): DemoContext['months'] {
  const { y, m } = civilFromDays(today);
  const out: DemoContext['months'] = [];
  for (let back = 35; back >= 0; back--) {
    const total = y * 12 + (m - 1) - back;
    const my = Math.floor(total / 12);
    const mm = (total % 12) + 1;
    const start = daysFromCivil(my, mm, 1);
    const next = daysFromCivil(mm === 12 ? my + 1 : my, mm === 12 ? 1 : mm + 1, 1);
    // Deals close before today: the current month only up to yesterday.
    const end = Math.min(next, today);
    if (end <= start) continue;
    const share = (end - start) / (next - start);
    out.push({ start, end, weight: SEASONALITY[mm - 1] * (1 + GROWTH * (1 - back / 35)) * share });
  }
  return out;
}

/** Zero-padded 000…999: ids are built by concatenation, since numbers above 2^31 format slowly. */
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * HubSpot-style ids: numeric strings, one range per object type, derived from
 * the company index (e.g. contact k of company i = 20,000,000,000 + 1000 i + k).
 */
export const ids = {
  company: (index: number) => String(10_000_000_000 + index),
  contact: (index: number, k: number) => String(20_000_000 + index) + THREE[k],
  deal: (index: number, k: number) => String(30_000_000 + index) + THREE[k],
  engagement: (index: number, k: number) => String(40_000_000 + index) + THREE[k],
  /** Records per type and company stay below this, so ids never collide. */
  perCompany: 1000,
};
