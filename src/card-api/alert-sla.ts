import type { AlertSla, TaskLink } from '../cards/contract.js';
import { digestOutboxKey } from '../alerts/keys.js';
import { addSlaHours } from '../alerts/sla-clock.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { AlertLevel, Settings } from '../domain/settings.js';
import type { Queryable } from '../store/db.js';

/**
 * The 3R view of a company's open alerts for its card: one `sla` entry per
 * open alert root and one task link per HubSpot task, from the alert episodes
 * the alert pipeline keeps (`alert_episodes`, src/alerts/). A root the engine
 * reports open but that has no episode yet (the pipeline has not run since)
 * gets its deadlines from the settings and, when a task is due, no link yet.
 */

/** HubSpot's record page of a task (object type 0-27). */
export function taskUrl(portalId: number, taskId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/0-27/${encodeURIComponent(taskId)}`;
}

interface EpisodeRow {
  root: string;
  source: 'engine' | 'workflow';
  baseline: boolean;
  task_mode: 'none' | 'task' | 'digest';
  owner_id: string | null;
  task_day: string | null;
  opened_at: Date;
  respond_by: Date | null;
  plan_by: Date | null;
  respond_task_id: string | null;
  respond_completed_at: Date | null;
  plan_task_id: string | null;
  plan_completed_at: Date | null;
  digest_task_id: string | null;
}

async function openEpisodes(
  q: Queryable,
  portalId: number,
  companyId: string,
): Promise<EpisodeRow[]> {
  const { rows } = await q.query<Omit<EpisodeRow, 'digest_task_id'>>(
    `SELECT root, source, baseline, task_mode, owner_id, task_day::text AS task_day, opened_at,
            respond_by, plan_by, respond_task_id, respond_completed_at, plan_task_id, plan_completed_at
       FROM alert_episodes
      WHERE portal_id = $1 AND company_id = $2 AND closed_at IS NULL
      ORDER BY opened_at, id`,
    [portalId, companyId],
  );
  const digestKeys = rows
    .filter((r) => r.task_mode === 'digest' && r.task_day !== null)
    .map((r) => digestOutboxKey(r.owner_id, r.task_day as string));
  const digestIds = new Map<string, string>();
  if (digestKeys.length > 0) {
    const { rows: done } = await q.query<{ key: string; task_id: string | null }>(
      `SELECT idempotency_key AS key, COALESCE(result->>'taskId', result->>'id') AS task_id
         FROM hubspot_outbox WHERE portal_id = $1 AND idempotency_key = ANY($2::text[])`,
      [portalId, digestKeys],
    );
    for (const d of done) if (d.task_id) digestIds.set(d.key, d.task_id);
  }
  return rows.map((r) => ({
    ...r,
    digest_task_id:
      r.task_mode === 'digest' && r.task_day !== null
        ? (digestIds.get(digestOutboxKey(r.owner_id, r.task_day)) ?? null)
        : null,
  }));
}

const iso = (d: Date) => d.toISOString();

function noTaskOf(e: EpisodeRow, settings: Settings): AlertSla['noTask'] {
  if (e.task_mode === 'task') return null;
  if (e.task_mode === 'digest') return 'digest';
  if (e.baseline) return 'baseline';
  if (e.source === 'engine' && settings.alerts.createTasks === 'workflow-only')
    return 'workflow_only';
  return 'level_not_tasked';
}

function linksOf(portalId: number, e: EpisodeRow): TaskLink[] {
  const links: TaskLink[] = [];
  const add = (
    taskId: string | null,
    kind: TaskLink['kind'],
    done: Date | null,
    due: Date | null,
  ) => {
    if (taskId === null) return;
    links.push({
      root: e.root,
      taskId,
      kind,
      status: done ? 'completed' : 'open',
      dueAt: iso(due ?? e.opened_at),
      url: taskUrl(portalId, taskId),
    });
  };
  add(e.respond_task_id, 'respond', e.respond_completed_at, e.respond_by);
  add(e.plan_task_id, 'plan', e.plan_completed_at, e.plan_by);
  add(e.digest_task_id, 'digest', null, e.respond_by);
  return links;
}

const levelRank: Record<AlertLevel, number> = { red: 0, yellow: 1, green: 2 };

/** Roots the engine reports open, worst reason and earliest opening per root, in the engine's order. */
function engineRoots(evaluation: Evaluation) {
  const roots = new Map<string, { level: AlertLevel; openedAt: string }>();
  for (const a of evaluation.alerts.open) {
    const seen = roots.get(a.root);
    if (!seen) roots.set(a.root, { level: a.level, openedAt: a.openedAt });
    else {
      if (levelRank[a.level] < levelRank[seen.level]) seen.level = a.level;
      if (a.openedAt < seen.openedAt) seen.openedAt = a.openedAt;
    }
  }
  return roots;
}

export interface SlaView {
  taskLinks: TaskLink[];
  sla: AlertSla[];
}

export async function slaViewOf(
  q: Queryable,
  portalId: number,
  evaluation: Evaluation,
  settings: Settings,
): Promise<SlaView> {
  const episodes = await openEpisodes(q, portalId, evaluation.accountId);
  const byRoot = new Map(episodes.map((e) => [e.root, e]));
  const clock = settings.alerts.slaClock;
  const sla: AlertSla[] = [];
  const taskLinks: TaskLink[] = [];
  const deadline = (opened: Date, hours: number) => iso(addSlaHours(opened, hours, settings));

  const fromEpisode = (e: EpisodeRow) => {
    sla.push({
      root: e.root,
      respondBy: e.respond_by
        ? iso(e.respond_by)
        : deadline(e.opened_at, settings.alerts.respondHours),
      planBy: e.plan_by ? iso(e.plan_by) : deadline(e.opened_at, settings.alerts.planHours),
      respondedAt: e.respond_completed_at ? iso(e.respond_completed_at) : null,
      plannedAt: e.plan_completed_at ? iso(e.plan_completed_at) : null,
      clock,
      noTask: noTaskOf(e, settings),
    });
    taskLinks.push(...linksOf(portalId, e));
  };

  for (const [root, info] of engineRoots(evaluation)) {
    const e = byRoot.get(root);
    if (e) {
      fromEpisode(e);
      byRoot.delete(root);
      continue;
    }
    const opened = new Date(info.openedAt);
    sla.push({
      root,
      respondBy: deadline(opened, settings.alerts.respondHours),
      planBy: deadline(opened, settings.alerts.planHours),
      respondedAt: null,
      plannedAt: null,
      clock,
      noTask:
        settings.alerts.createTasks === 'workflow-only'
          ? 'workflow_only'
          : settings.alerts.taskLevels.includes(info.level)
            ? null
            : 'level_not_tasked',
    });
  }
  // Episodes the engine does not list: workflow-action alerts, or reasons the engine closed
  // since (the pipeline closes them on its next run).
  for (const e of byRoot.values()) if (e.source === 'workflow') fromEpisode(e);
  return { taskLinks, sla };
}
