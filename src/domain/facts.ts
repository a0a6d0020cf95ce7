import type { Account, Engagement } from './snapshot.js';
import type { EvalContext } from './context.js';
import { addMonths, dayNumber, lastCompletedQuarters, type Quarter } from './dates.js';

/**
 * Numbers derived once per account from its deals and engagements, shared by
 * every rule (score, lifecycle, health, cadence, alerts) so that each date is
 * parsed once and windows are computed in one pass.
 */

export interface WonDeal {
  id: string;
  day: number;
  amount: number;
  productLine: string | null;
}

export interface Touch {
  id: string;
  type: Engagement['type'];
  day: number;
  contactIds: string[];
}

export interface AccountFacts {
  /** Won deals with a close date, oldest first. Amount null counts as 0 revenue. */
  wonDeals: WonDeal[];
  /** Closed-won revenue in the sales window (default 12 months) up to today. */
  trailingRevenue: number;
  /** The same window length just before it (for growth). */
  priorRevenue: number;
  /** Any won deal at all (with a close date). */
  hasWonDeal: boolean;
  firstWonDay: number | null;
  /** The last 8 completed quarters, oldest first, with revenue and won-deal counts. */
  quarters: Quarter[];
  quarterRevenue: number[];
  quarterWonCount: number[];
  /** Won deals in the frequency window (default 180 days) and the one before it. */
  wonRecent: number;
  wonEarlier: number;
  /** Deals closed won/lost within the win-rate window (default 24 months). */
  closedWonInWinWindow: number;
  closedLostInWinWindow: number;
  openDeals: number;
  /** Distinct product lines bought in the ecosystem window ending today, and ending 12 months ago. */
  productLinesNow: number;
  productLinesYearAgo: number;
  /** Engagements with a day number, newest first. */
  touches: Touch[];
  lastTouchDay: number | null;
  /** Last engagement day per contact id. */
  contactLastTouch: Map<string, number>;
}

export const QUARTERS_KEPT = 8;

export function computeFacts(account: Account, ctx: EvalContext): AccountFacts {
  const s = ctx.settings;
  const today = ctx.today;
  const salesStart = addMonths(today, -s.score.salesWindowMonths);
  const priorStart = addMonths(salesStart, -s.score.salesWindowMonths);
  const winStart = addMonths(today, -s.score.winRateWindowMonths);
  const freq = s.health.frequencyWindowDays;
  const lineMonths = s.health.ecosystem.productLineWindowMonths;
  const linesStart = addMonths(today, -lineMonths);
  const yearAgo = addMonths(today, -12);
  const linesYearAgoStart = addMonths(yearAgo, -lineMonths);
  const quarters = lastCompletedQuarters(today, QUARTERS_KEPT, s.fiscalYearStartMonth);
  const qStart = quarters[0].startDay;
  const qEnd = quarters[QUARTERS_KEPT - 1].endDay;
  const quarterRevenue = new Array<number>(QUARTERS_KEPT).fill(0);
  const quarterWonCount = new Array<number>(QUARTERS_KEPT).fill(0);

  const wonDeals: WonDeal[] = [];
  let trailingRevenue = 0;
  let priorRevenue = 0;
  let wonRecent = 0;
  let wonEarlier = 0;
  let closedWon = 0;
  let closedLost = 0;
  let openDeals = 0;
  let firstWonDay: number | null = null;
  const linesNow = new Set<string>();
  const linesYearAgo = new Set<string>();

  for (const deal of account.deals) {
    if (deal.status === 'open') {
      openDeals++;
      continue;
    }
    if (deal.closeDate === null) continue;
    const day = dayNumber(deal.closeDate);
    if (day > today) continue; // a future close date is not history yet
    if (day > winStart) {
      if (deal.status === 'won') closedWon++;
      else closedLost++;
    }
    if (deal.status !== 'won') continue;
    const amount = deal.amount ?? 0;
    wonDeals.push({ id: deal.id, day, amount, productLine: deal.productLine });
    if (firstWonDay === null || day < firstWonDay) firstWonDay = day;
    if (day > salesStart) trailingRevenue += amount;
    else if (day > priorStart) priorRevenue += amount;
    if (day > today - freq) wonRecent++;
    else if (day > today - 2 * freq) wonEarlier++;
    if (day >= qStart && day < qEnd) {
      for (let i = 0; i < QUARTERS_KEPT; i++) {
        if (day < quarters[i].endDay) {
          quarterRevenue[i] += amount;
          quarterWonCount[i]++;
          break;
        }
      }
    }
    if (deal.productLine) {
      if (day > linesStart) linesNow.add(deal.productLine);
      if (day > linesYearAgoStart && day <= yearAgo) linesYearAgo.add(deal.productLine);
    }
  }
  wonDeals.sort((a, b) => a.day - b.day);

  const touches: Touch[] = [];
  const contactLastTouch = new Map<string, number>();
  let lastTouchDay: number | null = null;
  for (const e of account.engagements) {
    const day = dayNumber(e.date);
    if (day > today) continue; // a scheduled future meeting is not a touch yet
    touches.push({ id: e.id, type: e.type, day, contactIds: e.contactIds });
    if (lastTouchDay === null || day > lastTouchDay) lastTouchDay = day;
    for (const c of e.contactIds) {
      const prev = contactLastTouch.get(c);
      if (prev === undefined || day > prev) contactLastTouch.set(c, day);
    }
  }
  touches.sort((a, b) => b.day - a.day);

  return {
    wonDeals,
    trailingRevenue,
    priorRevenue,
    hasWonDeal: wonDeals.length > 0,
    firstWonDay,
    quarters,
    quarterRevenue,
    quarterWonCount,
    wonRecent,
    wonEarlier,
    closedWonInWinWindow: closedWon,
    closedLostInWinWindow: closedLost,
    openDeals,
    productLinesNow: linesNow.size,
    productLinesYearAgo: linesYearAgo.size,
    touches,
    lastTouchDay,
    contactLastTouch,
  };
}
