import { getSettings } from '../sync/settings-store.js';
import { lockPortalAlerts } from './alert-store.js';
import { taskEditOutboxKey } from './keys.js';
import { enqueueOnce } from './outbox-store.js';
import { kickOutbox, type AlertDeps } from './queues.js';

/**
 * A company deleted or merged away in HubSpot loses its evaluation row
 * (BE2's recompute removes it); its open alerts would stay open for ever.
 * After each recompute, open alerts of companies without an evaluation are
 * closed (`alerts.task.closed.company_removed`) and their open tasks
 * completed with that note, like any cleared alert.
 */
export async function closeOrphanedAlerts(deps: AlertDeps, portalId: number): Promise<number> {
  const settings = await getSettings(deps.db, portalId);
  const now = deps.now();
  const closed = await deps.db.transaction(async (tx) => {
    await lockPortalAlerts(tx, portalId);
    const ref = { code: 'alerts.task.closed.company_removed', params: {} };
    const rows = await tx.query<{ id: number }>(
      `UPDATE alerts a SET closed_at = $2, close_reason = $3, close_ref = $4::jsonb, updated_at = $2
        WHERE a.portal_id = $1 AND a.closed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.portal_id = a.portal_id AND e.company_id = a.company_id)
        RETURNING a.id`,
      [portalId, now, ref.code, JSON.stringify(ref)],
    );
    if (rows.rowCount === 0) return 0;
    const episodes = await tx.query<{
      id: number;
      company_id: string;
      root: string;
      generation: number;
      task_mode: string;
    }>(
      `UPDATE alert_episodes e
          SET closed_at = $2, updated_at = $2,
              tasks_closed_on_clear = (e.task_mode = 'task' AND $3::boolean)
        WHERE e.portal_id = $1 AND e.closed_at IS NULL AND e.source = 'engine'
          AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.portal_id = e.portal_id AND a.episode_id = e.id AND a.closed_at IS NULL)
        RETURNING e.id, e.company_id, e.root, e.generation, e.task_mode`,
      [portalId, now, settings.alerts.completeTasksWhenCleared],
    );
    if (settings.alerts.completeTasksWhenCleared) {
      for (const e of episodes.rows) {
        if (e.task_mode !== 'task') continue;
        const ref2 = { companyId: e.company_id, root: e.root, generation: e.generation };
        await enqueueOnce(
          tx,
          portalId,
          taskEditOutboxKey(ref2, `complete-${now.getTime()}`),
          'alerts.task.complete',
          { episodeId: Number(e.id) },
          now,
        );
      }
    }
    return rows.rowCount;
  });
  if (closed > 0) await kickOutbox(deps, portalId);
  return closed;
}
