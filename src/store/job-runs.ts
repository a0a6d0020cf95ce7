import type { Queryable } from './db.js';

/**
 * Idempotent schedules: a schedule firing in several processes (or twice after
 * a restart) runs once per period. The first to insert (schedule, period) runs
 * it; a failed run, or one left `running` by a crashed process for longer than
 * `staleAfterMs`, may be claimed again.
 */

export interface ClaimOptions {
  /** A run still marked running after this long is presumed dead (default 1 h). */
  staleAfterMs?: number;
}

export async function claimJobRun(
  db: Queryable,
  scheduleName: string,
  periodKey: string,
  options: ClaimOptions = {},
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO job_runs (schedule_name, period_key) VALUES ($1, $2)
     ON CONFLICT (schedule_name, period_key) DO UPDATE
        SET started_at = now(), finished_at = NULL, status = 'running', detail = NULL
      WHERE job_runs.status = 'failed'
         OR (job_runs.status = 'running' AND job_runs.started_at < now() - $3 * interval '1 millisecond')
     RETURNING 1`,
    [scheduleName, periodKey, options.staleAfterMs ?? 3_600_000],
  );
  return rowCount === 1;
}

export async function finishJobRun(
  db: Queryable,
  scheduleName: string,
  periodKey: string,
  status: 'done' | 'failed',
  detail?: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `UPDATE job_runs SET status = $3, finished_at = now(), detail = $4
      WHERE schedule_name = $1 AND period_key = $2`,
    [scheduleName, periodKey, status, detail ?? null],
  );
}

/** Runs `fn` unless this schedule already ran (or is running) for the period. */
export async function runOnce<T>(
  db: Queryable,
  scheduleName: string,
  periodKey: string,
  fn: () => Promise<T>,
  options: ClaimOptions = {},
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (!(await claimJobRun(db, scheduleName, periodKey, options))) return { ran: false };
  try {
    const result = await fn();
    await finishJobRun(db, scheduleName, periodKey, 'done');
    return { ran: true, result };
  } catch (error) {
    await finishJobRun(db, scheduleName, periodKey, 'failed', {
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
