import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app/deps.js';
import type { SettingsProgressResponse } from '../cards/contract.js';
import { NotFoundError } from '../errors.js';
import { QUEUES } from '../jobs/job-names.js';
import { bossJob, queuePortalRecompute, type BossJob } from './jobs.js';

/**
 * The full re-evaluation a settings save starts, and its progress for the
 * settings page. The work is the `recompute-portal` job (the full pass);
 * progress is counted without touching the job: every evaluation row the pass
 * stores takes a new revision from `evaluation_revision_seq`, so the rows of
 * the portal with a revision above the one taken at save time are the
 * accounts done so far, out of the live companies counted then.
 */

interface JobRow {
  boss_job_id: string | null;
  base_revision: string;
  total: number;
}

export async function startSettingsJob(
  deps: Pick<AppDeps, 'db' | 'queue'>,
  portalId: number,
  settingsVersion: number,
): Promise<string> {
  const { rows } = await deps.db.query<{ base: string; total: number }>(
    `SELECT nextval('evaluation_revision_seq')::text AS base,
            (SELECT count(*)::int FROM mirror_companies WHERE portal_id = $1 AND NOT archived) AS total`,
    [portalId],
  );
  const bossId = await queuePortalRecompute(deps, portalId);
  const jobId = randomUUID();
  await deps.db.query(
    `INSERT INTO settings_jobs (portal_id, job_id, boss_job_id, settings_version, base_revision, total)
     VALUES ($1, $2, $3, $4, $5::bigint, $6)`,
    [portalId, jobId, bossId, settingsVersion, rows[0].base, rows[0].total],
  );
  // Old rows are of no use to anyone (the page polls for minutes at most).
  await deps.db.query(`DELETE FROM settings_jobs WHERE created_at < now() - interval '30 days'`);
  return jobId;
}

function failureText(output: unknown): string {
  if (output !== null && typeof output === 'object' && 'message' in output) {
    const m = (output as { message: unknown }).message;
    // Only the first line: never a stack.
    if (typeof m === 'string' && m.trim() !== '') return m.split('\n')[0].slice(0, 300);
  }
  return 'The re-evaluation failed; it is retried automatically, or save the settings again.';
}

function statusOf(job: BossJob | null, processed: number, total: number) {
  if (job === null)
    // pg-boss deleted its record: judge by the rows written.
    return processed >= total
      ? { status: 'completed' as const, error: null }
      : {
          status: 'failed' as const,
          error: 'The re-evaluation job is no longer known; save the settings again.',
        };
  switch (job.state) {
    case 'created':
      return { status: 'queued' as const, error: null };
    case 'retry':
    case 'active':
      return { status: 'running' as const, error: null };
    case 'completed':
      return { status: 'completed' as const, error: null };
    default:
      return { status: 'failed' as const, error: failureText(job.output) };
  }
}

export async function settingsProgress(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
  jobId: string,
): Promise<SettingsProgressResponse> {
  const { rows } = await deps.db.query<JobRow>(
    `SELECT boss_job_id, base_revision::text AS base_revision, total FROM settings_jobs
      WHERE portal_id = $1 AND job_id = $2`,
    [portalId, jobId],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('No such re-evaluation for this HubSpot account');
  const done = await deps.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM evaluations WHERE portal_id = $1 AND revision > $2::bigint`,
    [portalId, row.base_revision],
  );
  const job = row.boss_job_id ? await bossJob(deps, QUEUES.recomputePortal, row.boss_job_id) : null;
  const written = Math.min(row.total, done.rows[0].n);
  const { status, error } = statusOf(job, written, row.total);
  return {
    jobId,
    status,
    processed: status === 'completed' ? row.total : written,
    total: row.total,
    error,
  };
}
