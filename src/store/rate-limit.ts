import { setTimeout as sleep } from 'node:timers/promises';
import { InternalError } from '../errors.js';
import type { Queryable } from './db.js';

/**
 * A token bucket per portal kept in the database, so every process calling
 * HubSpot for a portal draws from the same budget. HubSpot allows a public app
 * 110 requests per *rolling* 10 s per portal. A bucket lets through at most
 * its capacity plus 10 s of refill in any 10 s, so the defaults are a burst of
 * 5 and 100 per 10 s: at most 105 in a window, the 5 left over absorbing
 * network jitter (a full bucket of 110 refilled at 110 per 10 s let up to 219
 * into one window, and HubSpot answers 429).
 *
 * `take` always reserves: the bucket may go negative, and the caller waits the
 * returned time before making its calls. One atomic upsert per take, so N
 * processes interleave correctly and later callers wait longer (first come,
 * first served).
 */

export interface BucketOptions {
  /** Most tokens the bucket holds (the burst). */
  capacity?: number;
  /** Tokens added per 10 seconds. */
  refillPer10s?: number;
  /** Independent budgets per portal, e.g. 'api' and 'search'. */
  bucket?: string;
  /** The current time; defaults to the database clock, shared by all processes. Tests pass it. */
  at?: Date;
}

/** HubSpot's limit for public apps: requests per rolling 10 s per portal. */
export const HUBSPOT_LIMIT_PER_10S = 110;

export const HUBSPOT_BUCKET_DEFAULTS = { capacity: 5, refillPer10s: 100, bucket: 'api' } as const;

/** The shared bucket for a portal limit: burst 5, refill limit − 10, so at most limit − 5 per rolling 10 s. */
export function apiBucketFor(limitPer10s: number = HUBSPOT_LIMIT_PER_10S): BucketOptions {
  return {
    capacity: HUBSPOT_BUCKET_DEFAULTS.capacity,
    refillPer10s: limitPer10s - 10,
    bucket: 'api',
  };
}

const TAKE_SQL = `
  INSERT INTO rate_limit_buckets AS b (portal_id, bucket, tokens, updated_at)
  VALUES ($1, $2, $3::float8 - $5::float8, COALESCE($6::timestamptz, clock_timestamp()))
  ON CONFLICT (portal_id, bucket) DO UPDATE SET
    tokens = LEAST(
      $3::float8,
      b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (EXCLUDED.updated_at - b.updated_at))::float8) * $4::float8
    ) - $5::float8,
    updated_at = GREATEST(b.updated_at, EXCLUDED.updated_at)
  RETURNING tokens`;

/** Takes `n` tokens; resolves to the milliseconds to wait before using them (0 = go now). */
export async function takeTokens(
  db: Queryable,
  portalId: number,
  n = 1,
  options: BucketOptions = {},
): Promise<number> {
  const capacity = options.capacity ?? HUBSPOT_BUCKET_DEFAULTS.capacity;
  const perSecond = (options.refillPer10s ?? HUBSPOT_BUCKET_DEFAULTS.refillPer10s) / 10;
  if (!(n > 0 && n <= capacity))
    throw new InternalError(`cannot take ${n} tokens from a bucket of ${capacity}`);
  if (!(perSecond > 0)) throw new InternalError('refillPer10s must be positive');
  const { rows } = await db.query<{ tokens: number }>(TAKE_SQL, [
    portalId,
    options.bucket ?? HUBSPOT_BUCKET_DEFAULTS.bucket,
    capacity,
    perSecond,
    n,
    options.at ?? null,
  ]);
  const tokens = Number(rows[0].tokens);
  return tokens >= 0 ? 0 : Math.ceil((-tokens / perSecond) * 1000);
}

export class TokenBucket {
  constructor(
    private readonly db: Queryable,
    private readonly defaults: BucketOptions = {},
  ) {}

  take(portalId: number, n = 1, options: BucketOptions = {}): Promise<number> {
    return takeTokens(this.db, portalId, n, { ...this.defaults, ...options });
  }

  /** Takes `n` tokens and waits until they may be used. */
  async acquire(
    portalId: number,
    n = 1,
    options: BucketOptions & { signal?: AbortSignal } = {},
  ): Promise<void> {
    const wait = await this.take(portalId, n, options);
    if (wait > 0) await sleep(wait, undefined, { signal: options.signal });
  }
}
