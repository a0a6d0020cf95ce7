import { pendingCount } from '../alerts/outbox-store.js';
import type { Queryable } from '../store/db.js';

/**
 * What `npm start` says about alert tasks: the outbox creates them in HubSpot
 * shortly after the evaluation, so it waits (bounded) for the outbox to drain
 * and then counts the open alerts' tasks and digest lines.
 */

export interface AlertTaskCounts {
  openEpisodes: number;
  tasks: number;
  digested: number;
  pendingWrites: number;
}

export async function alertTaskCounts(
  db: Queryable,
  portalId: number,
  waitMs = 60_000,
): Promise<AlertTaskCounts> {
  const until = Date.now() + waitMs;
  let pendingWrites = await pendingCount(db, portalId);
  while (pendingWrites > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    pendingWrites = await pendingCount(db, portalId);
  }
  const { rows } = await db.query<{ open: string; tasks: string; digested: string }>(
    `SELECT count(*) AS open,
            count(respond_task_id) + count(plan_task_id) AS tasks,
            count(*) FILTER (WHERE task_mode = 'digest') AS digested
       FROM alert_episodes WHERE portal_id = $1 AND closed_at IS NULL`,
    [portalId],
  );
  const r = rows[0];
  return {
    openEpisodes: Number(r?.open ?? 0),
    tasks: Number(r?.tasks ?? 0),
    digested: Number(r?.digested ?? 0),
    pendingWrites,
  };
}
