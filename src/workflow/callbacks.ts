import type { Queryable } from '../store/db.js';

/**
 * Idempotency by HubSpot's `callbackId`: the response of a finished call is
 * stored, and the same callbackId again (HubSpot retries on timeouts and
 * 5xx) answers it without acting twice. A repeat that arrives while the first
 * is still running runs the same idempotent steps and arrives at the same
 * task (deterministic episode and task key), so it needs no lock.
 */

export async function storedResponse(
  db: Queryable,
  portalId: number,
  callbackId: string,
): Promise<unknown> {
  const { rows } = await db.query<{ response: unknown }>(
    'SELECT response FROM workflow_callbacks WHERE portal_id = $1 AND callback_id = $2 AND response IS NOT NULL',
    [portalId, callbackId],
  );
  return rows[0]?.response ?? null;
}

export async function saveResponse(
  db: Queryable,
  portalId: number,
  callbackId: string,
  action: string,
  response: object,
): Promise<void> {
  await db.query(
    `INSERT INTO workflow_callbacks (portal_id, callback_id, action, response) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (portal_id, callback_id) DO NOTHING`,
    [portalId, callbackId, action, JSON.stringify(response)],
  );
}

/** Forgets callbacks older than `days` (HubSpot retries for up to three days). */
export async function pruneCallbacks(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM workflow_callbacks WHERE created_at < $1', [
    before,
  ]);
  return rowCount;
}
