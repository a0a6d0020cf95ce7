/**
 * A movable clock for the sandbox. Every timestamp the sandbox writes comes from
 * here, so tests can jump whole quarters without waiting. By default it follows
 * wall-clock time shifted by an offset; a frozen clock only moves when told to.
 */
export interface SandboxClockOptions {
  /** Start time in ms; defaults to the real time. */
  start?: number;
  /** When true, time does not pass on its own. */
  frozen?: boolean;
}

export class SandboxClock {
  private offset = 0;
  private frozenAt: number | undefined;
  /** Last value handed out, so timestamps never repeat or run backwards between set() calls. */
  private last = 0;

  constructor(opts: SandboxClockOptions = {}) {
    const start = opts.start ?? Date.now();
    if (opts.frozen) this.frozenAt = start;
    else this.offset = start - Date.now();
  }

  /** Current time in ms since the epoch. */
  now(): number {
    const t = this.frozenAt ?? Date.now() + this.offset;
    // Keep it monotonic while running, so `updatedAt` orders changes.
    if (this.frozenAt === undefined && t < this.last) return this.last;
    this.last = t;
    return t;
  }

  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offset += ms;
    if (ms < 0) this.last = 0;
  }

  /** Jumps to an absolute time. */
  set(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = ms;
    else this.offset = ms - Date.now();
    this.last = 0;
  }

  freeze(): void {
    this.frozenAt = this.now();
  }

  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offset = this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  get isFrozen(): boolean {
    return this.frozenAt !== undefined;
  }
}
