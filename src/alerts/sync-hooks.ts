import type { AppDeps } from '../app/deps.js';
import type { SyncOps } from '../jobs/job-names.js';
import {
  isBaselineDue,
  syncAlerts,
  type SyncAlertsOptions,
  type SyncAlertsResult,
} from './lifecycle.js';
import { closeOrphanedAlerts } from './orphans.js';
import { onTaskChanges } from './task-events.js';
import { settlePending } from '../sync/settle.js';

/**
 * Where alerts hook into the sync: after evaluations are stored, the alert
 * lifecycle runs on what was written. `withAlerts(ops)` wraps the jobs'
 * SyncOps (BE3's compose: `ops = withAlerts(defaultSyncOps())`) so every
 * recompute, full pass and backfill is followed by `syncAlerts` on the rows
 * with follow-up due (`settled_revision` below `revision`: what it wrote,
 * accounts re-evaluated because another one's key flag moved, and anything a
 * crashed worker left), and task webhooks reach
 * `onTaskChanges`. It reads the stored evaluation at sync time, so two
 * workers syncing the same company apply the latest result.
 */

/**
 * The alert sync of every stored evaluation with follow-up due (settle.ts):
 * the rows a recompute just wrote, and any a crashed worker left. One
 * baseline decision for all of them: the baseline is marked by the first
 * sync that had evaluations (recomputes wait for the backfill, so that is the
 * backfill's full pass).
 */
export async function settleWithAlerts(
  deps: AppDeps,
  portalId: number,
  options: { upTo?: number; baseline?: SyncAlertsOptions['baseline'] } = {},
): Promise<SyncAlertsResult & { settled: number }> {
  const total = { opened: 0, reopened: 0, closed: 0, tasks: 0, digested: 0, settled: 0 };
  const baseline =
    options.baseline === undefined || options.baseline === 'auto'
      ? await isBaselineDue(deps, portalId)
      : options.baseline;
  const settled = await settlePending(deps, portalId, {
    upTo: options.upTo,
    async onRows(evaluations) {
      const r = await syncAlerts(deps, portalId, evaluations, { baseline });
      total.opened += r.opened;
      total.reopened += r.reopened;
      total.closed += r.closed;
      total.tasks += r.tasks;
      total.digested += r.digested;
    },
  });
  total.settled = settled.settled;
  return total;
}

/** The sync operations with the alert lifecycle after each write of evaluations. */
export function withAlerts(ops: SyncOps): SyncOps {
  return {
    ...ops,
    async recomputeCompanies(deps, portalId, companyIds) {
      const result = await ops.recomputeCompanies(deps, portalId, companyIds);
      await settleWithAlerts(deps, portalId);
      // Deleted or merged companies left the portfolio: their alerts close.
      if (result.evaluated < companyIds.length) await closeOrphanedAlerts(deps, portalId);
      return result;
    },
    async recomputePortal(deps, portalId, options) {
      const result = await ops.recomputePortal(deps, portalId, options);
      await settleWithAlerts(deps, portalId);
      await closeOrphanedAlerts(deps, portalId);
      return result;
    },
    async backfillPortal(deps, portalId, options) {
      const result = await ops.backfillPortal(deps, portalId, options);
      await settleWithAlerts(deps, portalId);
      return result;
    },
    // Until the backfill's baseline sync ran, the backfill settles (its baseline creates no tasks).
    settlePortal: async (deps, portalId, options) =>
      (await isBaselineDue(deps, portalId))
        ? { settled: 0 }
        : settleWithAlerts(deps, portalId, options),
    onTaskChanges: async (deps, portalId, tasks) => {
      await ops.onTaskChanges?.(deps, portalId, tasks);
      await onTaskChanges(deps, portalId, tasks);
    },
  };
}
