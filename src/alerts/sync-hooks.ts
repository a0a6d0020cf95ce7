import type { AppDeps } from '../app/deps.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { SyncOps } from '../jobs/job-names.js';
import {
  isBaselineDue,
  syncAlerts,
  type SyncAlertsOptions,
  type SyncAlertsResult,
} from './lifecycle.js';
import { closeOrphanedAlerts } from './orphans.js';
import { onTaskChanges } from './task-events.js';

/**
 * Where alerts hook into the sync: after evaluations are stored, the alert
 * lifecycle runs on what was written. `withAlerts(ops)` wraps the jobs'
 * SyncOps (BE3's compose: `ops = withAlerts(defaultSyncOps())`) so every
 * recompute, full pass and backfill is followed by `syncAlerts` on the rows it
 * wrote (found by `evaluations.revision`, so accounts re-evaluated because
 * another one's key flag moved are included), and task webhooks reach
 * `onTaskChanges`. It reads the stored evaluation at sync time, so two
 * workers syncing the same company apply the latest result.
 */

const PAGE = 500;

export async function currentRevision(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
): Promise<number> {
  const { rows } = await deps.db.query<{ r: string | number | null }>(
    'SELECT max(revision) AS r FROM evaluations WHERE portal_id = $1',
    [portalId],
  );
  return Number(rows[0]?.r ?? 0);
}

/** Syncs the alerts of every evaluation row written after `revision` (0 = all of the portal). */
export async function syncAlertsSince(
  deps: AppDeps,
  portalId: number,
  revision: number,
  options: SyncAlertsOptions = {},
): Promise<SyncAlertsResult> {
  const total: SyncAlertsResult = { opened: 0, reopened: 0, closed: 0, tasks: 0, digested: 0 };
  // One decision for every page: a baseline pass is the baseline throughout. The
  // baseline is marked by the first sync that had evaluations (recomputes wait
  // for the backfill, so that is the backfill's full pass).
  const baseline =
    options.baseline === undefined || options.baseline === 'auto'
      ? await isBaselineDue(deps, portalId)
      : options.baseline;
  let after = revision;
  for (;;) {
    const { rows } = await deps.db.query<{ evaluation: Evaluation; revision: string | number }>(
      `SELECT evaluation, revision FROM evaluations WHERE portal_id = $1 AND revision > $2
        ORDER BY revision LIMIT ${PAGE}`,
      [portalId, after],
    );
    if (rows.length === 0) break;
    const r = await syncAlerts(
      deps,
      portalId,
      rows.map((x) => x.evaluation),
      { baseline },
    );
    total.opened += r.opened;
    total.reopened += r.reopened;
    total.closed += r.closed;
    total.tasks += r.tasks;
    total.digested += r.digested;
    after = Number(rows[rows.length - 1].revision);
    if (rows.length < PAGE) break;
  }
  return total;
}

/** The sync operations with the alert lifecycle after each write of evaluations. */
export function withAlerts(ops: SyncOps): SyncOps {
  return {
    ...ops,
    async recomputeCompanies(deps, portalId, companyIds) {
      const mark = await currentRevision(deps, portalId);
      const result = await ops.recomputeCompanies(deps, portalId, companyIds);
      await syncAlertsSince(deps, portalId, mark);
      // Deleted or merged companies left the portfolio: their alerts close.
      if (result.evaluated < companyIds.length) await closeOrphanedAlerts(deps, portalId);
      return result;
    },
    async recomputePortal(deps, portalId, options) {
      const mark = await currentRevision(deps, portalId);
      const result = await ops.recomputePortal(deps, portalId, options);
      await syncAlertsSince(deps, portalId, mark);
      await closeOrphanedAlerts(deps, portalId);
      return result;
    },
    async backfillPortal(deps, portalId, options) {
      const mark = await currentRevision(deps, portalId);
      const result = await ops.backfillPortal(deps, portalId, options);
      await syncAlertsSince(deps, portalId, mark);
      return result;
    },
    onTaskChanges: async (deps, portalId, tasks) => {
      await ops.onTaskChanges?.(deps, portalId, tasks);
      await onTaskChanges(deps, portalId, tasks);
    },
  };
}
