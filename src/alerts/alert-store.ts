import type { Queryable } from '../store/db.js';
import type { AlertCode, AlertLevel } from '../domain/settings.js';
import type { AlertEvidence, MessageRef } from '../domain/snapshot.js';
import type { StoredAlert, StoredEpisode } from './alert-types.js';

/**
 * SQL of the `alerts` and `alert_episodes` tables. Every statement is scoped
 * by portal; bulk writes pass their rows as one JSON array
 * (jsonb_to_recordset), so a batch of companies is a handful of statements.
 */

/** Serialises alert bookkeeping per portal (budget counts, generations) for the transaction. */
export async function lockPortalAlerts(tx: Queryable, portalId: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kam-alerts:${portalId}`]);
}

const json = (rows: unknown[]) => JSON.stringify(rows);

export const EPISODE_COLUMNS = `id, company_id, root, generation, source, level, owner_id, opened_at, closed_at,
  baseline, task_mode, task_day::text AS task_day, respond_by, plan_by, respond_task_id,
  respond_completed_at, plan_task_id, plan_completed_at, tasks_closed_on_clear,
  auto_completed_task_ids, escalated_at`;

export interface EpisodeRow {
  id: number;
  company_id: string;
  root: string;
  generation: number;
  source: 'engine' | 'workflow';
  level: AlertLevel;
  owner_id: string | null;
  opened_at: Date;
  closed_at: Date | null;
  baseline: boolean;
  task_mode: 'none' | 'task' | 'digest';
  task_day: string | null;
  respond_by: Date | null;
  plan_by: Date | null;
  respond_task_id: string | null;
  respond_completed_at: Date | null;
  plan_task_id: string | null;
  plan_completed_at: Date | null;
  tasks_closed_on_clear: boolean;
  auto_completed_task_ids: string[];
  escalated_at: Date | null;
}

export function episodeOf(r: EpisodeRow): StoredEpisode {
  return {
    id: Number(r.id),
    companyId: r.company_id,
    root: r.root,
    generation: r.generation,
    source: r.source,
    level: r.level,
    ownerId: r.owner_id,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    baseline: r.baseline,
    taskMode: r.task_mode,
    taskDay: r.task_day,
    respondBy: r.respond_by,
    planBy: r.plan_by,
    respondTaskId: r.respond_task_id,
    respondCompletedAt: r.respond_completed_at,
    planTaskId: r.plan_task_id,
    planCompletedAt: r.plan_completed_at,
    tasksClosedOnClear: r.tasks_closed_on_clear,
    autoCompletedTaskIds: r.auto_completed_task_ids ?? [],
    escalatedAt: r.escalated_at,
  };
}

const ALERT_COLUMNS =
  'id, company_id, code, level, root, params, evidence, opened_at, closed_at, episode_id';

interface AlertRow {
  id: number;
  company_id: string;
  code: AlertCode;
  level: AlertLevel;
  root: string;
  params: MessageRef['params'] | null;
  evidence: AlertEvidence | null;
  opened_at: Date;
  closed_at: Date | null;
  episode_id: number | null;
}

export function alertOf(r: AlertRow): StoredAlert {
  return {
    id: Number(r.id),
    companyId: r.company_id,
    code: r.code,
    level: r.level,
    root: r.root,
    params: r.params ?? {},
    evidence: r.evidence ?? { contactIds: [], dealIds: [], facts: {} },
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    episodeId: r.episode_id === null ? null : Number(r.episode_id),
  };
}

function groupBy<T extends { companyId: string }>(items: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const list = m.get(i.companyId);
    if (list) list.push(i);
    else m.set(i.companyId, [i]);
  }
  return m;
}

export interface CompanyAlertState {
  open: Map<string, StoredAlert[]>;
  recentlyClosed: Map<string, StoredAlert[]>;
  episodes: Map<string, StoredEpisode[]>;
  maxGeneration: Map<string, Map<string, number>>;
}

/** The stored alert state of some companies: open rows, rows and episodes closed since `since`, generations. */
export async function loadCompanyAlertState(
  tx: Queryable,
  portalId: number,
  companyIds: readonly string[],
  since: Date,
): Promise<CompanyAlertState> {
  const ids = [...companyIds];
  const open = await tx.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM alerts
      WHERE portal_id = $1 AND company_id = ANY($2::text[]) AND closed_at IS NULL`,
    [portalId, ids],
  );
  const closed = await tx.query<AlertRow>(
    `SELECT DISTINCT ON (company_id, code) ${ALERT_COLUMNS} FROM alerts
      WHERE portal_id = $1 AND company_id = ANY($2::text[]) AND closed_at >= $3
      ORDER BY company_id, code, closed_at DESC`,
    [portalId, ids, since],
  );
  const episodes = await tx.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM alert_episodes
      WHERE portal_id = $1 AND company_id = ANY($2::text[]) AND source = 'engine'
        AND (closed_at IS NULL OR closed_at >= $3)`,
    [portalId, ids, since],
  );
  const gens = await tx.query<{ company_id: string; root: string; max: number }>(
    `SELECT company_id, root, max(generation) AS max FROM alert_episodes
      WHERE portal_id = $1 AND company_id = ANY($2::text[]) GROUP BY company_id, root`,
    [portalId, ids],
  );
  const maxGeneration = new Map<string, Map<string, number>>();
  for (const g of gens.rows) {
    const m = maxGeneration.get(g.company_id) ?? new Map<string, number>();
    m.set(g.root, Number(g.max));
    maxGeneration.set(g.company_id, m);
  }
  return {
    open: groupBy(open.rows.map(alertOf)),
    recentlyClosed: groupBy(closed.rows.map(alertOf)),
    episodes: groupBy(episodes.rows.map(episodeOf)),
    maxGeneration,
  };
}

export interface NewEpisode {
  company_id: string;
  root: string;
  generation: number;
  level: AlertLevel;
  opened_at: string;
  baseline: boolean;
  owner_id: string | null;
}

export async function insertEpisodes(
  tx: Queryable,
  portalId: number,
  rows: NewEpisode[],
): Promise<{ id: number; company_id: string; root: string }[]> {
  if (rows.length === 0) return [];
  const { rows: out } = await tx.query<{ id: number; company_id: string; root: string }>(
    `INSERT INTO alert_episodes (portal_id, company_id, root, generation, level, opened_at, baseline, owner_id, updated_at)
     SELECT $1, x.company_id, x.root, x.generation, x.level, x.opened_at, x.baseline, x.owner_id, x.opened_at
       FROM jsonb_to_recordset($2::jsonb) AS x(company_id text, root text, generation int, level text,
            opened_at timestamptz, baseline boolean, owner_id text)
     RETURNING id, company_id, root`,
    [portalId, json(rows)],
  );
  return out.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface AlertWrite {
  id?: number;
  company_id: string;
  code: string;
  level: AlertLevel;
  root: string;
  evidence: AlertEvidence;
  params: MessageRef['params'];
  at: string;
  episode_id: number | null;
}

export async function insertAlerts(
  tx: Queryable,
  portalId: number,
  rows: AlertWrite[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const { rows: out } = await tx.query<{ id: number }>(
    `INSERT INTO alerts (portal_id, company_id, code, level, root, evidence, params, opened_at, episode_id, updated_at)
     SELECT $1, x.company_id, x.code, x.level, x.root, x.evidence, x.params, x.at, x.episode_id, x.at
       FROM jsonb_to_recordset($2::jsonb) AS x(company_id text, code text, level text, root text,
            evidence jsonb, params jsonb, at timestamptz, episode_id bigint)
     RETURNING id`,
    [portalId, json(rows)],
  );
  return out.map((r) => Number(r.id));
}

/** Reopens closed rows (quiet period) or refreshes open ones: level, evidence, params, episode. */
export async function rewriteAlerts(
  tx: Queryable,
  portalId: number,
  rows: AlertWrite[],
  reopen: boolean,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE alerts a
        SET level = x.level, evidence = x.evidence, params = x.params,
            episode_id = COALESCE(x.episode_id, a.episode_id), updated_at = x.at
            ${reopen ? ', closed_at = NULL, close_reason = NULL, close_ref = NULL, reopened = a.reopened + 1' : ''}
       FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, level text, evidence jsonb, params jsonb,
            at timestamptz, episode_id bigint)
      WHERE a.portal_id = $1 AND a.id = x.id`,
    [portalId, json(rows)],
  );
}

