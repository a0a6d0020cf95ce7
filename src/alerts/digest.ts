import type { AlertCode, AlertLevel } from '../domain/settings.js';
import { getSettings } from '../sync/settings-store.js';
import { companyName, type ExecDeps } from './executor-context.js';
import { createTask, findTaskByKey, updateTask } from './hubspot-tasks.js';
import { digestTaskKey } from './keys.js';
import { activeOwner } from './owners.js';
import { finishRow, type OutboxRow } from './outbox-store.js';
import { digestTaskText, taskProperties, type DigestLine } from './task-content.js';

/**
 * One digest task per owner and local day for the alerts over the owner's
 * daily task budget. It is a "make HubSpot match" row: each new overflow
 * alert queues it again, and the run writes the full current list (found by
 * its key, created only when missing). A digest is a list to review, so it is
 * not completed when one of its alerts clears.
 */

interface LineRow {
  id: number;
  company_id: string;
  level: AlertLevel;
  respond_by: Date | null;
  code: AlertCode | null;
}

export async function executeDigest(deps: ExecDeps, row: OutboxRow): Promise<void> {
  const portalId = row.portalId;
  const ownerId = typeof row.payload.ownerId === 'string' ? row.payload.ownerId : null;
  const day = String(row.payload.day);
  const { rows } = await deps.db.query<LineRow>(
    `SELECT e.id, e.company_id, e.level, e.respond_by,
            (SELECT a.code FROM alerts a WHERE a.portal_id = e.portal_id AND a.episode_id = e.id
              ORDER BY CASE a.level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, a.id LIMIT 1) AS code
       FROM alert_episodes e
      WHERE e.portal_id = $1 AND e.task_mode = 'digest' AND e.task_day = $2::date
        AND e.owner_id IS NOT DISTINCT FROM $3 AND e.source = 'engine'
      ORDER BY CASE e.level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, e.id`,
    [portalId, day, ownerId],
  );
  const now = deps.now();
  if (rows.length === 0) {
    await deps.db.transaction((tx) => finishRow(tx, row.id, { lines: 0 }, now));
    return;
  }
  const settings = await getSettings(deps.db, portalId);
  const client = await deps.hubspot.clientFor(portalId);
  const lines: DigestLine[] = [];
  for (const r of rows) {
    lines.push({
      companyName: await companyName(deps.db, client, portalId, r.company_id),
      code: r.code ?? 'health_fell',
      level: r.level,
      respondBy: r.respond_by ?? now,
    });
  }
  const key = digestTaskKey(portalId, ownerId, day);
  const text = digestTaskText(
    { locale: settings.locale, timeZone: settings.timeZone, key },
    day,
    settings.alerts.dailyTaskBudgetPerOwner,
    lines,
  );
  const existing = await findTaskByKey(client, key);
  let taskId: string;
  if (existing) {
    taskId = existing.id;
    await updateTask(client, taskId, { hs_task_subject: text.subject, hs_task_body: text.body });
  } else {
    const owner = await activeOwner(
      client,
      portalId,
      ownerId,
      settings.alerts.fallbackOwnerId,
      now.getTime(),
    );
    const worst: AlertLevel = rows.some((r) => r.level === 'red') ? 'red' : 'yellow';
    const dueAt = new Date(Math.min(...lines.map((l) => l.respondBy.getTime())));
    const props = taskProperties({
      text,
      dueAt: dueAt.getTime() > now.getTime() ? dueAt : now,
      level: worst,
      ownerId: owner,
    });
    taskId = await createTask(client, props, {
      companyIds: rows.map((r) => r.company_id),
      contactIds: [],
    });
  }
  await deps.db.transaction((tx) => finishRow(tx, row.id, { taskId, lines: lines.length }, now));
}
