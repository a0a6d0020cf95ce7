import type { Client } from '@hubspot/api-client';
import type { StoredEpisode } from './alert-types.js';
import { getEpisode } from './alert-store.js';
import { episodeContent, type ExecDeps } from './executor-context.js';
import { createTask, findTaskByKey } from './hubspot-tasks.js';
import { taskKey, taskOutboxKey, type TaskKind } from './keys.js';
import { activeOwner, ownerInfo } from './owners.js';
import { enqueueOnce, finishRow, type OutboxRow } from './outbox-store.js';
import { addSlaHours } from './sla-clock.js';
import {
  escalationTaskText,
  planTaskText,
  respondTaskText,
  taskProperties,
} from './task-content.js';

/**
 * Creates one task of an episode, never two: the task key is searched first
 * (a crash after HubSpot created the task but before we recorded it leaves a
 * task carrying the key), and only when none exists is the task created.
 * Then its id is recorded on the episode and its alert rows, and the outbox
 * row is done — in one transaction.
 */

export interface CreatePayload {
  episodeId: number;
  kind: TaskKind;
  /** Escalation tasks: the user escalated to. */
  escalationOwnerId?: string;
  /** Workflow-action tasks: the reason text typed into the workflow. */
  workflowReason?: string;
}

export function createPayloadOf(p: Record<string, unknown>): CreatePayload {
  return {
    episodeId: Number(p.episodeId),
    kind: p.kind === 'plan' || p.kind === 'escalation' ? p.kind : 'respond',
    escalationOwnerId: typeof p.escalationOwnerId === 'string' ? p.escalationOwnerId : undefined,
    workflowReason: typeof p.workflowReason === 'string' ? p.workflowReason : undefined,
  };
}

/** Why a task is not (or no longer) wanted; null = create it. */
function notWanted(episode: StoredEpisode, kind: TaskKind): string | null {
  if (kind === 'escalation')
    return episode.closedAt !== null || episode.respondCompletedAt !== null ? 'answered' : null;
  if (episode.closedAt !== null && episode.source === 'engine') return 'closed';
  return null;
}

/** Finds or creates the task; returns its id (null when not wanted any more). */
export async function ensureEpisodeTask(
  deps: ExecDeps,
  client: Client,
  portalId: number,
  episode: StoredEpisode,
  p: CreatePayload,
): Promise<{ taskId: string | null; skipped?: string; created: boolean }> {
  const why = notWanted(episode, p.kind);
  if (why) return { taskId: null, skipped: why, created: false };
  const key = taskKey(portalId, episode, p.kind, p.escalationOwnerId ?? '');
  const existing = await findTaskByKey(client, key);
  if (existing) return { taskId: existing.id, created: false };

  const { settings, ctx, contactIds } = await episodeContent(
    deps,
    client,
    portalId,
    episode,
    key,
    p.workflowReason,
  );
  const now = deps.now();
  let text;
  let dueAt: Date;
  let owner: string | null;
  if (p.kind === 'escalation') {
    const ownerName = episode.ownerId
      ? (await ownerInfo(client, portalId, episode.ownerId, now.getTime())).name
      : null;
    text = escalationTaskText(ctx, ownerName);
    dueAt = addSlaHours(now, settings.alerts.respondHours, settings);
    owner = await activeOwner(client, portalId, p.escalationOwnerId ?? null, null, now.getTime());
  } else {
    text = p.kind === 'plan' ? planTaskText(ctx) : respondTaskText(ctx);
    const due = p.kind === 'plan' ? episode.planBy : episode.respondBy;
    dueAt = due && due.getTime() > now.getTime() ? due : now;
    owner = await activeOwner(
      client,
      portalId,
      episode.ownerId,
      settings.alerts.fallbackOwnerId,
      now.getTime(),
    );
  }
  const properties = taskProperties({ text, dueAt, level: episode.level, ownerId: owner });
  const taskId = await createTask(client, properties, {
    companyIds: [episode.companyId],
    contactIds,
  });
  return { taskId, created: true };
}

async function recordTaskId(
  deps: ExecDeps,
  portalId: number,
  episodeId: number,
  kind: TaskKind,
  taskId: string,
  rowId: number,
  result: Record<string, unknown>,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    if (kind !== 'escalation') {
      const column = kind === 'plan' ? 'plan_task_id' : 'respond_task_id';
      await tx.query(
        `UPDATE alert_episodes SET ${column} = COALESCE(${column}, $3), updated_at = $4 WHERE portal_id = $1 AND id = $2`,
        [portalId, episodeId, taskId, now],
      );
      await tx.query(
        `UPDATE alerts SET ${column} = $3 WHERE portal_id = $1 AND episode_id = $2 AND closed_at IS NULL`,
        [portalId, episodeId, taskId],
      );
    }
    await finishRow(tx, rowId, result, now);
  });
}

export async function executeCreate(deps: ExecDeps, row: OutboxRow): Promise<void> {
  const p = createPayloadOf(row.payload);
  const episode = await getEpisode(deps.db, row.portalId, p.episodeId);
  const now = deps.now();
  if (!episode) {
    await deps.db.transaction((tx) => finishRow(tx, row.id, { skipped: 'gone' }, now));
    return;
  }
  const client = await deps.hubspot.clientFor(row.portalId);
  const r = await ensureEpisodeTask(deps, client, row.portalId, episode, p);
  if (r.taskId === null) {
    await deps.db.transaction((tx) =>
      finishRow(tx, row.id, { skipped: r.skipped ?? 'not wanted' }, now),
    );
    return;
  }
  await recordTaskId(deps, row.portalId, episode.id, p.kind, r.taskId, row.id, {
    taskId: r.taskId,
    created: r.created,
  });
  // The alert may have cleared while the task was being made: complete it like the others.
  if (p.kind !== 'escalation') {
    const after = await getEpisode(deps.db, row.portalId, episode.id);
    if (after && after.closedAt !== null && after.tasksClosedOnClear && after.source === 'engine') {
      await deps.db.transaction((tx) =>
        enqueueOnce(
          tx,
          row.portalId,
          `${taskOutboxKey(after, p.kind)}:complete-late`,
          'alerts.task.complete',
          { episodeId: after.id },
          deps.now(),
        ),
      );
    }
  }
}
