import type { AppDeps } from '../app/deps.js';
import { InternalError } from '../errors.js';
import { QUEUES, singletonKeys } from '../jobs/job-names.js';

/**
 * "Re-evaluate key account" (workflow action): queues `recompute-company` for
 * the enrolled company (coalesced per company), forced so the engine runs
 * even when no input changed (e.g. a workflow wants today's cadence check).
 */
export async function queueReevaluation(
  deps: Pick<AppDeps, 'queue' | 'now'>,
  portalId: number,
  companyId: string,
): Promise<void> {
  if (!deps.queue)
    throw new InternalError('this process has no job queue; re-evaluation cannot be queued');
  await deps.queue.send(
    QUEUES.recomputeCompany,
    { portalId, companyId, changedAt: deps.now().getTime() },
    { singletonKey: singletonKeys.company(portalId, companyId) },
  );
}
