import { z } from 'zod';
import type { Queryable } from '../store/db.js';

/**
 * Backfill progress in `sync_checkpoints`, one row per phase
 * (`backfill:companies`, …): the list cursor after the last stored page (or
 * the next search window) and counts. A page and its checkpoint commit in one
 * transaction, so after a crash the backfill resumes at the first page it had
 * not stored — finished pages are never read again.
 */

export const phaseProgressSchema = z.object({
  done: z.number().int().min(0).default(0),
  pages: z.number().int().min(0).default(0),
  total: z.number().int().min(0).optional(),
  finished: z.boolean().default(false),
  mode: z.enum(['list', 'search']).optional(),
  /** Search mode: the windows [from, to) in ms, and how many are finished. */
  windows: z.array(z.tuple([z.number(), z.number()])).optional(),
  windowsDone: z.number().int().min(0).optional(),
  startedAt: z.string().optional(),
});
export type PhaseProgress = z.infer<typeof phaseProgressSchema>;

export interface PhaseCheckpoint {
  cursor: string | null;
  progress: PhaseProgress;
}

export const phaseKind = (phase: string) => `backfill:${phase}`;

export async function readPhase(
  q: Queryable,
  portalId: number,
  phase: string,
): Promise<PhaseCheckpoint | null> {
  const { rows } = await q.query<{ cursor: string | null; progress: unknown }>(
    'SELECT cursor, progress FROM sync_checkpoints WHERE portal_id = $1 AND kind = $2',
    [portalId, phaseKind(phase)],
  );
  if (!rows[0]) return null;
  const parsed = phaseProgressSchema.safeParse(rows[0].progress);
  // An unreadable checkpoint (older format) restarts the phase rather than failing forever.
  return parsed.success ? { cursor: rows[0].cursor, progress: parsed.data } : null;
}

export async function savePhase(
  q: Queryable,
  portalId: number,
  phase: string,
  checkpoint: PhaseCheckpoint,
): Promise<void> {
  await q.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, cursor, progress, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, now())
     ON CONFLICT (portal_id, kind) DO UPDATE
       SET cursor = EXCLUDED.cursor, progress = EXCLUDED.progress, updated_at = now()`,
    [portalId, phaseKind(phase), checkpoint.cursor, JSON.stringify(checkpoint.progress)],
  );
}

/** Forgets every backfill checkpoint of a portal (a restart from scratch). */
export async function clearPhases(q: Queryable, portalId: number): Promise<void> {
  await q.query(`DELETE FROM sync_checkpoints WHERE portal_id = $1 AND kind LIKE 'backfill:%'`, [
    portalId,
  ]);
}

/**
 * Starts reconciliation where the backfill started reading a type, so a
 * change made while the backfill ran is caught (never moves a watermark back).
 */
export async function seedReconcileWatermark(
  q: Queryable,
  portalId: number,
  type: string,
  startedAt: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, watermark, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (portal_id, kind) DO NOTHING`,
    [portalId, `reconcile:${type}`, startedAt],
  );
}

/**
 * While a backfill runs, recomputes of single companies wait for it: the
 * mirror is half full and the portfolio has no index yet, so each would be a
 * full pass. Their company ids are kept in the `backfill:state` row and
 * recomputed once the backfill's own full pass is done. The row is locked by
 * each update, so a company deferred while the backfill finishes is never lost.
 */
const STATE = 'backfill:state';

export async function beginBackfill(q: Queryable, portalId: number): Promise<void> {
  await q.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, progress, updated_at)
     VALUES ($1, $2, '{"done": false, "pending": []}'::jsonb, now())
     ON CONFLICT (portal_id, kind) DO NOTHING`,
    [portalId, STATE],
  );
}

/** True when a backfill is running: the ids were kept for its end. */
export async function deferRecompute(
  q: Queryable,
  portalId: number,
  companyIds: readonly string[],
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE sync_checkpoints
        SET progress = jsonb_set(progress, '{pending}', COALESCE(progress->'pending', '[]'::jsonb) || $3::jsonb),
            updated_at = now()
      WHERE portal_id = $1 AND kind = $2 AND (progress->>'done')::boolean IS NOT TRUE`,
    [portalId, STATE, JSON.stringify(companyIds)],
  );
  return rowCount > 0;
}

/** Marks the backfill done; returns the companies whose recompute waited for it. */
export async function finishBackfill(q: Queryable, portalId: number): Promise<string[]> {
  const { rows } = await q.query<{ pending: unknown }>(
    `UPDATE sync_checkpoints s
        SET progress = '{"done": true, "pending": []}'::jsonb, updated_at = now()
       FROM (SELECT progress->'pending' AS pending FROM sync_checkpoints
              WHERE portal_id = $1 AND kind = $2 FOR UPDATE) old
      WHERE s.portal_id = $1 AND s.kind = $2
      RETURNING old.pending`,
    [portalId, STATE],
  );
  const pending = rows[0]?.pending;
  return Array.isArray(pending) ? [...new Set(pending.map(String))] : [];
}
