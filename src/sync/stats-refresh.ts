import type { AppDeps } from '../app/deps.js';
import { QUEUES, singletonKeys } from '../jobs/job-names.js';

/**
 * The statistics lag by the accounts changed since the last full pass (each
 * changed account's percentile is taken against the old distribution, the
 * others' against one without the change): a full pass some minutes after the
 * first such change makes every account exact again. One queued per portal
 * (its own singleton key, so a drift rebuild is never held behind it).
 */
export async function queueStatsRefresh(deps: AppDeps, portalId: number): Promise<void> {
  const seconds = deps.config.statsRefreshSeconds;
  if (!deps.queue || seconds <= 0) return;
  await deps.queue.send(
    QUEUES.recomputePortal,
    { portalId, refresh: true },
    {
      singletonKey: singletonKeys.statsRefresh(portalId),
      startAfter: new Date(Date.now() + seconds * 1000),
    },
  );
}
