import type { ChangeEvent, ChangeInterest } from '../portal/change-events.js';
import type { FaultInjector } from '../faults/injector.js';
import { KeyedSemaphore } from './concurrency.js';
import { DeliveryLog } from './delivery-log.js';
import { anySubscribed, subscriptionMatches, toWebhookEvent, type WebhookEvent } from './events.js';
import {
  deliverySettingsSchema,
  retryDelay,
  shouldRetry,
  type DeliverySettings,
  type DeliverySettingsInput,
} from './retry-policy.js';
import { postSigned } from './post.js';
import type { LegacySignatureVersion } from './signature.js';
import type { Subscription } from './subscriptions.js';

/** An app installed in a portal with a webhook URL and subscriptions. */
export interface WebhookTarget {
  portalId: number;
  appId: number;
  clientSecret: string;
  targetUrl: string;
  subscriptions: Subscription[];
  maxConcurrentRequests: number;
  legacySignatureVersion: LegacySignatureVersion;
}

export interface DispatcherOptions {
  /** Current targets of a portal; asked again before every retry (uninstall stops delivery). */
  targets: (portalId: number) => WebhookTarget[];
  /** Sandbox clock, for the log. */
  now: () => number;
  faults?: FaultInjector;
  settings?: DeliverySettingsInput;
  log?: DeliveryLog;
}

interface Batch {
  target: WebhookTarget;
  events: WebhookEvent[];
  timer?: NodeJS.Timeout;
}

/** Turns change events into signed, batched webhook POSTs with HubSpot-like retries. */
export class WebhookDispatcher {
  readonly log: DeliveryLog;
  private settings: DeliverySettings;
  private nextEventId = 1;
  private readonly buffers = new Map<string, Batch>();
  private readonly sleeps = new Map<NodeJS.Timeout, () => void>();
  /** Bumped by reset(): work started before it stops at its next step. */
  private generation = 0;
  private readonly retries = new Map<NodeJS.Timeout, () => void>();
  private readonly slots = new KeyedSemaphore();
  private busy = 0;
  private idleWaiters: Array<{ includeRetries: boolean; resolve: () => void }> = [];
  private readonly abort = new AbortController();
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {
    this.settings = deliverySettingsSchema.parse(options.settings ?? {});
    this.log = options.log ?? new DeliveryLog();
  }

  get currentSettings(): DeliverySettings {
    return this.settings;
  }

  configure(patch: Record<string, unknown>): DeliverySettings {
    this.settings = deliverySettingsSchema.parse({ ...this.settings, ...patch });
    return this.settings;
  }

  /** The portal change listener: queue one event per matching subscription of each target. */
  readonly handle = (change: ChangeEvent): void => {
    if (this.closed) return;
    for (const target of this.options.targets(change.portalId)) {
      for (const sub of target.subscriptions) {
        if (!subscriptionMatches(sub, change)) continue;
        const event = toWebhookEvent(change, sub, {
          eventId: this.nextEventId++,
          appId: target.appId,
        });
        this.enqueue(target, event);
      }
    }
  };

  /** The listener's interest: changes that some target's subscription names. */
  readonly wants: ChangeInterest = (portalId, kind, objectType, objectTypeId, propertyName) => {
    if (this.closed) return false;
    for (const target of this.options.targets(portalId))
      if (anySubscribed(target.subscriptions, kind, objectType, objectTypeId, propertyName))
        return true;
    return false;
  };

  /** Sends every buffered batch now instead of waiting for the batch window. */
  flush(): void {
    for (const key of [...this.buffers.keys()]) this.flushKey(key);
  }

  /** Runs every scheduled retry now (as if the back-off had elapsed). */
  retryNow(): void {
    for (const [timer, run] of [...this.retries]) {
      clearTimeout(timer);
      this.retries.delete(timer);
      run();
    }
  }

  /** Resolves once nothing is buffered or in flight (and, by default, no retry is scheduled). */
  whenIdle(options: { includeRetries?: boolean } = {}): Promise<void> {
    const includeRetries = options.includeRetries ?? true;
    return new Promise((resolve) => {
      this.idleWaiters.push({ includeRetries, resolve });
      this.checkIdle();
    });
  }

  get pendingRetries(): number {
    return this.retries.size;
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    this.cancelPending();
  }

  /** Forgets buffered events and scheduled retries and clears the log (sandbox reset). */
  reset(): void {
    this.cancelPending();
    this.log.clear();
  }

  private cancelPending(): void {
    this.generation++;
    for (const t of this.retries.keys()) clearTimeout(t);
    for (const b of this.buffers.values()) if (b.timer) clearTimeout(b.timer);
    for (const [t, wake] of [...this.sleeps]) {
      clearTimeout(t);
      wake();
    }
    this.sleeps.clear();
    this.retries.clear();
    this.buffers.clear();
    this.checkIdle();
  }

