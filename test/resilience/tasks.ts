import { digestTaskKey, taskKey } from '../../src/alerts/keys.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import type { Queryable } from '../../src/store/db.js';

/**
 * The exact set of alert tasks, checked against the sandbox (issue 8): every
 * open alert episode that got a task has exactly one open task in HubSpot
 * (its respond task, or its plan task once the respond task was completed),
 * no task key exists twice, and no other task of ours is open — a task of a
 * closed episode was completed. Tasks are ours when their body carries our
 * key token (`kam` + 24 hex digits, src/alerts/keys.ts).
 */

const KEY = /\bkam[0-9a-f]{24}\b/;

export interface SandboxTask {
  id: string;
  key: string;
  status: string;
}

/** Our tasks in the sandbox portal (any status), with their key. */
export function sandboxTasks(sandbox: RunningSandbox, portalId: number): SandboxTask[] {
  const portal = sandbox.runtime.portal(portalId);
  const out: SandboxTask[] = [];
  for (const record of portal.core.store(portal.type('tasks')).all()) {
    if (record.archived) continue;
    const key = KEY.exec(portal.getValue('tasks', record, 'hs_task_body') ?? '')?.[0];
    if (!key) continue;
    out.push({
      id: String(record.id),
      key,
      status: portal.getValue('tasks', record, 'hs_task_status') ?? '',
    });
  }
  return out;
}

export interface TaskSetReport {
  /** Open episodes with a task (mode `task`). */
  expectedOpen: number;
  /** Our tasks in HubSpot that are not completed. */
  open: number;
  /** Expected keys without an open task. */
  missing: string[];
  /** Open tasks no open episode (or digest) accounts for. */
  extra: string[];
  /** Keys carried by more than one task. */
  duplicates: string[];
  /** Open red/yellow alerts whose episode is missing or closed. */
  orphanAlerts: string[];
}

interface EpisodeRow {
  company_id: string;
  root: string;
  generation: number;
  task_mode: string;
  owner_id: string | null;
  task_day: string | null;
  closed_at: Date | null;
  respond_completed_at: Date | null;
  baseline: boolean;
}

/** Compares our store's open alert episodes with the sandbox's tasks. */
export async function taskSetReport(
  db: Queryable,
  sandbox: RunningSandbox,
  portalId: number,
): Promise<TaskSetReport> {
  const { rows: episodes } = await db.query<EpisodeRow>(
    `SELECT company_id, root, generation, task_mode, owner_id, to_char(task_day, 'YYYY-MM-DD') AS task_day,
            closed_at, respond_completed_at, baseline
       FROM alert_episodes WHERE portal_id = $1 AND source = 'engine'`,
    [portalId],
  );
  const expected = new Set<string>();
  const digests = new Set<string>();
  for (const e of episodes) {
    const ref = { companyId: e.company_id, root: e.root, generation: e.generation };
    if (e.task_mode === 'digest')
      digests.add(digestTaskKey(portalId, e.owner_id, e.task_day ?? ''));
    if (e.task_mode !== 'task' || e.closed_at !== null) continue;
    expected.add(taskKey(portalId, ref, e.respond_completed_at === null ? 'respond' : 'plan'));
  }
  const tasks = sandboxTasks(sandbox, portalId);
  const count = new Map<string, number>();
  for (const t of tasks) count.set(t.key, (count.get(t.key) ?? 0) + 1);
  const open = tasks.filter((t) => t.status !== 'COMPLETED');
  const openKeys = new Set(open.map((t) => t.key));
  const { rows: orphans } = await db.query<{ company_id: string; code: string }>(
    `SELECT a.company_id, a.code FROM alerts a
       LEFT JOIN alert_episodes e ON e.id = a.episode_id
      WHERE a.portal_id = $1 AND a.closed_at IS NULL AND a.level IN ('red', 'yellow')
        AND (e.id IS NULL OR e.closed_at IS NOT NULL)`,
    [portalId],
  );
  return {
    expectedOpen: expected.size,
    open: open.length,
    missing: [...expected].filter((k) => !openKeys.has(k)),
    extra: open.map((t) => t.key).filter((k) => !expected.has(k) && !digests.has(k)),
    duplicates: [...count].filter(([, n]) => n > 1).map(([k]) => k),
    orphanAlerts: orphans.map((o) => `${o.company_id}:${o.code}`),
  };
}

/** Alert-task writes still waiting in our outbox (the task set is only final when none are). */
export async function outboxBacklog(db: Queryable, portalId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM hubspot_outbox
      WHERE portal_id = $1 AND status IN ('pending', 'in_flight')`,
    [portalId],
  );
  return rows[0]?.n ?? 0;
}
