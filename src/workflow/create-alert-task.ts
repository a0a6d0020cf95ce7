import { NotFoundError, UpstreamError } from '../errors.js';
import { statusOf, withRetry } from '../hubspot/retry.js';
import { getSettings } from '../sync/settings-store.js';
import {
  EPISODE_COLUMNS,
  episodeOf,
  lockPortalAlerts,
  type EpisodeRow,
} from '../alerts/alert-store.js';
import type { ExecDeps } from '../alerts/executor-context.js';
import { taskOutboxKey, workflowRoot } from '../alerts/keys.js';
import { enqueueOnce, rowByKey } from '../alerts/outbox-store.js';
import { ALERT_ESCALATE_QUEUE } from '../alerts/queues.js';
import { addSlaHours, localDay } from '../alerts/sla-clock.js';
import { drainAlertOutbox } from '../alerts/task-outbox.js';
import type { CreateAlertTaskInput } from './payload.js';

/**
 * "Create key-account alert task" (workflow action): the same 3R task as an
 * engine alert — owner (input, else company owner, else the fallback user;
 * an inactive one is replaced by the fallback), respond/plan deadlines on the
 * SLA clock, the key in the body, the company linked — as an episode with
 * root `wf:<hash of the reason text>`. The same reason at the same company
 * within the quiet period is the same alert: it answers the existing task.
 * The daily budget does not apply: the admin's workflow decides the volume.
 */

export interface WorkflowTaskResult {
  taskId: string;
  level: 'red' | 'yellow';
}

async function companyOwner(
  deps: ExecDeps,
  portalId: number,
  companyId: string,
): Promise<string | null> {
  const client = await deps.hubspot.clientFor(portalId);
  try {
    const company = await withRetry(() =>
      client.crm.companies.basicApi.getById(companyId, ['hubspot_owner_id']),
    );
    return company.properties.hubspot_owner_id || null;
  } catch (error) {
    if (statusOf(error) === 404)
      throw new NotFoundError(`company ${companyId} does not exist in portal ${portalId}`);
    throw error;
  }
}

/** Waits for another call's run of the same row (a repeat arriving while the first runs). */
async function waitForRow(
  deps: ExecDeps,
  portalId: number,
  key: string,
): Promise<Record<string, unknown> | null> {
  for (let i = 0; i < 60; i++) {
    const row = await rowByKey(deps.db, portalId, key);
    if (row?.status === 'done') return row.result;
    if (row?.status === 'failed')
      throw new UpstreamError(
        `creating the task failed: ${row.lastError ?? 'unknown error'}`,
        null,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

export async function createWorkflowAlertTask(
  deps: ExecDeps,
  portalId: number,
  companyId: string,
  input: CreateAlertTaskInput,
): Promise<WorkflowTaskResult> {
  const settings = await getSettings(deps.db, portalId);
  const owner =
    input.owner ??
    (await companyOwner(deps, portalId, companyId)) ??
    settings.alerts.fallbackOwnerId;
  const root = workflowRoot(input.reason);
  const now = deps.now();
  if (deps.queue) await deps.queue.ensure(ALERT_ESCALATE_QUEUE);
  const episode = await deps.db.transaction(async (tx) => {
    await lockPortalAlerts(tx, portalId);
    const { rows } = await tx.query<EpisodeRow>(
      `SELECT ${EPISODE_COLUMNS} FROM alert_episodes WHERE portal_id = $1 AND company_id = $2 AND root = $3
        ORDER BY generation DESC LIMIT 1`,
      [portalId, companyId, root],
    );
    const last = rows[0] ? episodeOf(rows[0]) : null;
    const quietMs = settings.alerts.quietPeriodHours * 3_600_000;
    if (last && last.openedAt.getTime() >= now.getTime() - quietMs) return last;
    // An older one still waiting for its plan is superseded by the new alert.
    if (last && last.closedAt === null)
      await tx.query('UPDATE alert_episodes SET closed_at = $3 WHERE portal_id = $1 AND id = $2', [
        portalId,
        last.id,
        now,
      ]);
    const respondBy = addSlaHours(
      now,
      input.respond_hours ?? settings.alerts.respondHours,
      settings,
    );
    const planBy = addSlaHours(now, input.plan_hours ?? settings.alerts.planHours, settings);
    const inserted = await tx.query<EpisodeRow>(
      `INSERT INTO alert_episodes (portal_id, company_id, root, generation, source, level, owner_id, opened_at,
                                   task_mode, task_day, respond_by, plan_by, updated_at)
       VALUES ($1, $2, $3, $4, 'workflow', $5, $6, $7, 'task', $8::date, $9, $10, $7)
       RETURNING ${EPISODE_COLUMNS}`,
      [
        portalId,
        companyId,
        root,
        (last?.generation ?? 0) + 1,
        input.level,
        owner,
        now,
        localDay(now, settings.timeZone),
        respondBy,
        planBy,
      ],
    );
    const created = episodeOf(inserted.rows[0]);
    await enqueueOnce(
      tx,
      portalId,
      taskOutboxKey(created, 'respond'),
      'alerts.task.create',
      {
        episodeId: created.id,
        kind: 'respond',
        workflowReason: input.reason,
      },
      now,
    );
    if (deps.queue)
      await deps.queue.send(
        ALERT_ESCALATE_QUEUE,
        { portalId, episodeId: created.id },
        { tx, startAfter: respondBy },
      );
    return created;
  });
  const level = episode.level === 'red' ? 'red' : 'yellow';
  if (episode.respondTaskId) return { taskId: episode.respondTaskId, level };
  const key = taskOutboxKey(episode, 'respond');
  await drainAlertOutbox(deps, portalId, { key, rounds: 1 });
  const row = await rowByKey(deps.db, portalId, key);
  const result = row?.status === 'done' ? row.result : await waitForRow(deps, portalId, key);
  const taskId = typeof result?.taskId === 'string' ? result.taskId : null;
  if (!taskId)
    throw new UpstreamError(
      `the task could not be created yet${row?.lastError ? `: ${row.lastError}` : ''}; HubSpot will retry`,
      null,
    );
  return { taskId, level };
}
