import { EPISODE_COLUMNS, episodeOf, type EpisodeRow } from './alert-store.js';
import { escalateEpisode } from './escalation.js';
import type { ExecDeps } from './executor-context.js';
import { readTaskStatuses } from './hubspot-tasks.js';
import { kickOutbox } from './queues.js';
import { applyStatuses, episodesOfTasks } from './task-status.js';
import { drainAlertOutbox } from './task-outbox.js';
import type { TaskChange } from '../webhooks/event-refs.js';

/**
 * Task completion. HubSpot tells us through `hs_task_status` webhooks (BE3's
 * inbox processor calls `onTaskChanged` for task events); `checkAlertTasks`
 * re-reads the open alert tasks periodically in case a webhook was lost.
 *
 * - respond task completed while the alert is still open → the plan task,
 *   due at plan-by (it only now exists: never both open);
 * - plan task completed → recorded (a workflow alert ends there);
 * - tasks we completed ourselves (alert cleared) are not the owner's answer.
 */

/** Task ids changed in HubSpot (from webhooks): learn completions and queue plan tasks. */
export async function onTaskChanged(
  deps: ExecDeps,
  portalId: number,
  taskIds: readonly string[],
): Promise<{ plans: number }> {
  if (taskIds.length === 0) return { plans: 0 };
  const episodes = await episodesOfTasks(deps, portalId, taskIds);
  if (episodes.length === 0) return { plans: 0 };
  const client = await deps.hubspot.clientFor(portalId);
  const ids = episodes
    .flatMap((e) => [e.respondTaskId, e.planTaskId])
    .filter((id): id is string => id !== null && taskIds.includes(id));
  const tasks = await readTaskStatuses(client, ids);
  const plans = await applyStatuses(deps, portalId, episodes, tasks);
  if (plans > 0) {
    if (deps.queue) await kickOutbox(deps, portalId);
    else await drainAlertOutbox(deps, portalId);
  }
  return { plans };
}

/**
 * BE3's `SyncOps.onTaskChanges` hook (inbox processor): task events, of which
 * only status changes (and creations/deletions, property null) matter.
 */
export async function onTaskChanges(
  deps: ExecDeps,
  portalId: number,
  tasks: readonly TaskChange[],
): Promise<void> {
  const ids = tasks
    .filter((t) => t.propertyName === null || t.propertyName === 'hs_task_status')
    .map((t) => t.taskId);
  await onTaskChanged(deps, portalId, [...new Set(ids)]);
}

export interface CheckResult {
  checked: number;
  plans: number;
  escalated: number;
}

/**
 * The safety net (run every few minutes per portal): open alert tasks whose
 * completion we have not seen are read back; respond deadlines that passed
 * without an escalation are escalated; the outbox is run.
 */
export async function checkAlertTasks(deps: ExecDeps, portalId: number): Promise<CheckResult> {
  const { rows } = await deps.db.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM alert_episodes
      WHERE portal_id = $1 AND task_mode = 'task' AND closed_at IS NULL
        AND ((respond_task_id IS NOT NULL AND respond_completed_at IS NULL)
          OR (plan_task_id IS NOT NULL AND plan_completed_at IS NULL))
      ORDER BY id LIMIT 1000`,
    [portalId],
  );
  const episodes = rows.map(episodeOf);
  let plans = 0;
  if (episodes.length > 0) {
    const client = await deps.hubspot.clientFor(portalId);
    const ids = episodes
      .flatMap((e) => [e.respondTaskId, e.planTaskId])
      .filter((id): id is string => id !== null);
    plans = await applyStatuses(deps, portalId, episodes, await readTaskStatuses(client, ids));
  }
  const due = await deps.db.query<{ id: number }>(
    `SELECT id FROM alert_episodes
      WHERE portal_id = $1 AND task_mode = 'task' AND closed_at IS NULL AND escalated_at IS NULL
        AND respond_completed_at IS NULL AND respond_by <= $2`,
    [portalId, deps.now()],
  );
  let escalated = 0;
  for (const r of due.rows) if (await escalateEpisode(deps, portalId, Number(r.id))) escalated++;
  await drainAlertOutbox(deps, portalId);
  return { checked: episodes.length, plans, escalated };
}
