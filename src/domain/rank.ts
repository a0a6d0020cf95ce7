import type { Account, AccountState, MessageRef } from './snapshot.js';
import type { RankResult } from './evaluation.js';
import type { Settings } from './settings.js';
import { trimmed } from './trimmed.js';

/**
 * §1 / §11 ranking rules: the order, the rank percentile, disqualifiers and the
 * key-account rule with hysteresis. The ordered structure that applies them to
 * a whole portfolio (and updates it one account at a time) is in ranking.ts.
 */

/** What the ranking needs to know about one account. */
export interface RankEntry {
  id: string;
  score: number;
  /** Trailing-12-month closed-won revenue: the first tie-breaker. */
  revenue: number;
  segment: string | null;
  disqualified: boolean;
  /** Key flag of the previous evaluation; null on the first one (no hysteresis). */
  wasKey: boolean | null;
  // Filled by the ranking (the position is implicit in the order: see Ranking.placeOf):
  /** Among the first ceil(X % × eligible) of its scope. */
  exact: boolean;
  isKey: boolean;
}

/** The inputs of one account's place in the ranking. */
export type RankUpdate = Pick<
  RankEntry,
  'id' | 'score' | 'revenue' | 'segment' | 'disqualified' | 'wasKey'
>;

/** Where an entry stands in its scope. */
export interface RankPlace {
  position: number;
  of: number;
  pct: number;
}

const DIGITS = /^\d+$/;

/** Company ids ascending: numerically for HubSpot's numeric ids, else as text. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length && DIGITS.test(a) && DIGITS.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rank order: score descending, then trailing revenue descending, then company id ascending. */
export function compareRank(a: RankEntry, b: RankEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.revenue !== b.revenue) return b.revenue - a.revenue;
  return compareIds(a.id, b.id);
}

/** Score buckets: one per tenth of a point from 0 to 100 (scores have one decimal). */
const BUCKETS = 1001;

/**
 * Sorts entries in rank order (compareRank), in place. Scores have one decimal
 * in 0–100, so entries are first spread into their score's bucket (a counting
 * sort, linear) and only each bucket is sorted by comparison: a portfolio has
 * about a thousand distinct scores, so that is a few dozen entries per bucket
 * instead of log2(n) comparisons per entry over the whole portfolio. Any other
 * score (none is made today) falls back to one comparison sort.
 */
export function sortByRank(entries: RankEntry[]): void {
  const n = entries.length;
  if (n < 256) {
    entries.sort(compareRank);
    return;
  }
  const bucketOf = new Int32Array(n);
  const starts = new Int32Array(BUCKETS + 1);
  for (let i = 0; i < n; i++) {
    const score = entries[i].score;
    const tenths = Math.round(score * 10);
    if (!(tenths >= 0 && tenths < BUCKETS) || tenths / 10 !== score) {
      entries.sort(compareRank);
      return;
    }
    const b = BUCKETS - 1 - tenths; // highest score first
    bucketOf[i] = b;
    starts[b + 1]++;
  }
  for (let b = 1; b <= BUCKETS; b++) starts[b] += starts[b - 1];
  const next = starts.slice(0, BUCKETS);
  const sorted = new Array<RankEntry>(n);
  for (let i = 0; i < n; i++) sorted[next[bucketOf[i]]++] = entries[i];
  for (let b = 0; b < BUCKETS; b++) {
    const from = starts[b];
    const to = starts[b + 1];
    if (to - from > 1) {
      const bucket = sorted.slice(from, to).sort(compareRank);
      for (let j = 0; j < bucket.length; j++) sorted[from + j] = bucket[j];
    }
  }
  for (let i = 0; i < n; i++) entries[i] = sorted[i];
}

/**
 * Rank percentile as a whole number: 100 × position ÷ n rounded up, so the top
 * account is 1 (never 0) and the last is 100; "top 20 %" means pct ≤ 20.
 */
export function rankPct(position: number, n: number): number {
  return Math.ceil((100 * position) / n - 1e-9);
}