export async function closeAlerts(
  tx: Queryable,
  portalId: number,
  rows: { id: number; at: string; code: string; ref: MessageRef }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE alerts a SET closed_at = x.at, close_reason = x.code, close_ref = x.ref, updated_at = x.at
       FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, at timestamptz, code text, ref jsonb)
      WHERE a.portal_id = $1 AND a.id = x.id AND a.closed_at IS NULL`,
    [portalId, json(rows)],
  );
}

/** Opens, closes or re-levels episodes: `closed_at` null reopens; level null keeps it. */
export async function updateEpisodes(
  tx: Queryable,
  portalId: number,
  rows: { id: number; at: string; close: boolean | null; level: AlertLevel | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE alert_episodes e
        SET closed_at = CASE WHEN x.close IS NULL THEN e.closed_at WHEN x.close THEN x.at ELSE NULL END,
            level = COALESCE(x.level, e.level), updated_at = x.at
       FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, at timestamptz, close boolean, level text)
      WHERE e.portal_id = $1 AND e.id = x.id`,
    [portalId, json(rows)],
  );
}

export async function getEpisode(
  db: Queryable,
  portalId: number,
  id: number,
): Promise<StoredEpisode | null> {
  const { rows } = await db.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM alert_episodes WHERE portal_id = $1 AND id = $2`,
    [portalId, id],
  );
  return rows[0] ? episodeOf(rows[0]) : null;
}

/** The reasons of an episode: its open rows, or (once closed) the rows it had, red first. */
export async function episodeReasons(
  db: Queryable,
  portalId: number,
  episodeId: number,
): Promise<StoredAlert[]> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM alerts WHERE portal_id = $1 AND episode_id = $2
      ORDER BY (closed_at IS NULL) DESC, CASE level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, id`,
    [portalId, episodeId],
  );
  const all = rows.map(alertOf);
  const open = all.filter((a) => a.closedAt === null);
  return open.length > 0 ? open : all;
}
