import type { Db, Queryable } from '../store/db.js';

/**
 * Our rows in `hubspot_outbox` (kinds `alerts.*`). A row is written in the
 * same transaction as the alert change that needs it, before any HubSpot
 * call; its idempotency key is deterministic, so the same change never makes
 * two rows. Executors claim rows with FOR UPDATE SKIP LOCKED and a lease:
 * a row stays `in_flight` until its lease (next_attempt_at) passes, so a
 * crashed worker's row is picked up again — and the executor's search for
 * the task key finds what the crashed one created.
 */

export type OutboxKind =
  | 'alerts.task.create'
  | 'alerts.task.complete'
  | 'alerts.task.reopen'
  | 'alerts.task.level'
  | 'alerts.digest'
  | 'alerts.record'
  | 'alerts.review';

export interface OutboxRow {
  id: number;
  portalId: number;
  key: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Inserts a row unless one with the key exists (a change acted on once). */
export async function enqueueOnce(
  tx: Queryable,
  portalId: number,
  key: string,
  kind: OutboxKind,
  payload: Record<string, unknown>,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO hubspot_outbox (portal_id, idempotency_key, kind, payload, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $5)
     ON CONFLICT (portal_id, idempotency_key) DO NOTHING`,
    [portalId, key, kind, JSON.stringify(payload), at],
  );
  return rowCount === 1;
}

/**
 * Inserts a "make HubSpot match our state" row, or queues the existing one
 * again: a done row goes back to pending; an in-flight one is marked requeue
 * so it runs once more after the current run (which may have read old state).
 */
export async function enqueueSync(
  tx: Queryable,
  portalId: number,
  key: string,
  kind: OutboxKind,
  payload: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO hubspot_outbox (portal_id, idempotency_key, kind, payload, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $5)
     ON CONFLICT (portal_id, idempotency_key) DO UPDATE
       SET payload = EXCLUDED.payload,
           requeue = hubspot_outbox.status = 'in_flight',
           status = CASE WHEN hubspot_outbox.status = 'in_flight' THEN 'in_flight' ELSE 'pending' END,
           attempts = CASE WHEN hubspot_outbox.status = 'in_flight' THEN hubspot_outbox.attempts ELSE 0 END,
           next_attempt_at = CASE WHEN hubspot_outbox.status = 'in_flight'
                                  THEN hubspot_outbox.next_attempt_at ELSE EXCLUDED.next_attempt_at END,
           last_error = NULL`,
    [portalId, key, kind, JSON.stringify(payload), at],
  );
}

interface ClaimedRow {
  id: number;
  portal_id: number;
  idempotency_key: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface ClaimOptions {
  portalId?: number;
  /** Only this key (the workflow action runs its own row at once). */
  key?: string;
  now: Date;
  limit: number;
  /** How long a claimed row is ours before another worker may take it over. */
  leaseMs: number;
}

/** Claims due rows (pending, or in flight past their lease): marks them in flight for `leaseMs`. */
export async function claimRows(db: Db, o: ClaimOptions): Promise<OutboxRow[]> {
  const { rows } = await db.query<ClaimedRow>(
    `UPDATE hubspot_outbox o
        SET status = 'in_flight', attempts = o.attempts + 1, requeue = false,
            next_attempt_at = $2::timestamptz + $3 * interval '1 millisecond'
      WHERE o.id IN (
        SELECT id FROM hubspot_outbox
         WHERE status IN ('pending', 'in_flight') AND next_attempt_at <= $2
           AND kind LIKE 'alerts.%'
           AND ($4::bigint IS NULL OR portal_id = $4)
           AND ($5::text IS NULL OR idempotency_key = $5)
         ORDER BY id
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.portal_id, o.idempotency_key, o.kind, o.payload, o.attempts`,
    [o.limit, o.now, o.leaseMs, o.portalId ?? null, o.key ?? null],
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      portalId: Number(r.portal_id),
      key: r.idempotency_key,
      kind: r.kind,
      payload: r.payload,
      attempts: r.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

/** Done (or pending again when a change arrived while it ran). */
export async function finishRow(
  tx: Queryable,
  id: number,
  result: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE hubspot_outbox
        SET status = CASE WHEN requeue THEN 'pending' ELSE 'done' END,
            next_attempt_at = CASE WHEN requeue THEN $3 ELSE next_attempt_at END,
            attempts = CASE WHEN requeue THEN 0 ELSE attempts END,
            requeue = false, result = $2::jsonb, done_at = $3, last_error = NULL
      WHERE id = $1`,
    [id, JSON.stringify(result), at],
  );
}

/** A failed attempt: retried at `retryAt`, or `failed` for good (kept for inspection). */
export async function failRow(
  db: Queryable,
  id: number,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db.query(
    `UPDATE hubspot_outbox
        SET status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
            next_attempt_at = COALESCE($3::timestamptz, next_attempt_at),
            last_error = $2
      WHERE id = $1`,
    [id, error.slice(0, 2000), retryAt],
  );
}

/** Status and result of a row by key (e.g. whether the task create of an episode ran). */
export async function rowByKey(
  db: Queryable,
  portalId: number,
  key: string,
): Promise<{
  status: string;
  result: Record<string, unknown> | null;
  lastError: string | null;
} | null> {
  const { rows } = await db.query<{
    status: string;
    result: Record<string, unknown> | null;
    last_error: string | null;
  }>(
    'SELECT status, result, last_error FROM hubspot_outbox WHERE portal_id = $1 AND idempotency_key = $2',
    [portalId, key],
  );
  return rows[0]
    ? { status: rows[0].status, result: rows[0].result, lastError: rows[0].last_error }
    : null;
}

/** Rows of a portal still waiting (for tests and the status endpoint). */
export async function pendingCount(db: Queryable, portalId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM hubspot_outbox
      WHERE portal_id = $1 AND kind LIKE 'alerts.%' AND status IN ('pending', 'in_flight')`,
    [portalId],
  );
  return rows[0]?.n ?? 0;
}
