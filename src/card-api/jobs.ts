import type { AppDeps } from '../app/deps.js';
import { InternalError } from '../errors.js';
import { QUEUES, singletonKeys } from '../jobs/job-names.js';
import type { Queue } from '../jobs/queue.js';

/**
 * The jobs the card API starts — the same queues and singleton keys as the
 * webhook pipeline, so a re-evaluation asked for on a card and one caused by
 * a webhook coalesce into one job — and what it reads back about them. pg-boss
 * keeps its jobs in `pgboss.job` (same database); a send that coalesced
 * answers null, and the job that absorbed it is looked up by its key.
 */

export type BossState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface BossJob {
  id: string;
  state: BossState;
  output: unknown;
}

function queueOf(deps: Pick<AppDeps, 'queue'>): Queue {
  if (!deps.queue) throw new InternalError('this process has no job queue to start work on');
  return deps.queue;
}

/** The newest unfinished job of a queue and key. */
async function pendingJobId(
  deps: Pick<AppDeps, 'db'>,
  name: string,
  key: string,
): Promise<string | null> {
  const { rows } = await deps.db.query<{ id: string }>(
    `SELECT id::text AS id FROM pgboss.job
      WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active')
      ORDER BY created_on DESC LIMIT 1`,
    [name, key],
  );
  return rows[0]?.id ?? null;
}

async function sendCoalesced(
  deps: Pick<AppDeps, 'db' | 'queue'>,
  name: string,
  data: object,
  key: string,
): Promise<string> {
  const id = await queueOf(deps).send(name, data, { singletonKey: key });
  if (id !== null) return id;
  // Absorbed by a job not yet started for the same key: it will see our change when it runs.
  const pending = await pendingJobId(deps, name, key);
  if (pending !== null) return pending;
  // It started (and finished) in between: send again so our change is surely seen.
  const again = await queueOf(deps).send(name, data, { singletonKey: key });
  if (again !== null) return again;
  throw new InternalError('the job queue accepted no job and shows none pending');
}

export function queueCompanyRecompute(
  deps: Pick<AppDeps, 'db' | 'queue' | 'now'>,
  portalId: number,
  companyId: string,
): Promise<string> {
  return sendCoalesced(
    deps,
    QUEUES.recomputeCompany,
    { portalId, companyId, changedAt: deps.now().getTime() },
    singletonKeys.company(portalId, companyId),
  );
}

export function queuePortalRecompute(
  deps: Pick<AppDeps, 'db' | 'queue'>,
  portalId: number,
): Promise<string> {
  return sendCoalesced(deps, QUEUES.recomputePortal, { portalId }, singletonKeys.portal(portalId));
}

/** A recompute of this company is queued or running. */
export async function isRecomputePending(
  deps: Pick<AppDeps, 'db' | 'queue'>,
  portalId: number,
  companyId: string,
): Promise<boolean> {
  if (!deps.queue) return false;
  const key = singletonKeys.company(portalId, companyId);
  return (await pendingJobId(deps, QUEUES.recomputeCompany, key)) !== null;
}

/** A job by id, also after pg-boss moved it to its archive; null once deleted from both. */
export async function bossJob(
  deps: Pick<AppDeps, 'db'>,
  name: string,
  id: string,
): Promise<BossJob | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  for (const table of ['job', 'archive']) {
    const { rows } = await deps.db.query<{ id: string; state: BossState; output: unknown }>(
      `SELECT id::text AS id, state::text AS state, output FROM pgboss.${table} WHERE name = $1 AND id = $2::uuid`,
      [name, id],
    );
    if (rows[0]) return rows[0];
  }
  return null;
}
