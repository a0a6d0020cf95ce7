import type PgBoss from 'pg-boss';
import type { Db, Queryable } from '../store/db.js';

/**
 * Jobs that failed their last retry, kept in our own `dead_letters` table:
 * pg-boss archives and later deletes even dead-letter jobs, we never do.
 */

function portalIdOf(data: unknown): number | null {
  if (data !== null && typeof data === 'object' && 'portalId' in data) {
    const id = (data as { portalId: unknown }).portalId;
    if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
    if (typeof id === 'string' && /^\d{1,15}$/.test(id)) return Number(id);
  }
  return null;
}

/** Copies dead-lettered jobs of `queue` into `dead_letters` (idempotent per job). */
export async function persistDeadLetters(
  db: Db,
  queue: string,
  jobs: PgBoss.JobWithMetadata<object>[],
): Promise<void> {
  if (jobs.length === 0) return;
  const rows = jobs.map((j) => ({
    job_id: j.id,
    queue,
    portal_id: portalIdOf(j.data),
    data: j.data ?? null,
    error: j.output ?? null,
  }));
  await db.query(
    `INSERT INTO dead_letters (job_id, queue, portal_id, data, error)
     SELECT r.job_id, r.queue, r.portal_id, r.data, r.error
       FROM jsonb_to_recordset($1::jsonb) AS r(job_id text, queue text, portal_id bigint, data jsonb, error jsonb)
     ON CONFLICT (job_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

export interface DeadLetter {
  id: number;
  jobId: string;
  queue: string;
  portalId: number | null;
  data: unknown;
  error: unknown;
  failedAt: Date;
  replayedAt: Date | null;
}

export async function listDeadLetters(
  db: Queryable,
  filter: { portalId?: number; queue?: string; includeReplayed?: boolean; limit?: number } = {},
): Promise<DeadLetter[]> {
  const { rows } = await db.query<DeadLetter>(
    `SELECT id, job_id AS "jobId", queue, portal_id AS "portalId", data, error,
            failed_at AS "failedAt", replayed_at AS "replayedAt"
       FROM dead_letters
      WHERE ($1::bigint IS NULL OR portal_id = $1)
        AND ($2::text IS NULL OR queue = $2)
        AND ($3::boolean OR replayed_at IS NULL)
      ORDER BY failed_at DESC, id DESC
      LIMIT $4`,
    [
      filter.portalId ?? null,
      filter.queue ?? null,
      filter.includeReplayed ?? false,
      filter.limit ?? 100,
    ],
  );
  return rows;
}

/**
 * Sends a dead letter's job again on its queue and marks it replayed, once:
 * a second replay of the same row does nothing and answers null.
 */
export async function replayDeadLetter(
  db: Db,
  queue: {
    ensure(name: string): Promise<void>;
    send(name: string, data: object, options: { tx: Queryable }): Promise<string | null>;
  },
  id: number,
): Promise<string | null> {
  const { rows: found } = await db.query<{ queue: string }>(
    'SELECT queue FROM dead_letters WHERE id = $1',
    [id],
  );
  if (found.length === 0) return null;
  await queue.ensure(found[0].queue);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ queue: string; data: unknown }>(
      `UPDATE dead_letters SET replayed_at = now() WHERE id = $1 AND replayed_at IS NULL RETURNING queue, data`,
      [id],
    );
    if (rows.length === 0) return null;
    const data =
      rows[0].data !== null && typeof rows[0].data === 'object' ? (rows[0].data as object) : {};
    return queue.send(rows[0].queue, data, { tx });
  });
}
