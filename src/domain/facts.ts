import type { Account, Engagement } from './snapshot.js';
import type { EvalContext } from './context.js';
import { dayNumber, type Quarter } from './dates.js';
import { QUARTERS_KEPT, windowsOf } from './windows.js';
import { trimmed } from './trimmed.js';

export { QUARTERS_KEPT };

/**
 * Numbers derived once per account from its deals and engagements, shared by
 * every rule (score, lifecycle, health, cadence, alerts) so that each date is
 * parsed once and windows are computed in one pass.
 */

export interface AccountFacts {
  /**
   * Won deals with a close date (amount null counts as 0 revenue), oldest first
   * (ties in input order), as two lists of the same length: ids and close days.
   * Two flat lists, not an object per deal: the facts of every account live
   * through the whole portfolio pass, and the collector copies what lives.
   */
  wonDealIds: string[];
  wonDealDays: number[];
  /** Closed-won revenue in the sales window (default 12 months) up to today. */
  trailingRevenue: number;
  /** The same window length just before it (for growth). */
  priorRevenue: number;
  /** Any won deal at all (with a close date). */
  hasWonDeal: boolean;
  firstWonDay: number | null;
  /** The last 8 completed quarters, oldest first, with revenue and won-deal counts. */
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
  /**
   * Engagements up to today, in input order (the input objects themselves: no
   * copy per touch). Not sorted: every reader wants a latest day or a count in
   * a window, which one pass in any order gives.
   */
  touches: readonly Engagement[];
  /** The day number of each of `touches`, same order. */
  touchDays: readonly number[];
  lastTouchDay: number | null;
  /**
   * Last engagement day per contact id (see lastTouchOf): the ids touched up to
   * today and their last days, same order. Two short lists, not a Map: an
   * account's touches name a handful of contacts, and a scan of five ids is
   * cheaper than hashing (measured), with less to allocate.
   */
  touchedContactIds: readonly string[];
  touchedContactDays: readonly number[];
  /** Whether the touch fields above are filled (see computeDealFacts). */
  touchesDone: boolean;
}

/**
 * One 0 per kept quarter. A literal, not new Array(n).fill(0): a packed array
 * of small integers is the fastest kind. `_eightQuarters` fails to compile if
 * QUARTERS_KEPT stops being 8 (then this literal must change with it).
 */
const _eightQuarters: 8 = QUARTERS_KEPT;
const zeroPerQuarter = (): number[] => [0, 0, 0, 0, 0, 0, 0, 0];

const NO_TOUCHES: readonly Engagement[] = Object.freeze([]);
const NO_DAYS: readonly number[] = Object.freeze([]);
const NO_IDS: readonly string[] = Object.freeze([]);

/** Every fact of an account. */
export function computeFacts(account: Account, ctx: EvalContext): AccountFacts {
  return addTouchFacts(computeDealFacts(account, ctx), account, ctx);
}

/**
 * The facts from the deals only; the touch fields stay empty until
 * addTouchFacts (the score needs only these; the touches are read when the
 * evaluation is completed).
 */
