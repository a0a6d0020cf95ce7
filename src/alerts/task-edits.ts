import type { MessageRef } from '../domain/snapshot.js';
import { getSettings } from '../sync/settings-store.js';
import type { StoredEpisode } from './alert-types.js';
import { getEpisode } from './alert-store.js';
import { DeferError, episodeContent, type ExecDeps } from './executor-context.js';
import { getTask, updateTask } from './hubspot-tasks.js';
import { taskKey, taskOutboxKey } from './keys.js';
import { finishRow, rowByKey, type OutboxRow } from './outbox-store.js';
import { closedNote, priorityOf, reopenedNote, respondTaskText } from './task-content.js';
import { ensureEpisodeTask } from './task-create.js';

/**
 * Follow-up edits of an episode's tasks: complete them with a note when the
 * alert clears, reopen the ones we completed when it comes back within the
 * quiet period, raise the priority when a worse reason joins. Each reads the
 * task first, so a repeat finds the work done and changes nothing.
 */

async function finish(
  deps: ExecDeps,
  row: OutboxRow,
  result: Record<string, unknown>,
): Promise<void> {
  await deps.db.transaction((tx) => finishRow(tx, row.id, result, deps.now()));
}

/** Waits for the episode's respond task create to run when its id is still unknown. */
async function assertCreated(deps: ExecDeps, portalId: number, e: StoredEpisode): Promise<void> {
  if (e.respondTaskId !== null || e.taskMode !== 'task') return;
  const create = await rowByKey(deps.db, portalId, taskOutboxKey(e, 'respond'));
  if (create && (create.status === 'pending' || create.status === 'in_flight'))
    throw new DeferError('the respond task is still being created');
}

async function latestCloseRef(
  deps: ExecDeps,
  portalId: number,
  episodeId: number,
): Promise<MessageRef | null> {
  const { rows } = await deps.db.query<{ close_ref: MessageRef | null }>(
    `SELECT close_ref FROM alerts WHERE portal_id = $1 AND episode_id = $2 AND closed_at IS NOT NULL
      ORDER BY closed_at DESC, id DESC LIMIT 1`,
    [portalId, episodeId],
  );
  return rows[0]?.close_ref ?? null;
}

export async function executeComplete(deps: ExecDeps, row: OutboxRow): Promise<void> {
  const episode = await getEpisode(deps.db, row.portalId, Number(row.payload.episodeId));
  if (!episode || episode.closedAt === null) return finish(deps, row, { skipped: 'open' });
  await assertCreated(deps, row.portalId, episode);
  const settings = await getSettings(deps.db, row.portalId);
  const client = await deps.hubspot.clientFor(row.portalId);
  const reason = await latestCloseRef(deps, row.portalId, episode.id);
  const completed: string[] = [];
  for (const id of [episode.respondTaskId, episode.planTaskId]) {
    if (!id) continue;
    const task = await getTask(client, id);
    if (!task || task.status === 'COMPLETED') continue;
    const note = closedNote(
      { locale: settings.locale, timeZone: settings.timeZone },
      episode.closedAt,
      reason,
    );
    await updateTask(client, id, {
      hs_task_status: 'COMPLETED',
      hs_task_body: `${task.body ?? ''}${note}`,
    });
    completed.push(id);
  }
  await deps.db.transaction(async (tx) => {
    if (completed.length > 0)
      await tx.query(
        `UPDATE alert_episodes
            SET auto_completed_task_ids = ARRAY(SELECT DISTINCT unnest(auto_completed_task_ids || $3::text[]))
          WHERE portal_id = $1 AND id = $2`,
        [row.portalId, episode.id, completed],
      );
    await finishRow(tx, row.id, { completed }, deps.now());
  });
}

export async function executeReopen(deps: ExecDeps, row: OutboxRow): Promise<void> {
  const episode = await getEpisode(deps.db, row.portalId, Number(row.payload.episodeId));
  if (!episode || episode.closedAt !== null) return finish(deps, row, { skipped: 'closed' });
  await assertCreated(deps, row.portalId, episode);
  const settings = await getSettings(deps.db, row.portalId);
  const client = await deps.hubspot.clientFor(row.portalId);
  const reopened: string[] = [];
  for (const id of episode.autoCompletedTaskIds) {
    const task = await getTask(client, id);
    if (!task || task.status !== 'COMPLETED') continue;
    const note = reopenedNote({ locale: settings.locale, timeZone: settings.timeZone }, deps.now());
    await updateTask(client, id, {
      hs_task_status: 'NOT_STARTED',
      hs_task_body: `${task.body ?? ''}${note}`,
    });
    reopened.push(id);
  }
  // The create was skipped because the alert had cleared first: make the task now.
  let created: string | null = null;
  if (episode.respondTaskId === null && episode.taskMode === 'task') {
    created = (
      await ensureEpisodeTask(deps, client, row.portalId, episode, {
        episodeId: episode.id,
        kind: 'respond',
      })
    ).taskId;
  }
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE alert_episodes
          SET auto_completed_task_ids = '{}',
              respond_task_id = COALESCE(respond_task_id, $3),
              respond_completed_at = CASE WHEN respond_task_id = ANY($4::text[]) THEN NULL ELSE respond_completed_at END,
              plan_completed_at = CASE WHEN plan_task_id = ANY($4::text[]) THEN NULL ELSE plan_completed_at END
        WHERE portal_id = $1 AND id = $2`,
      [row.portalId, episode.id, created, reopened],
    );
    await finishRow(tx, row.id, { reopened, created }, deps.now());
  });
}

export async function executeLevel(deps: ExecDeps, row: OutboxRow): Promise<void> {
  const episode = await getEpisode(deps.db, row.portalId, Number(row.payload.episodeId));
  if (!episode || episode.closedAt !== null) return finish(deps, row, { skipped: 'closed' });
  await assertCreated(deps, row.portalId, episode);
  const client = await deps.hubspot.clientFor(row.portalId);
  const updated: string[] = [];
  const open = [
    episode.respondCompletedAt === null ? episode.respondTaskId : null,
    episode.planTaskId,
  ];
  for (const id of open) {
    if (!id) continue;
    const task = await getTask(client, id);
    if (!task || task.status === 'COMPLETED') continue;
    const props: Record<string, string> = { hs_task_priority: priorityOf(episode.level) };
    if (id === episode.respondTaskId) {
      const { ctx } = await episodeContent(
        deps,
        client,
        row.portalId,
        episode,
        taskKey(row.portalId, episode, 'respond'),
      );
      props.hs_task_subject = respondTaskText(ctx).subject;
    }
    if (task.priority === props.hs_task_priority && !props.hs_task_subject) continue;
    await updateTask(client, id, props);
    updated.push(id);
  }
  await finish(deps, row, { updated });
}
