import type { Tx } from '../store/db.js';
import { digestOutboxKey, taskEditOutboxKey, taskOutboxKey, type EpisodeRef } from './keys.js';
import { enqueueOnce, enqueueSync } from './outbox-store.js';
import { ALERT_ESCALATE_QUEUE, type AlertDeps } from './queues.js';
import type { TaskAction } from './task-planner.js';

/**
 * Turns the planner's decisions into episode updates and outbox rows, inside
 * the alert transaction. The respond-by escalation is a delayed job sent in
 * the same transaction (it exists only if the alert change commits).
 */

export type EpisodeLookup = Map<number, EpisodeRef & { at: Date }>;

export interface Applied {
  tasks: number;
  digested: number;
  outbox: number;
}

export async function applyTaskActions(
  deps: AlertDeps,
  tx: Tx,
  portalId: number,
  actions: readonly TaskAction[],
  lookup: EpisodeLookup,
  now: Date,
): Promise<Applied> {
  const out: Applied = { tasks: 0, digested: 0, outbox: 0 };
  for (const a of actions) {
    const ref = lookup.get(a.episodeId);
    if (!ref) continue;
    switch (a.kind) {
      case 'create_respond': {
        await tx.query(
          `UPDATE alert_episodes
              SET task_mode = 'task', task_day = $3::date, respond_by = $4, plan_by = $5,
                  owner_id = $6, baseline = false, updated_at = $7
            WHERE portal_id = $1 AND id = $2`,
          [portalId, a.episodeId, a.day, a.respondBy, a.planBy, a.ownerId, now],
        );
        if (
          await enqueueOnce(
            tx,
            portalId,
            taskOutboxKey(ref, 'respond'),
            'alerts.task.create',
            { episodeId: a.episodeId, kind: 'respond' },
            now,
          )
        ) {
          out.tasks++;
          out.outbox++;
        }
        if (deps.queue)
          await deps.queue.send(
            ALERT_ESCALATE_QUEUE,
            { portalId, episodeId: a.episodeId },
            { tx, startAfter: a.respondBy },
          );
        break;
      }
      case 'digest':
        await tx.query(
          `UPDATE alert_episodes
              SET task_mode = 'digest', task_day = $3::date, respond_by = $4, plan_by = $5,
                  owner_id = $6, baseline = false, updated_at = $7
            WHERE portal_id = $1 AND id = $2`,
          [portalId, a.episodeId, a.day, a.respondBy, a.planBy, a.ownerId, now],
        );
        await enqueueSync(
          tx,
          portalId,
          digestOutboxKey(a.ownerId, a.day),
          'alerts.digest',
          { ownerId: a.ownerId, day: a.day },
          now,
        );
        out.digested++;
        out.outbox++;
        break;
      case 'update_task':
        if (
          await enqueueOnce(
            tx,
            portalId,
            taskEditOutboxKey(ref, `level-${a.level}`),
            'alerts.task.level',
            { episodeId: a.episodeId },
            now,
          )
        )
          out.outbox++;
        break;
      case 'complete_tasks':
        await tx.query(
          'UPDATE alert_episodes SET tasks_closed_on_clear = true, updated_at = $3 WHERE portal_id = $1 AND id = $2',
          [portalId, a.episodeId, now],
        );
        if (
          await enqueueOnce(
            tx,
            portalId,
            taskEditOutboxKey(ref, `complete-${ref.at.getTime()}`),
            'alerts.task.complete',
            { episodeId: a.episodeId },
            now,
          )
        )
          out.outbox++;
        break;
      case 'reopen_tasks':
        await tx.query(
          'UPDATE alert_episodes SET tasks_closed_on_clear = false, updated_at = $3 WHERE portal_id = $1 AND id = $2',
          [portalId, a.episodeId, now],
        );
        if (
          await enqueueOnce(
            tx,
            portalId,
            taskEditOutboxKey(ref, `reopen-${ref.at.getTime()}`),
            'alerts.task.reopen',
            { episodeId: a.episodeId },
            now,
          )
        )
          out.outbox++;
        break;
      case 'skip':
        if (a.why === 'baseline')
          await tx.query(
            'UPDATE alert_episodes SET baseline = true WHERE portal_id = $1 AND id = $2 AND task_mode = $3',
            [portalId, a.episodeId, 'none'],
          );
        break;
    }
  }
  return out;
}
