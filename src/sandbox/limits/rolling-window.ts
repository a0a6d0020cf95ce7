/**
 * Rolling-window counter: remembers the times of accepted hits per key and
 * accepts a new hit only while fewer than `max` fall inside the last
 * `intervalMs`. Rejected hits are not remembered (HubSpot does not count a 429
 * against the window either).
 */
export interface WindowResult {
  allowed: boolean;
  /** Hits still allowed in the window after this one. */
  remaining: number;
  /** Milliseconds until the oldest hit leaves the window (0 when not full). */
  retryAfterMs: number;
}

export class RollingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly intervalMs: number,
  ) {}

  hit(key: string, now: number): WindowResult {
    const times = this.prune(key, now);
    if (times.length >= this.max) {
      return {
        allowed: false,
        remaining: 0,
        retryAfterMs: Math.max(0, times[0] + this.intervalMs - now),
      };
    }
    times.push(now);
    return { allowed: true, remaining: this.max - times.length, retryAfterMs: 0 };
  }

  /** Hits left in the window without recording one. */
  peek(key: string, now: number): number {
    return Math.max(0, this.max - this.prune(key, now).length);
  }

  reset(keyPrefix?: string): void {
    if (keyPrefix === undefined) return this.hits.clear();
    for (const key of [...this.hits.keys()]) if (key.startsWith(keyPrefix)) this.hits.delete(key);
  }

  private prune(key: string, now: number): number[] {
    let times = this.hits.get(key) ?? [];
    // A clock moved backwards leaves "future" hits: forget them rather than block.
    if (times.length > 0 && times[times.length - 1] > now) times = times.filter((t) => t <= now);
    const cutoff = now - this.intervalMs;
    let drop = 0;
    while (drop < times.length && times[drop] <= cutoff) drop++;
    if (drop > 0) times = times.slice(drop);
    this.hits.set(key, times);
    return times;
  }
}
