import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '../errors.js';
import type { Db } from '../store/db.js';
import { renderApiError } from './api-errors.js';

/**
 * `Idempotency-Key` for the card API's writes. `hubspot.fetch` retries once on
 * a 5xx with the same key, and a user's double click sends the same key too:
 *
 * - the first request claims the key in `card_api_requests` and runs;
 * - its answer (2xx, or a 4xx: the same request would fail the same way) is
 *   stored, and a repeat with the same request answers it again;
 * - a repeat with another request (method, path or body) is a 409;
 * - a 5xx (or a 429) is not stored: the claim is dropped so the retry runs again (every
 *   operation behind these calls is itself idempotent, so a half-done first
 *   attempt is completed, never doubled);
 * - a repeat arriving while the first still runs waits for it (a few seconds),
 *   then gets a 409 asking to try again.
 */

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IdempotentCall {
  portalId: number;
  key: string | undefined;
  /** The endpoint name (contract), for diagnostics. */
  endpoint: string;
  /** What makes two requests "the same": method, path and canonical body. */
  requestHash: string;
  userId: string | null;
}

export interface IdempotencyOptions {
  /** How long a repeat waits for a running first request (default 8 s). */
  waitMs?: number;
  /** A claim older than this is from a crashed process and may be taken over (default 5 min). */
  staleMs?: number;
  pollMs?: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;
/** Answers are kept a day: far longer than any retry. */
const RETENTION = '24 hours';

/** Key order and whitespace do not make a request different. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHashOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('base64url');
}

export function checkKey(key: string | undefined): string {
  if (key === undefined || key.trim() === '')
    throw new ValidationError(
      'Idempotency-Key header is required: one random key per user action, repeated on retry',
    );
  if (!KEY_PATTERN.test(key))
    throw new ValidationError('Idempotency-Key must be 8–200 visible ASCII characters');
  return key;
}

interface StoredRow {
  request_hash: string;
  status: 'running' | 'done';
  response_status: number | null;
  response: Answer['body'] | null;
}

/** Answers not worth repeating to a retry: a server failure or HubSpot's rate limit. */
const transient = (status: number) => status >= 500 || status === 429;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function claim(db: Db, call: IdempotentCall, key: string, staleMs: number): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO card_api_requests (portal_id, idempotency_key, endpoint, request_hash, user_id)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (portal_id, idempotency_key) DO UPDATE
       SET created_at = now(), endpoint = EXCLUDED.endpoint, user_id = EXCLUDED.user_id
       WHERE card_api_requests.status = 'running'
         AND card_api_requests.request_hash = EXCLUDED.request_hash
         AND card_api_requests.created_at < now() - make_interval(secs => $6::float8)
     RETURNING 1`,
    [call.portalId, key, call.endpoint, call.requestHash, call.userId, staleMs / 1000],
  );
  return inserted.rowCount === 1;
}

async function stored(db: Db, portalId: number, key: string): Promise<StoredRow | null> {
  const { rows } = await db.query<StoredRow>(
    `SELECT request_hash, status, response_status, response FROM card_api_requests
      WHERE portal_id = $1 AND idempotency_key = $2`,
    [portalId, key],
  );
  return rows[0] ?? null;
}

export async function runIdempotent(
  db: Db,
  call: IdempotentCall,
  run: () => Promise<Answer>,
  options: IdempotencyOptions = {},
): Promise<Answer & { replayed: boolean }> {
  const key = checkKey(call.key);
  const waitMs = options.waitMs ?? 8000;
  const pollMs = options.pollMs ?? 100;
  const deadline = Date.now() + waitMs;
  await db.query(
    `DELETE FROM card_api_requests WHERE created_at < now() - interval '${RETENTION}'`,
  );
  for (;;) {
    if (await claim(db, call, key, options.staleMs ?? 300_000)) break;
    const row = await stored(db, call.portalId, key);
    if (row === null) continue; // the first attempt failed and let go: claim again
    if (row.request_hash !== call.requestHash)
      throw new ConflictError(
        'This Idempotency-Key was already used for a different request; make a new key per action',
      );
    if (row.status === 'done')
      return { status: row.response_status ?? 200, body: row.response, replayed: true };
    if (Date.now() > deadline)
      throw new ConflictError(
        'The same request is still being processed; try again in a few seconds',
      );
    await sleep(pollMs);
  }

  let answer: Answer;
  try {
    answer = await run();
  } catch (error) {
    const rendered = renderApiError(error);
    if (transient(rendered.status)) {
      await release(db, call.portalId, key);
      throw error;
    }
    answer = rendered;
  }
  if (transient(answer.status)) {
    await release(db, call.portalId, key);
    return { ...answer, replayed: false };
  }
  await db.query(
    `UPDATE card_api_requests
        SET status = 'done', response_status = $3, response = $4::jsonb, completed_at = now()
      WHERE portal_id = $1 AND idempotency_key = $2`,
    [call.portalId, key, answer.status, JSON.stringify(answer.body ?? null)],
  );
  return { ...answer, replayed: false };
}

async function release(db: Db, portalId: number, key: string): Promise<void> {
  await db.query(
    `DELETE FROM card_api_requests WHERE portal_id = $1 AND idempotency_key = $2 AND status = 'running'`,
    [portalId, key],
  );
}
