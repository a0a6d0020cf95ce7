import type { Account, Engagement } from './snapshot.js';
import type { EvalContext } from './context.js';
import { dayNumber, type Quarter } from './dates.js';
import { QUARTERS_KEPT, windowsOf } from './windows.js';

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
  /** The last 8 completed quarters, oldest first, with revenue and won-deal counts (shared by every account: read only). */
  quarters: readonly Quarter[];
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
  /** Engagements with a day number, newest first (built on first read: the rules read the two below). */
  readonly touches: Touch[];
  /** The account's engagements as given, and each one's day number (NOT_A_TOUCH for a future one). */
  engagements: readonly Engagement[];
  engagementDays: number[];
  lastTouchDay: number | null;
  /** Last engagement day per contact id. */
  contactLastTouch: Map<string, number>;
}

export { QUARTERS_KEPT };

/** The facts a score reads (sales and win rate): computeScoreFacts derives them from the deals alone. */
export type ScoreFacts = Pick<
  AccountFacts,
  'trailingRevenue' | 'closedWonInWinWindow' | 'closedLostInWinWindow'
>;

// Distinct product lines of one account (a handful): scratch lists reused by every call
// (computeFacts is synchronous), scanned linearly — cheaper than two Sets per account.
const linesNow: string[] = [];
const linesYearAgo: string[] = [];

function addDistinct(list: string[], value: string): void {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return;
  list.push(value);
}

export function computeFacts(account: Account, ctx: EvalContext): AccountFacts {
  const s = ctx.settings;
  const today = ctx.today;
  const w = windowsOf(ctx);
  const { salesStart, priorStart, winStart, linesStart, yearAgo, linesYearAgoStart } = w;
  const quarterEnds = w.quarterEnds;
  const freq = s.health.frequencyWindowDays;
  const recentStart = today - freq;
  const earlierStart = today - 2 * freq;
  const qStart = w.quarters[0].startDay;
  const qEnd = quarterEnds[QUARTERS_KEPT - 1];
  const quarterRevenue = [0, 0, 0, 0, 0, 0, 0, 0];
  const quarterWonCount = [0, 0, 0, 0, 0, 0, 0, 0];

  const wonDeals: WonDeal[] = [];
  let trailingRevenue = 0;
  let priorRevenue = 0;
  let wonRecent = 0;
  let wonEarlier = 0;
  let closedWon = 0;
  let closedLost = 0;
  let openDeals = 0;
  let firstWonDay: number | null = null;
  linesNow.length = 0;
  linesYearAgo.length = 0;

  const deals = account.deals;
  for (let k = 0; k < deals.length; k++) {
    const deal = deals[k];
    const status = deal.status;
    if (status === 'open') {
      openDeals++;
      continue;
    }
    const closeDate = deal.closeDate;
    if (closeDate === null) continue;
    const day = dayNumber(closeDate);
    if (day > today) continue; // a future close date is not history yet
    const won = status === 'won';
    if (day > winStart) {
      if (won) closedWon++;
      else closedLost++;
    }
    if (!won) continue;
    const amount = deal.amount ?? 0;
    const productLine = deal.productLine;
    wonDeals.push({ id: deal.id, day, amount, productLine });
    if (firstWonDay === null || day < firstWonDay) firstWonDay = day;
    if (day > salesStart) trailingRevenue += amount;
    else if (day > priorStart) priorRevenue += amount;
    if (day > recentStart) wonRecent++;
    else if (day > earlierStart) wonEarlier++;
    if (day >= qStart && day < qEnd) {
      let i = 0;
      while (day >= quarterEnds[i]) i++;
      quarterRevenue[i] += amount;
      quarterWonCount[i]++;
    }
    if (productLine) {
      if (day > linesStart) addDistinct(linesNow, productLine);
      if (day > linesYearAgoStart && day <= yearAgo) addDistinct(linesYearAgo, productLine);
    }
  }
  // Oldest first. Insertion sort: stable like Array#sort, and faster on a few mostly ordered items.
  for (let i = 1; i < wonDeals.length; i++) {
    const d = wonDeals[i];
    let j = i - 1;
    if (wonDeals[j].day <= d.day) continue;
    while (j >= 0 && wonDeals[j].day > d.day) {
      wonDeals[j + 1] = wonDeals[j];
      j--;
    }
    wonDeals[j + 1] = d;
  }

  const engagements = account.engagements;
  // A plain list of doubles: a typed array this small would cost an off-heap buffer per account.
  const engagementDays: number[] = [];
  const contactLastTouch = new Map<string, number>();
  let lastTouchDay: number | null = null;
  for (let k = 0; k < engagements.length; k++) {
    const e = engagements[k];
    const day = dayNumber(e.date);
    if (day > today) {
      engagementDays.push(NOT_A_TOUCH); // a scheduled future meeting is not a touch yet
      continue;
    }
    engagementDays.push(day);
    if (lastTouchDay === null || day > lastTouchDay) lastTouchDay = day;
    const contactIds = e.contactIds;
    for (let c = 0; c < contactIds.length; c++) {
      const id = contactIds[c];
      const prev = contactLastTouch.get(id);
      if (prev === undefined || day > prev) contactLastTouch.set(id, day);
    }
  }

  return new Facts(
    wonDeals,
    trailingRevenue,
    priorRevenue,
    wonDeals.length > 0,
    firstWonDay,
    w.quarters,
    quarterRevenue,
    quarterWonCount,
    wonRecent,
    wonEarlier,
    closedWon,
    closedLost,
    openDeals,
    linesNow.length,
    linesYearAgo.length,
    engagements,
    engagementDays,
    lastTouchDay,
    contactLastTouch,
  );
}

