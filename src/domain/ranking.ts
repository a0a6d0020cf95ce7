import { z } from 'zod';
import type { Settings } from './settings.js';
import {
  compareRank,
  eligible,
  indexIn,
  insertionIndex,
  keyCount,
  newEntry,
  place,
  rankPct,
  sortByRank,
  type RankEntry,
  type RankPlace,
  type RankUpdate,
} from './rank.js';
import { keepShape } from './keep-shapes.js';
import { defaultSettings } from './settings.js';

/**
 * The ordered ranking of a portfolio, per scope (the whole portal, or each
 * segment when the key-account share applies per segment). Built once by a
 * portfolio evaluation, then kept up to date one account at a time.
 *
 * Positions are implicit in the order (found by binary search), so moving one
 * account is a binary search plus one block move of the entries in between;
 * only the entries whose rank percentile steps (at most ~100 per move) or that
 * sit next to the key-account cutoff are re-derived.
 */

/** Another account whose rank percentile or key flag changed because one account moved. */
export interface RankChange {
  id: string;
  previousPct: number;
  pct: number;
  wasKeyAccount: boolean;
  isKeyAccount: boolean;
}

export { newEntry, type RankUpdate };

interface Scope {
  order: RankEntry[];
  eligible: number;
  /** Position (1-based) of the last account in the exact key share; 0 when none. */
  cutoff: number;
}

const PORTAL = Symbol('portal');
type ScopeKey = string | null | typeof PORTAL;

export class Ranking {
  private readonly scopes = new Map<ScopeKey, Scope>();
  private readonly byId = new Map<string, RankEntry>();

  private constructor(private readonly settings: Settings) {}

  /** Ranks every entry; `wasKey` on each entry is its previous key flag (null = first evaluation). */
  static build(updates: readonly RankUpdate[], settings: Settings): Ranking {
    return Ranking.adopt(updates.map(newEntry), settings);
  }

  /** Like build, but takes ownership of the entries (no copy: the portfolio pass makes them fresh). */
  static adopt(entries: readonly RankEntry[], settings: Settings): Ranking {
    const r = new Ranking(settings);
    const portal = settings.score.perSegment ? null : r.scopeFor(null);
    for (const entry of entries) {
      if (r.byId.has(entry.id)) throw new Error(`account ${entry.id} is ranked twice`);
      r.byId.set(entry.id, entry);
      (portal ?? r.scopeFor(entry.segment)).order.push(entry);
    }
    for (const scope of r.scopes.values()) {
      sortByRank(scope.order);
      r.refresh(scope, null, null);
    }
    return r;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): RankEntry | undefined {
    return this.byId.get(id);
  }

  /** Position, scope size and rank percentile of a ranked entry (binary search: O(log n)). */
  placeOf(entry: RankEntry): RankPlace {
    const scope = this.scopes.get(this.scopeKey(entry.segment));
    if (!scope) throw new Error(`account ${entry.id} is not ranked`);
    const n = scope.order.length;
    const position = indexIn(scope.order, entry) + 1;
    return { position, of: n, pct: rankPct(position, n) };
  }

  /** Each scope's entries in rank order (read only). */
  orders(): IterableIterator<readonly RankEntry[]> {
    return Array.from(this.scopes.values(), (scope) => scope.order as readonly RankEntry[]).values();
  }

  /** All entries with their place, in rank order within each scope. */
  *entries(): IterableIterator<RankEntry & RankPlace> {
    for (const scope of this.scopes.values()) {
      const n = scope.order.length;
      for (let i = 0; i < n; i++)
        yield { ...scope.order[i], position: i + 1, of: n, pct: rankPct(i + 1, n) };
    }
  }