  private enqueue(target: WebhookTarget, event: WebhookEvent): void {
    const key = `${target.portalId}:${target.appId}`;
    let batch = this.buffers.get(key);
    if (!batch) {
      batch = { target, events: [] };
      this.buffers.set(key, batch);
    }
    batch.events.push(event);
    if (batch.events.length >= this.settings.maxBatchSize) return this.flushKey(key);
    if (!batch.timer)
      batch.timer = setTimeout(() => this.flushKey(key), this.settings.batchWindowMs);
  }

  private flushKey(key: string): void {
    const batch = this.buffers.get(key);
    if (!batch) return;
    if (batch.timer) clearTimeout(batch.timer);
    this.buffers.delete(key);
    for (let i = 0; i < batch.events.length; i += this.settings.maxBatchSize) {
      this.track(this.send(batch.target, batch.events.slice(i, i + this.settings.maxBatchSize), 0));
    }
    this.checkIdle();
  }

  private async send(
    target: WebhookTarget,
    events: WebhookEvent[],
    attemptNumber: number,
  ): Promise<void> {
    const generation = this.generation;
    const fault = this.options.faults?.decideWebhook() ?? {
      drop: false,
      duplicate: false,
      reorder: false,
    };
    const payload = events.map((e) => ({ ...e, attemptNumber }));
    const base = {
      portalId: target.portalId,
      appId: target.appId,
      url: target.targetUrl,
      eventIds: payload.map((e) => e.eventId),
      subscriptionTypes: [...new Set(payload.map((e) => e.subscriptionType))],
      attemptNumber,
    };
    if (fault.drop) {
      this.log.add({ ...base, outcome: 'dropped', latencyMs: 0, at: this.options.now() });
      return;
    }
    if (fault.reorder) {
      // Hold the batch back so later ones overtake it, and flip its own order.
      payload.reverse();
      await this.sleep(Math.max(50, this.settings.batchWindowMs * 5));
      if (this.closed || generation !== this.generation) return;
    }
    const ok = await this.post(target, payload, base, { reordered: fault.reorder || undefined });
    if (fault.duplicate && !this.closed)
      await this.post(target, payload, base, { duplicate: true });
    if (ok || this.closed || generation !== this.generation) return;
    const next = attemptNumber + 1;
    if (next >= this.settings.maxAttempts) return;
    this.scheduleRetry(target, events, next);
  }

  private scheduleRetry(
    target: WebhookTarget,
    events: WebhookEvent[],
    attemptNumber: number,
  ): void {
    const run = (): void => {
      const current = this.options
        .targets(target.portalId)
        .find((t) => t.appId === target.appId && t.targetUrl === target.targetUrl);
      if (current && !this.closed) this.track(this.send(current, events, attemptNumber));
      this.checkIdle();
    };
    const timer = setTimeout(
      () => {
        this.retries.delete(timer);
        run();
      },
      retryDelay(this.settings, attemptNumber),
    );
    this.retries.set(timer, run);
  }

  /** One POST; logs it and says whether it succeeded. */
  private async post(
    target: WebhookTarget,
    payload: WebhookEvent[],
    base: Omit<Parameters<DeliveryLog['add']>[0], 'outcome' | 'latencyMs' | 'at'>,
    flags: { duplicate?: boolean; reordered?: boolean },
  ): Promise<boolean> {
    const release = await this.slots.acquire(
      `${target.portalId}:${target.appId}`,
      target.maxConcurrentRequests,
    );
    const at = this.options.now();
    const { httpStatus, error, latencyMs } = await postSigned(
      target,
      JSON.stringify(payload),
      this.settings.timeoutMs,
      this.abort.signal,
    ).finally(release);
    const ok = !shouldRetry(httpStatus) && error === undefined;
    const last = base.attemptNumber + 1 >= this.settings.maxAttempts;
    this.log.add({
      ...base,
      ...flags,
      outcome: ok ? 'delivered' : last && !flags.duplicate ? 'gave-up' : 'failed',
      httpStatus,
      error,
      latencyMs,
      at,
    });
    return ok;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.sleeps.delete(t);
        resolve();
      }, ms);
      this.sleeps.set(t, resolve);
    });
  }

  private track(work: Promise<void>): void {
    this.busy++;
    void work.finally(() => {
      this.busy = Math.max(0, this.busy - 1);
      this.checkIdle();
    });
  }

  private checkIdle(): void {
    const quiet = this.closed || (this.busy === 0 && this.buffers.size === 0);
    if (!quiet) return;
    const noRetries = this.closed || this.retries.size === 0;
    const still: typeof this.idleWaiters = [];
    for (const w of this.idleWaiters) {
      if (!w.includeRetries || noRetries) w.resolve();
      else still.push(w);
    }
    this.idleWaiters = still;
  }
}
