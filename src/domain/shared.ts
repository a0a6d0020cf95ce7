import type { MessageRef } from './snapshot.js';

/**
 * Shared, frozen pieces of results. Most of an evaluation's explanation is the
 * same few message refs for every account (a factor not rated, a part without
 * history, a missing role): built once and shared, not once per account, so a
 * portfolio pass allocates — and its garbage collector copies — far less.
 * They are frozen: a consumer changing one would change every account's, so
 * it throws instead (modules are strict mode).
 */

const EMPTY_ARRAY: readonly never[] = Object.freeze([]);

/** The shared empty list (frozen): for result lists that are usually empty. */
export function none<T>(): T[] {
  return EMPTY_ARRAY as never[];
}

/**
 * A result list built by push, trimmed for keeping: push leaves room for ~16
 * more items, which a kept list would carry (and the garbage collector copy)
 * for ever. Empty → the shared empty list.
 */
export function fit<T>(list: T[]): T[] {
  return list.length === 0 ? none() : list.slice();
}

/** A frozen message ref (params frozen too). */
export function sharedRef(code: string, params: MessageRef['params'] = {}): MessageRef {
  return Object.freeze({ code, params: Object.freeze(params) });
}

/** A number a Memo can key on exactly: a whole number in [0, 8192) (not −0). */
const small = (x: number): boolean => (x & 8191) === x && !Object.is(x, -0);

/**
 * Shared values memoised by up to three small whole numbers (a 1–5 rating, a
 * count, a number of days), packed into one Map key — a small integer, the
 * fast kind, as long as the first of three parts is under 16. Anything else —
 * a fraction, a negative number, a large amount — is not cached: the caller
 * builds the value each time. Each memo is always keyed with the same number
 * of parts. Bounded, so a long-running process cannot grow it without end.
 */
export class Memo<V> {
  private readonly map = new Map<number, V>();

  constructor(private readonly max = 10_000) {}

  /** The packed key, or −1 when the parts cannot be cached. */
  static key(a: number, b?: number, c?: number): number {
    if (!small(a)) return -1;
    let k = a;
    if (b !== undefined) {
      if (!small(b)) return -1;
      k = k * 8192 + b;
    }
    if (c !== undefined) {
      if (!small(c)) return -1;
      k = k * 8192 + c;
    }
    return k;
  }

  get(key: number): V | undefined {
    return key < 0 ? undefined : this.map.get(key);
  }

  /** Keeps `value` under `key` (when cacheable and there is room); returns it. */
  set(key: number, value: V): V {
    if (key >= 0 && this.map.size < this.max) this.map.set(key, value);
    return value;
  }
}

/**
 * A Memo for values that also depend on a few settings (a window in days, a
 * penalty): those are the same for a whole run, so instead of widening every
 * key the memo starts afresh when they change.
 */
export class ScopedMemo<V> {
  private scope: [number, number, number] = [NaN, NaN, NaN];
  private memo = new Memo<V>();

  on(s1: number, s2 = 0, s3 = 0): Memo<V> {
    const scope = this.scope;
    if (!Object.is(s1, scope[0]) || !Object.is(s2, scope[1]) || !Object.is(s3, scope[2])) {
      this.scope = [s1, s2, s3];
      this.memo = new Memo<V>();
    }
    return this.memo;
  }
}

/** A Memo for values that depend on the evaluation day too: emptied when the day changes. */
export class DayMemo<V> {
  private day = '';
  private memo = new Memo<V>();

  /** The memo for `todayDate` (a fresh one when the day changed since the last call). */
  on(todayDate: string): Memo<V> {
    if (todayDate !== this.day) {
      this.day = todayDate;
      this.memo = new Memo<V>();
    }
    return this.memo;
  }
}

/**
 * Memos per value of a fraction (a weight, an expected count) that a Memo
 * cannot key on: one Memo per distinct value, for a bounded number of values.
 */
export class MemoByNumber<V> {
  private readonly memos = new Map<number, Memo<V>>();
  // The last value asked for and its memo: a run asks with the same weight again and again.
  private lastX = NaN;
  private lastMemo: Memo<V> | undefined = undefined;

  constructor(private readonly maxValues = 256) {}

  private memoOf(x: number): Memo<V> | undefined {
    if (x === this.lastX && !Object.is(x, -0)) return this.lastMemo;
    const memo = this.memos.get(x);
    if (memo !== undefined) {
      this.lastX = x;
      this.lastMemo = memo;
    }
    return memo;
  }

  get(x: number, key: number): V | undefined {
    return key < 0 || Object.is(x, -0) ? undefined : this.memoOf(x)?.get(key);
  }

  set(x: number, key: number, value: V): V {
    if (key < 0 || Object.is(x, -0) || x !== x) return value;
    let memo = this.memoOf(x);
    if (memo === undefined) {
      if (this.memos.size >= this.maxValues) return value;
      memo = new Memo<V>();
      this.memos.set(x, memo);
    }
    return memo.set(key, value);
  }
}

/** Freezes a value and everything reachable from it (shared results are small trees). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