  /**
   * Puts one account at its new place. Other accounts keep their current key
   * flag as their "previous" one, so a re-evaluation applies the same
   * hysteresis a full pass would. Returns the other accounts whose rank
   * percentile or key flag changed.
   */
  upsert(u: RankUpdate): { entry: RankEntry; changes: RankChange[] } {
    const changes: RankChange[] = [];
    const existing = this.byId.get(u.id);
    if (!existing || this.scopeKey(existing.segment) !== this.scopeKey(u.segment)) {
      // The scope's size changes, so every rank percentile in it may change: re-derive it all.
      if (existing) this.detach(existing, changes);
      const entry = newEntry(u);
      this.byId.set(entry.id, entry);
      const scope = this.scopeFor(entry.segment);
      scope.order.splice(insertionIndex(scope.order, entry, 0, scope.order.length), 0, entry);
      this.refresh(scope, changes, entry);
      return { entry, changes };
    }
    const scope = this.scopeFor(existing.segment);
    const order = scope.order;
    const n = order.length;
    const i0 = indexIn(order, existing); // found with the old values, before they change
    const wasEligible = eligible(existing);
    const oldEligibleCount = scope.eligible;
    existing.score = u.score;
    existing.revenue = u.revenue;
    existing.segment = u.segment;
    existing.disqualified = u.disqualified;
    existing.wasKey = u.wasKey;
    const isEligible = eligible(existing);

    // Move it: binary search on the side it moved to, then one block move of the entries between.
    let i1 = i0;
    if (i0 > 0 && compareRank(existing, order[i0 - 1]) < 0) {
      i1 = insertionIndex(order, existing, 0, i0);
      // A plain loop: Array.prototype.copyWithin is slow on non-typed arrays.
      for (let j = i0; j > i1; j--) order[j] = order[j - 1];
      order[i1] = existing;
    } else if (i0 < n - 1 && compareRank(existing, order[i0 + 1]) > 0) {
      i1 = insertionIndex(order, existing, i0 + 1, n) - 1;
      for (let j = i0; j < i1; j++) order[j] = order[j + 1];
      order[i1] = existing;
    }
    const p0 = i0 + 1;
    const p1 = i1 + 1;

    // Move the cutoff: count the eligible accounts in the old window [1..c0] as they are now.
    const share = this.settings.score.keyAccountSharePct;
    const c0 = scope.cutoff;
    scope.eligible += (isEligible ? 1 : 0) - (wasEligible ? 1 : 0);
    const k = keyCount(share, scope.eligible);
    let count = keyCount(share, oldEligibleCount);
    if (p0 <= c0 && p1 <= c0) count += (isEligible ? 1 : 0) - (wasEligible ? 1 : 0);
    else if (p0 <= c0) count += (eligible(order[c0 - 1]) ? 1 : 0) - (wasEligible ? 1 : 0);
    else if (p1 <= c0) count += (isEligible ? 1 : 0) - (eligible(order[c0]) ? 1 : 0);
    let c = c0;
    while (count < k) if (eligible(order[c++])) count++;
    while (count > k) if (eligible(order[--c])) count--;
    while (c > 0 && !eligible(order[c - 1])) c--;
    scope.cutoff = c;

    place(existing, p1, n, c, this.settings);

    // Entries between p0 and p1 moved by one place (delta); all others kept theirs.
    const lo = Math.min(p0, p1);
    const hi = Math.max(p0, p1);
    const delta = p1 < p0 ? 1 : -1;
    const oldPosition = (p: number) => (p >= lo && p <= hi ? p - delta : p);
    const settled = new Set<number>([p1]);
    const settleAt = (p: number) => {
      if (p < 1 || p > n || settled.has(p)) return;
      settled.add(p);
      this.settle(order[p - 1], p, oldPosition(p), n, c, changes);
    };
    // Near the cutoff, an entry may enter or leave the exact share.
    for (let p = Math.min(c0, c) - 1; p <= Math.max(c0, c) + 2; p++) settleAt(p);
    // In the moved block, the rank percentile steps only where ceil(100 p / n) does.
    if (lo < hi) {
      for (let m = 1; m < 100; m++) {
        const step = Math.floor((m * n) / 100) + 1; // first position with pct > m
        const p = delta === 1 ? step : step - 1; // where the old and new positions straddle the step
        if (p >= lo && p <= hi && p - delta >= 1 && p - delta <= n) settleAt(p);
      }
    }
    return { entry: existing, changes };
  }

  /** Takes an account out (deleted or merged company); returns the accounts that changed. */
  remove(id: string): RankChange[] {
    const changes: RankChange[] = [];
    const entry = this.byId.get(id);
    if (entry) this.detach(entry, changes);
    return changes;
  }