export function computeDealFacts(account: Account, ctx: EvalContext): AccountFacts {
  const w = windowsOf(ctx);
  const today = w.today;
  const { salesStart, priorStart, winStart, linesStart, yearAgo, linesYearAgoStart, quarters } = w;
  const freq = ctx.settings.health.frequencyWindowDays;
  const qStart = quarters[0].startDay;
  const qEnd = quarters[QUARTERS_KEPT - 1].endDay;
  const quarterRevenue = zeroPerQuarter();
  const quarterWonCount = zeroPerQuarter();

  const wonDealIds: string[] = [];
  const wonDealDays: number[] = [];
  let trailingRevenue = 0;
  let priorRevenue = 0;
  let wonRecent = 0;
  let wonEarlier = 0;
  let closedWon = 0;
  let closedLost = 0;
  let openDeals = 0;
  let firstWonDay: number | null = null;
  // Made on the first product line only: most accounts have none.
  let linesNow: Set<string> | null = null;
  let linesYearAgo: Set<string> | null = null;
  let wonSorted = true; // oldest first already (then no sort at all)

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
    const wonSoFar = wonDealDays.length;
    if (wonSoFar > 0 && day < wonDealDays[wonSoFar - 1]) wonSorted = false;
    wonDealIds.push(deal.id);
    wonDealDays.push(day);
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
      if (day > linesStart) (linesNow ??= new Set()).add(deal.productLine);
      if (day > linesYearAgoStart && day <= yearAgo)
        (linesYearAgo ??= new Set()).add(deal.productLine);
    }
  }
  if (!wonSorted) sortByDay(wonDealIds, wonDealDays);

  return {
    wonDealIds: trimmed(wonDealIds),
    wonDealDays: trimmed(wonDealDays),
    trailingRevenue,
    priorRevenue,
    hasWonDeal: wonDealIds.length > 0,
    firstWonDay,
    quarters,
    quarterRevenue,
    quarterWonCount,
    wonRecent,
    wonEarlier,
    closedWonInWinWindow: closedWon,
    closedLostInWinWindow: closedLost,
    openDeals,
    productLinesNow: linesNow === null ? 0 : linesNow.size,
    productLinesYearAgo: linesYearAgo === null ? 0 : linesYearAgo.size,
    touches: NO_TOUCHES,
    touchDays: NO_DAYS,
    lastTouchDay: null,
    touchedContactIds: NO_IDS,
    touchedContactDays: NO_DAYS,
    touchesDone: false,
  };
}

/** The last day a contact was touched (up to today), or null. */
export function lastTouchOf(facts: AccountFacts, contactId: string): number | null {
  const j = facts.touchedContactIds.indexOf(contactId);
  return j < 0 ? null : facts.touchedContactDays[j];
}

/** Sorts won deals oldest first, in place, both lists alike; stable (ties keep input order). */
function sortByDay(ids: string[], days: number[]): void {
  const order = Array.from(days.keys()).sort((a, b) => days[a] - days[b]);
  const sortedIds = order.map((i) => ids[i]);
  const sortedDays = order.map((i) => days[i]);
  for (let i = 0; i < order.length; i++) {
    ids[i] = sortedIds[i];
    days[i] = sortedDays[i];
  }
}

/** Fills in the touch facts from the account's engagements (once) and answers `facts`. */
export function addTouchFacts(facts: AccountFacts, account: Account, ctx: EvalContext): AccountFacts {
  if (facts.touchesDone) return facts;
  const today = ctx.today;
  const list = account.engagements;
  const n = list.length;
  // Sized once (no growth by push); usually every engagement is a touch, and then the
  // input list itself is the touch list.
  let touchDays = new Array<number>(n);
  const contactIds: string[] = [];
  const contactDays: number[] = [];
  let lastTouchDay: number | null = null;
  let future = 0;
  for (let i = 0; i < n; i++) {
    const e = list[i];
    const day = dayNumber(e.date);
    touchDays[i] = day;
    if (day > today) {
      future++; // a scheduled future meeting is not a touch yet
      continue;
    }
    if (lastTouchDay === null || day > lastTouchDay) lastTouchDay = day;
    for (const c of e.contactIds) {
      const j = contactIds.indexOf(c);
      if (j < 0) {
        contactIds.push(c);
        contactDays.push(day);
      } else if (day > contactDays[j]) contactDays[j] = day;
    }
  }
  let touches: readonly Engagement[] = list;
  if (future > 0) {
    const kept: Engagement[] = [];
    const keptDays: number[] = [];
    for (let i = 0; i < n; i++) {
      if (touchDays[i] > today) continue;
      kept.push(list[i]);
      keptDays.push(touchDays[i]);
    }
    touches = kept;
    touchDays = keptDays;
  }
  // Filled in place: the deal facts are fresh here (a portfolio pass makes them
  // when it completes the account), so no old object comes to point at young ones.
  facts.touches = touches;
  facts.touchDays = touchDays;
  facts.lastTouchDay = lastTouchDay;
  facts.touchedContactIds = contactIds;
  facts.touchedContactDays = contactDays;
  facts.touchesDone = true;
  return facts;
}
