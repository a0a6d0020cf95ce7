import type { EvalContext } from './context.js';
import { addMonths, lastCompletedQuarters, type Quarter } from './dates.js';

/**
 * The date windows of one evaluation run (sales, win-rate and product-line
 * windows, the kept quarters): the same for every account, so computed once
 * per context instead of once per account.
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
  /** The last QUARTERS_KEPT completed quarters, oldest first: shared by every account, so frozen. */
  quarters: readonly Quarter[];
}

const cache = new WeakMap<EvalContext, Windows>();

export function windowsOf(ctx: EvalContext): Windows {
  const hit = cache.get(ctx);
  // A context is not meant to change; re-check its two inputs rather than trust that.
  if (hit && hit.today === ctx.today && hit.settings === ctx.settings) return hit;
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
  };
  cache.set(ctx, w);
  return w;
}