  toJSON(): RankingJSON {
    const entries: RankingJSON['entries'] = [];
    for (const scope of this.scopes.values()) {
      for (const e of scope.order)
        entries.push([e.id, e.score, e.revenue, e.segment, e.disqualified, e.isKey]);
    }
    return { version: 1, entries };
  }

  /** Restores a ranking; each account's stored key flag becomes its previous one (which re-derives the same flags). */
  static fromJSON(json: unknown, settings: Settings): Ranking {
    const data = rankingJSONSchema.parse(json);
    return Ranking.build(
      data.entries.map(([id, score, revenue, segment, disqualified, isKey]) => ({
        id,
        score,
        revenue,
        segment,
        disqualified,
        wasKey: isKey,
      })),
      settings,
    );
  }

  private scopeKey(segment: string | null): ScopeKey {
    return this.settings.score.perSegment ? segment : PORTAL;
  }

  private scopeFor(segment: string | null): Scope {
    const key = this.scopeKey(segment);
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = { order: [], eligible: 0, cutoff: 0 };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private detach(entry: RankEntry, changes: RankChange[]): void {
    const key = this.scopeKey(entry.segment);
    const scope = this.scopes.get(key);
    this.byId.delete(entry.id);
    if (!scope) return;
    const i = indexIn(scope.order, entry);
    const n = scope.order.length;
    // Everyone after it moves up one place.
    const oldPositions = new Map<RankEntry, number>();
    for (let j = i + 1; j < n; j++) oldPositions.set(scope.order[j], j + 1);
    scope.order.splice(i, 1);
    if (scope.order.length === 0) this.scopes.delete(key);
    else this.refresh(scope, changes, null, (e, p) => oldPositions.get(e) ?? p, n);
  }

  /**
   * Re-derives a whole scope. With `changes`, accounts other than `moved`
   * carry their current key flag as the previous one and report what changed
   * (their old position is `oldPosition`, in a scope of `oldN`).
   */
  private refresh(
    scope: Scope,
    changes: RankChange[] | null,
    moved: RankEntry | null,
    oldPosition?: (e: RankEntry, p: number) => number,
    oldN?: number,
  ): void {
    const order = scope.order;
    const n = order.length;
    let count = 0;
    for (let i = 0; i < n; i++) if (eligible(order[i])) count++;
    scope.eligible = count;
    const k = keyCount(this.settings.score.keyAccountSharePct, count);
    let c = 0;
    for (let seen = 0; seen < k; c++) if (eligible(order[c])) seen++;
    scope.cutoff = c;
    const movedIndex = moved ? order.indexOf(moved) : -1;
    for (let i = 0; i < n; i++) {
      const e = order[i];
      if (changes && e !== moved) {
        // An insertion shifts everyone after it down one place; a removal passes the old positions.
        const before = oldPosition
          ? oldPosition(e, i + 1)
          : movedIndex >= 0 && i > movedIndex
            ? i
            : i + 1;
        this.settle(e, i + 1, before, n, c, changes, oldN ?? (moved ? n - 1 : n));
      } else place(e, i + 1, n, c, this.settings);
    }
  }

  private settle(
    e: RankEntry,
    position: number,
    oldPosition: number,
    n: number,
    cutoff: number,
    changes: RankChange[],
    oldN = n,
  ): void {
    const previousPct = rankPct(oldPosition, oldN);
    const wasKeyAccount = e.isKey;
    e.wasKey = e.isKey;
    const pct = place(e, position, n, cutoff, this.settings);
    if (pct !== previousPct || e.isKey !== wasKeyAccount) {
      changes.push({ id: e.id, previousPct, pct, wasKeyAccount, isKeyAccount: e.isKey });
    }
  }
}

export const rankingJSONSchema = z.object({
  version: z.literal(1),
  /** [id, score, trailing revenue, segment, disqualified, key] in rank order. */
  entries: z.array(
    z.tuple([z.string(), z.number(), z.number(), z.string().nullable(), z.boolean(), z.boolean()]),
  ),
});
export type RankingJSON = z.infer<typeof rankingJSONSchema>;

// Made once per pass: see keep-shapes.ts.
keepShape(Ranking.build([], defaultSettings));
