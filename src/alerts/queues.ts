import type { AppDeps } from '../app/deps.js';

/**
 * Job queues of the alerts area (registered by src/jobs/alert-schedules.ts):
 * - `alerts-outbox` { portalId }: runs the portal's pending task/record writes
 *   (coalesced per portal with singletonKey = portalId);
 * - `alerts-escalate` { portalId, episodeId }: sent with startAfter = respond-by;
 * - `alerts-task-check` { portalId }: the periodic safety net (task statuses,
 *   missed escalations, outbox).
 */
export const ALERT_OUTBOX_QUEUE = 'alerts-outbox';
export const ALERT_ESCALATE_QUEUE = 'alerts-escalate';
export const ALERT_TASK_CHECK_QUEUE = 'alerts-task-check';

/** The subset of AppDeps the alert store code needs (tests build it without HubSpot access). */
export type AlertDeps = Pick<AppDeps, 'db' | 'queue' | 'logger' | 'now'>;

/** Asks a worker to run the portal's outbox soon; without a queue the caller runs it itself. */
export async function kickOutbox(deps: AlertDeps, portalId: number): Promise<void> {
  if (!deps.queue) return;
  try {
    await deps.queue.send(ALERT_OUTBOX_QUEUE, { portalId }, { singletonKey: String(portalId) });
  } catch (err) {
    // The periodic check runs the outbox anyway; a lost kick only delays.
    deps.logger.warn({ err, portalId }, 'could not queue the alert outbox run');
  }
}

/**
 * Kicks the outbox of every portal with rows due (pending, a retry whose time
 * came, or in flight past the lease of a worker that died): without it they
 * would wait for the periodic task check. Kicks coalesce per portal.
 */
export async function kickDueOutboxes(deps: AlertDeps): Promise<number> {
  const { rows } = await deps.db.query<{ portal_id: string }>(
    `SELECT DISTINCT portal_id::text FROM hubspot_outbox
      WHERE status IN ('pending', 'in_flight') AND next_attempt_at <= $1 AND kind LIKE 'alerts.%'`,
    [deps.now()],
  );
  for (const r of rows) await kickOutbox(deps, Number(r.portal_id));
  return rows.length;
}
