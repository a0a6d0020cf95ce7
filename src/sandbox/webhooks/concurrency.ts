/**
 * Per-key concurrency cap: HubSpot sends at most `maxConcurrentRequests`
 * webhook requests to one app at a time; the rest wait their turn.
 */
export class KeyedSemaphore {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  /** Resolves with a release function once a slot for `key` is free. */
  acquire(key: string, max: number): Promise<() => void> {
    const release = (): void => {
      const next = this.waiting.get(key)?.shift();
      if (next) return next();
      this.running.set(key, (this.running.get(key) ?? 1) - 1);
    };
    const count = this.running.get(key) ?? 0;
    if (count < max) {
      this.running.set(key, count + 1);
      return Promise.resolve(release);
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(() => resolve(release));
      this.waiting.set(key, queue);
    });
  }
}
