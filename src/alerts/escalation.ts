import { getSettings } from '../sync/settings-store.js';
import { getEpisode, lockPortalAlerts } from './alert-store.js';
import type { ExecDeps } from './executor-context.js';
import { readTaskStatuses } from './hubspot-tasks.js';
import { taskOutboxKey } from './keys.js';
import { enqueueOnce } from './outbox-store.js';
import { kickOutbox } from './queues.js';
import { applyStatuses } from './task-status.js';
import { drainAlertOutbox } from './task-outbox.js';

/**
 * Respond-by passing without a response escalates once. A delayed job
 * (`alerts-escalate`, startAfter = respond-by) fires at that moment; the
 * periodic check catches a lost one. HubSpot owners carry no manager, so the
 * escalation goes to the users in `alerts.escalationOwnerIds`: each gets one
 * escalation task (due within the respond time) that names the owner and the
 * alert. With no escalation users configured, the episode is only marked
 * escalated (visible on the card) and nothing is created.
 */

export interface EscalateJob {
  portalId: number;
  episodeId: number;
}

/** True when the episode was escalated now. */
export async function escalateEpisode(
  deps: ExecDeps,
  portalId: number,
  episodeId: number,
): Promise<boolean> {
  const episode = await getEpisode(deps.db, portalId, episodeId);
  if (
    !episode ||
    episode.closedAt !== null ||
    episode.respondCompletedAt !== null ||
    episode.escalatedAt !== null
  )
    return false;
  if (episode.taskMode !== 'task' || episode.respondBy === null) return false;
  const now = deps.now();
  // Not due by our clock (jobs run on the database's): the periodic check escalates it when it is.
  // Never re-sent from here, so two clocks that disagree cannot make a job loop.
  if (episode.respondBy.getTime() > now.getTime() + 30_000) return false;
  // The owner may have answered and the webhook be late: look before escalating.
  if (episode.respondTaskId) {
    const client = await deps.hubspot.clientFor(portalId);
    const statuses = await readTaskStatuses(client, [episode.respondTaskId]);
    if (statuses.get(episode.respondTaskId)?.status === 'COMPLETED') {
      await applyStatuses(deps, portalId, [episode], statuses);
      return false;
    }
  }
  const settings = await getSettings(deps.db, portalId);
  const escalated = await deps.db.transaction(async (tx) => {
    await lockPortalAlerts(tx, portalId);
    const { rowCount } = await tx.query(
      `UPDATE alert_episodes SET escalated_at = $3, updated_at = $3
        WHERE portal_id = $1 AND id = $2 AND escalated_at IS NULL AND closed_at IS NULL AND respond_completed_at IS NULL`,
      [portalId, episodeId, now],
    );
    if (rowCount !== 1) return false;
    for (const ownerId of settings.alerts.escalationOwnerIds) {
      await enqueueOnce(
        tx,
        portalId,
        taskOutboxKey(episode, 'escalation', ownerId),
        'alerts.task.create',
        { episodeId, kind: 'escalation', escalationOwnerId: ownerId },
        now,
      );
    }
    return true;
  });
  if (escalated && settings.alerts.escalationOwnerIds.length > 0) {
    if (deps.queue) await kickOutbox(deps, portalId);
    else await drainAlertOutbox(deps, portalId);
  }
  return escalated;
}

/** The `alerts-escalate` job handler. */
export async function handleEscalateJob(deps: ExecDeps, job: EscalateJob): Promise<void> {
  await escalateEpisode(deps, Number(job.portalId), Number(job.episodeId));
}