/** ceil(X % × eligible), computed so that 20 % of 15 is 3, not 4 (0.2 × 15 = 3.0000000000000004). */
export function keyCount(sharePct: number, eligible: number): number {
  return Math.max(0, Math.ceil((sharePct * eligible) / 100 - 1e-9));
}

/** The hysteresis rule: an account already key stays key while its rank percentile ≤ X + margin. */
export function staysByHysteresis(entry: RankEntry, pct: number, settings: Settings): boolean {
  const s = settings.score;
  return (
    entry.wasKey === true && !entry.disqualified && pct <= s.keyAccountSharePct + s.hysteresisPts
  );
}

export const eligible = (e: RankEntry): boolean => !e.disqualified;

/** A fresh entry with every field in one order (one hidden class for all entries). */
export function newEntry(u: RankUpdate): RankEntry {
  return {
    id: u.id,
    score: u.score,
    revenue: u.revenue,
    segment: u.segment,
    disqualified: u.disqualified,
    wasKey: u.wasKey,
    exact: false,
    isKey: false,
  };
}

/** Sets the entry's key flags for its position; returns its rank percentile. */
export function place(
  e: RankEntry,
  position: number,
  n: number,
  cutoff: number,
  settings: Settings,
): number {
  const pct = rankPct(position, n);
  e.exact = eligible(e) && position <= cutoff;
  e.isKey = e.exact || staysByHysteresis(e, pct, settings);
  return pct;
}

/** First index in [lo, hi) whose entry ranks after `entry`. */
export function insertionIndex(
  order: RankEntry[],
  entry: RankEntry,
  lo: number,
  hi: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRank(order[mid], entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of an entry that is in `order` (the order is strict: ids are unique). */
export function indexIn(order: RankEntry[], entry: RankEntry): number {
  const i = insertionIndex(order, entry, 0, order.length);
  if (order[i] !== entry) throw new Error(`ranking out of order at account ${entry.id}`);
  return i;
}

/** Disqualifiers (§1, 003): each a setting, off when its data is absent. */
export function disqualifiersOf(account: Account, settings: Settings): MessageRef[] {
  const d = settings.score.disqualifiers;
  const out: MessageRef[] = [];
  if (
    d.maxAvgDaysToPay.enabled &&
    account.avgDaysToPay !== null &&
    account.avgDaysToPay > d.maxAvgDaysToPay.limit
  ) {
    out.push({
      code: 'rank.disqualified.days_to_pay',
      params: { days: account.avgDaysToPay, limit: d.maxAvgDaysToPay.limit },
    });
  }
  if (
    d.minMarginPct.enabled &&
    account.marginPct !== null &&
    account.marginPct < d.minMarginPct.floor
  ) {
    out.push({
      code: 'rank.disqualified.margin',
      params: { margin: account.marginPct, floor: d.minMarginPct.floor },
    });
  }
  return trimmed(out);
}

/** The rank part of one account's evaluation, from its ranked entry. */
export function rankResultOf(
  entry: RankEntry,
  place: RankPlace,
  settings: Settings,
  disqualifiers: MessageRef[],
  previous: AccountState | null,
): RankResult {
  const s = settings.score;
  const { position, of, pct } = place;
  const share = s.keyAccountSharePct;
  let reason: MessageRef;
  if (entry.exact) reason = { code: 'rank.key.top_share', params: { position, of, pct, share } };
  else if (entry.isKey)
    reason = {
      code: 'rank.key.hysteresis',
      params: { position, of, pct, share, margin: s.hysteresisPts },
    };
  else if (entry.disqualified)
    reason = { code: 'rank.not_key.disqualified', params: { position, of, pct } };
  else reason = { code: 'rank.not_key.below_share', params: { position, of, pct, share } };

  let change: RankResult['change'] = null;
  if (previous) {
    if (entry.isKey && !previous.isKeyAccount) change = 'entered';
    else if (!entry.isKey && previous.isKeyAccount) change = 'left';
    else if (entry.isKey && !entry.exact) change = 'stayed_by_hysteresis';
  }
  return {
    position,
    of,
    pct,
    scope: s.perSegment ? 'segment' : 'portal',
    isKeyAccount: entry.isKey,
    disqualifiers,
    reason,
    change,
  };
}
