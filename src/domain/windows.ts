import type { EvalContext } from './context.js';
import { addMonths, lastCompletedQuarters, type Quarter } from './dates.js';

/**
 * The date windows of one evaluation run (sales and win-rate windows, the
 * kept quarters, cadence phase limits): the same for every account, so
 * computed once per context instead of once per account.
 */

/** How many completed quarters the facts keep (two years). */
export const QUARTERS_KEPT = 8;

export interface Windows {
  today: number;
  settings: EvalContext['settings'];
  salesStart: number;
  priorStart: number;
  winStart: number;
  linesStart: number;
  yearAgo: number;
  linesYearAgoStart: number;
  /** The last QUARTERS_KEPT completed quarters, oldest first: shared by every account, frozen. */
  quarters: readonly Quarter[];
  /** Exclusive end day of each kept quarter. */
  quarterEnds: Int32Array;
  /** Cadence phases: a relationship is new while its first won day is after this day, developing after the next. */
  newRelationshipFrom: number;
  establishedFrom: number;
}

const windowCache = new WeakMap<EvalContext, Windows>();

export function windowsOf(ctx: EvalContext): Windows {
  const cached = windowCache.get(ctx);
  // A context is not meant to change, but re-check its two inputs rather than trust that.
  if (cached && cached.today === ctx.today && cached.settings === ctx.settings) return cached;
  const s = ctx.settings;
  const today = ctx.today;
  const lineMonths = s.health.ecosystem.productLineWindowMonths;
  const salesStart = addMonths(today, -s.score.salesWindowMonths);
  const yearAgo = addMonths(today, -12);
  const quarters = lastCompletedQuarters(today, QUARTERS_KEPT, s.fiscalYearStartMonth);
  for (const q of quarters) Object.freeze(q);
  const w: Windows = {
    today,
    settings: s,
    salesStart,
    priorStart: addMonths(salesStart, -s.score.salesWindowMonths),
    winStart: addMonths(today, -s.score.winRateWindowMonths),
    linesStart: addMonths(today, -lineMonths),
    yearAgo,
    linesYearAgoStart: addMonths(yearAgo, -lineMonths),
    quarters: Object.freeze(quarters),
    quarterEnds: Int32Array.from(quarters, (q) => q.endDay),
    newRelationshipFrom: lastDayWithin(today, s.cadence.newRelationshipMonths),
    establishedFrom: lastDayWithin(today, s.cadence.establishedMonths),
  };
  windowCache.set(ctx, w);
  return w;
}

/**
 * The last day d with addMonths(d, months) ≤ today. addMonths never decreases
 * as d grows, so "today < addMonths(start, months)" is exactly "start > that day".
 */
function lastDayWithin(today: number, months: number): number {
  let d = addMonths(today, -months);
  while (addMonths(d + 1, months) <= today) d++;
  while (addMonths(d, months) > today) d--;
  return d;
}
