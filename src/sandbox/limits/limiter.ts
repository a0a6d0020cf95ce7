import { randomUUID } from 'node:crypto';
import { RollingWindow } from './rolling-window.js';
import {
  rateLimitSettingsSchema,
  type RateLimitSettings,
  type RateLimitSettingsInput,
} from './settings.js';

/** Who is calling: limits are kept per portal and app, never shared. */
export interface CallerKey {
  portalId: number;
  appId: number;
}

export type PolicyName = 'TEN_SECONDLY_ROLLING' | 'SECONDLY';

/** HubSpot's 429 body; the api-client retries on `policyName` / `message`. */
export interface RateLimitBody {
  status: 'error';
  message: string;
  errorType: 'RATE_LIMIT';
  correlationId: string;
  policyName: PolicyName;
  requestId: string;
}

export interface LimitDecision {
  headers: Record<string, string>;
  /** Present when the call must be answered with 429. */
  rejected?: RateLimitBody;
}

const SECOND_MS = 1000;

export function rateLimitBody(policyName: PolicyName): RateLimitBody {
  // Messages as HubSpot words them; the api-client matches the secondly one literally.
  const message =
    policyName === 'SECONDLY'
      ? 'You have reached your secondly limit.'
      : 'You have reached your ten_secondly_rolling limit.';
  return {
    status: 'error',
    message,
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName,
    requestId: randomUUID(),
  };
}

export class RateLimiter {
  private settings: RateLimitSettings;
  private tenSecondly: RollingWindow;
  private secondly: RollingWindow;
  private search: RollingWindow;
  /** The headers of every call while limits are off (they only change with the settings). */
  private offHeaders: Record<string, string> | undefined;

  constructor(settings: RateLimitSettingsInput = {}) {
    this.settings = rateLimitSettingsSchema.parse(settings);
    this.tenSecondly = new RollingWindow(this.settings.tenSecondlyMax, this.settings.intervalMs);
    this.secondly = new RollingWindow(this.secondlyMax(), SECOND_MS);
    this.search = new RollingWindow(this.settings.searchPerSecond, SECOND_MS);
  }

  get current(): RateLimitSettings {
    return this.settings;
  }

  /** Replaces the settings (partial input keeps the other current values) and clears the windows. */
  configure(patch: Record<string, unknown>): RateLimitSettings {
    const next = rateLimitSettingsSchema.parse({ ...this.settings, ...patch });
    this.settings = next;
    this.tenSecondly = new RollingWindow(next.tenSecondlyMax, next.intervalMs);
    this.secondly = new RollingWindow(this.secondlyMax(), SECOND_MS);
    this.search = new RollingWindow(next.searchPerSecond, SECOND_MS);
    this.offHeaders = undefined;
    return next;
  }

  /** Forget recorded hits, for one portal (`portalId`) or all. */
  reset(portalId?: number): void {
    const prefix = portalId === undefined ? undefined : `${portalId}:`;
    for (const w of [this.tenSecondly, this.secondly, this.search]) w.reset(prefix);
  }

  /** Records one call and says whether it may proceed, with the headers to send either way. */
  check(caller: CallerKey, isSearch: boolean, now: number): LimitDecision {
    const s = this.settings;
    if (!s.enabled) {
      this.offHeaders ??= this.headers(s.tenSecondlyMax, this.secondlyMax(), this.secondlyMax());
      return { headers: this.offHeaders };
    }
    const key = `${caller.portalId}:${caller.appId}`;
    if (isSearch) {
      const searchResult = this.search.hit(`${key}:search`, now);
      if (!searchResult.allowed) {
        return {
          headers: this.headers(this.tenSecondly.peek(key, now), s.searchPerSecond, 0),
          rejected: rateLimitBody('SECONDLY'),
        };
      }
    }
    const ten = this.tenSecondly.hit(key, now);
    const sec = this.secondly.hit(key, now);
    const secondlyMax = isSearch ? s.searchPerSecond : this.secondlyMax();
    const secondlyRemaining = isSearch ? this.search.peek(`${key}:search`, now) : sec.remaining;
    const headers = this.headers(ten.remaining, secondlyMax, secondlyRemaining);
    if (!ten.allowed) return { headers, rejected: rateLimitBody('TEN_SECONDLY_ROLLING') };
    return { headers };
  }

  private secondlyMax(): number {
    return Math.max(
      1,
      Math.ceil(this.settings.tenSecondlyMax / (this.settings.intervalMs / SECOND_MS)),
    );
  }

  private headers(
    remaining: number,
    secondly: number,
    secondlyRemaining: number,
  ): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Max': String(this.settings.tenSecondlyMax),
      'X-HubSpot-RateLimit-Remaining': String(remaining),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.settings.intervalMs),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(secondlyRemaining),
    };
  }
}
