import type { StoredEpisode } from './alert-types.js';
import { EPISODE_COLUMNS, episodeOf, lockPortalAlerts, type EpisodeRow } from './alert-store.js';
import type { ExecDeps } from './executor-context.js';
import type { TaskSnapshot } from './hubspot-tasks.js';
import { taskOutboxKey } from './keys.js';
import { enqueueOnce } from './outbox-store.js';

/**
 * What a task's status means for its episode (shared by the webhook path, the
 * periodic check and the escalation job): a completed respond task while the
 * alert is open queues the plan task; a completed plan task is recorded.
 */

export async function episodesOfTasks(
  deps: ExecDeps,
  portalId: number,
  taskIds: readonly string[],
): Promise<StoredEpisode[]> {
  const { rows } = await deps.db.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM alert_episodes
      WHERE portal_id = $1 AND (respond_task_id = ANY($2::text[]) OR plan_task_id = ANY($2::text[]))`,
    [portalId, [...taskIds]],
  );
  return rows.map(episodeOf);
}

/** Applies what the tasks' statuses say; returns the number of plan tasks queued. */
export async function applyStatuses(
  deps: ExecDeps,
  portalId: number,
  episodes: readonly StoredEpisode[],
  tasks: ReadonlyMap<string, TaskSnapshot>,
): Promise<number> {
  let plans = 0;
  const now = deps.now();
  for (const e of episodes) {
    const ours = new Set(e.autoCompletedTaskIds);
    const respondDone =
      e.respondTaskId !== null &&
      tasks.get(e.respondTaskId)?.status === 'COMPLETED' &&
      !ours.has(e.respondTaskId);
    const planDone =
      e.planTaskId !== null &&
      tasks.get(e.planTaskId)?.status === 'COMPLETED' &&
      !ours.has(e.planTaskId);
    if (
      !(respondDone && e.respondCompletedAt === null) &&
      !(planDone && e.planCompletedAt === null)
    )
      continue;
    plans += await deps.db.transaction(async (tx) => {
      await lockPortalAlerts(tx, portalId);
      // Re-read under the lock: another worker may have handled the same event.
      const { rows } = await tx.query<EpisodeRow>(
        `SELECT ${EPISODE_COLUMNS} FROM alert_episodes WHERE portal_id = $1 AND id = $2`,
        [portalId, e.id],
      );
      const cur = rows[0] ? episodeOf(rows[0]) : null;
      if (!cur) return 0;
      let queued = 0;
      if (respondDone && cur.respondCompletedAt === null) {
        await tx.query(
          'UPDATE alert_episodes SET respond_completed_at = $3, updated_at = $3 WHERE portal_id = $1 AND id = $2',
          [portalId, e.id, now],
        );
        if (cur.closedAt === null && cur.planTaskId === null) {
          const payload = { episodeId: e.id, kind: 'plan' };
          if (
            await enqueueOnce(
              tx,
              portalId,
              taskOutboxKey(cur, 'plan'),
              'alerts.task.create',
              payload,
              now,
            )
          )
            queued++;
        }
      }
      if (planDone && cur.planCompletedAt === null) {
        await tx.query(
          `UPDATE alert_episodes SET plan_completed_at = $3, updated_at = $3,
                  closed_at = CASE WHEN source = 'workflow' THEN COALESCE(closed_at, $3) ELSE closed_at END
            WHERE portal_id = $1 AND id = $2`,
          [portalId, e.id, now],
        );
      }
      return queued;
    });
  }
  return plans;
}