/** engagementDays of an engagement dated after today (not a touch). */
export const NOT_A_TOUCH = -Infinity;

/**
 * AccountFacts with `touches` built only when read: the engine's rules scan
 * `engagements` with `engagementDays` (in any order), so no account pays for
 * a touch object per engagement and a sort it does not need.
 */
class Facts implements AccountFacts {
  private sortedTouches: Touch[] | null = null;

  constructor(
    public wonDeals: WonDeal[],
    public trailingRevenue: number,
    public priorRevenue: number,
    public hasWonDeal: boolean,
    public firstWonDay: number | null,
    public quarters: readonly Quarter[],
    public quarterRevenue: number[],
    public quarterWonCount: number[],
    public wonRecent: number,
    public wonEarlier: number,
    public closedWonInWinWindow: number,
    public closedLostInWinWindow: number,
    public openDeals: number,
    public productLinesNow: number,
    public productLinesYearAgo: number,
    public engagements: readonly Engagement[],
    public engagementDays: number[],
    public lastTouchDay: number | null,
    public contactLastTouch: Map<string, number>,
  ) {}

  get touches(): Touch[] {
    if (this.sortedTouches === null) {
      const touches: Touch[] = [];
      for (let k = 0; k < this.engagements.length; k++) {
        const day = this.engagementDays[k];
        if (day === NOT_A_TOUCH) continue;
        const e = this.engagements[k];
        touches.push({ id: e.id, type: e.type, day, contactIds: e.contactIds });
      }
      // Newest first; Array#sort is stable, so same-day touches keep their input order.
      this.sortedTouches = touches.sort((a, b) => b.day - a.day);
    }
    return this.sortedTouches;
  }
}

/**
 * The score's facts without the rest (no engagements, nothing kept per deal):
 * what a portfolio pass needs for the statistics and the ranking before it
 * finishes each account with its full facts. Same loop and order as
 * computeFacts, so the sums are bit-for-bit the same.
 */
export function computeScoreFacts(account: Account, ctx: EvalContext): ScoreFacts {
  const today = ctx.today;
  const w = windowsOf(ctx);
  const { salesStart, winStart } = w;
  let trailingRevenue = 0;
  let closedWon = 0;
  let closedLost = 0;
  const deals = account.deals;
  for (let k = 0; k < deals.length; k++) {
    const deal = deals[k];
    const status = deal.status;
    if (status === 'open') continue;
    const closeDate = deal.closeDate;
    if (closeDate === null) continue;
    const day = dayNumber(closeDate);
    if (day > today) continue;
    const won = status === 'won';
    if (day > winStart) {
      if (won) closedWon++;
      else closedLost++;
    }
    if (won && day > salesStart) trailingRevenue += deal.amount ?? 0;
  }
  return {
    trailingRevenue,
    closedWonInWinWindow: closedWon,
    closedLostInWinWindow: closedLost,
  };
}
