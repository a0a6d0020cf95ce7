import { Client } from '@hubspot/api-client';
import type { Queryable } from '../store/db.js';
import { HUBSPOT_BUCKET_DEFAULTS, TokenBucket } from '../store/rate-limit.js';

/**
 * The backfill's share of a portal's API limit. Every backfill call first
 * takes a token from a bucket of its own (`backfill`, refilled at share ×
 * limit), then, like every call, one from the portal's shared bucket (`api`).
 * So the backfill alone never exceeds its share, the two together never
 * exceed the limit, and live events always find the rest of the budget
 * (half by default): a change made during a backfill still lands in seconds.
 */

export const DEFAULT_BACKFILL_SHARE = 0.5;

export interface BudgetOptions {
  /** Share of the limit the backfill may use, 0 < share ≤ 1 (default one half). */
  share?: number;
  /** The portal's limit per 10 seconds (HubSpot: 110 for public apps). */
  limitPer10s?: number;
}

interface Middleware {
  pre(ctx: unknown): unknown;
  post(ctx: unknown): unknown;
}

/** A client that waits for the backfill bucket before each request, then behaves as `base`. */
export function budgetedClient(
  base: Client,
  db: Queryable,
  portalId: number,
  options: BudgetOptions = {},
): Client {
  const share = Math.min(1, Math.max(0.01, options.share ?? DEFAULT_BACKFILL_SHARE));
  const per10s = (options.limitPer10s ?? HUBSPOT_BUCKET_DEFAULTS.refillPer10s) * share;
  // A small burst: capacity plus refill bounds any rolling window (see rate-limit.ts).
  const capacity = Math.max(1, Math.floor(per10s / 10));
  const bucket = new TokenBucket(db, { bucket: 'backfill', capacity, refillPer10s: per10s });
  const budget: Middleware = {
    pre: async (ctx: unknown) => {
      await bucket.acquire(portalId, 1);
      return ctx;
    },
    post: (ctx: unknown) => ctx,
  };
  const middleware = (base.config.middleware ?? []) as Middleware[];
  return new Client({ ...base.config, middleware: [budget, ...middleware] });
}
