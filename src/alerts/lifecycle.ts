import type { Evaluation } from '../domain/evaluation.js';
import type { Settings } from '../domain/settings.js';
import type { Tx } from '../store/db.js';
import { getSettings } from '../sync/settings-store.js';
import { diffCompany, type CompanyChanges, type EpisodeHandle } from './alert-diff.js';
import type { OpenReason, StoredEpisode } from './alert-types.js';
import {
  closeAlerts,
  insertAlerts,
  insertEpisodes,
  loadCompanyAlertState,
  lockPortalAlerts,
  rewriteAlerts,
  updateEpisodes,
  type AlertWrite,
} from './alert-store.js';
import { applyTaskActions, type EpisodeLookup } from './apply-actions.js';
import { recordOutboxKey } from './keys.js';
import { enqueueSync } from './outbox-store.js';
import { ownerFor, resolveOwnersFromMirror } from './owners.js';
import { ALERT_ESCALATE_QUEUE, kickOutbox, type AlertDeps } from './queues.js';
import { localDay } from './sla-clock.js';
import { planTaskActions, type PlannedEpisode } from './task-planner.js';

/**
 * Alert lifecycle: called after evaluations are stored (BE2's recompute, for
 * every batch it evaluated). One row per open reason per account in `alerts`,
 * grouped into episodes per root; new reasons open, cleared ones close, a
 * reason back within the quiet period reopens its row; noise control decides
 * the tasks, which are written to the outbox in the same transaction and run
 * by the outbox executor (task-outbox.ts).
 */

export interface SyncAlertsOptions {
  /**
   * The baseline evaluation after install opens alerts without tasks. 'auto'
   * (default): the portal's first alert sync is the baseline (the first full
   * recompute after the backfill); true/false force it.
   */
  baseline?: boolean | 'auto';
}

export interface SyncAlertsResult {
  opened: number;
  reopened: number;
  closed: number;
  tasks: number;
  digested: number;
}

const CHUNK = 500;

function reasonsOf(e: Evaluation): OpenReason[] {
  return e.alerts.open.map((a) => ({
    code: a.code,
    level: a.level,
    root: a.root,
    params: a.params,
    evidence: a.evidence,
  }));
}

export async function syncAlerts(
  deps: AlertDeps,
  portalId: number,
  evaluations: readonly Evaluation[],
  options: SyncAlertsOptions = {},
): Promise<SyncAlertsResult> {
  const total: SyncAlertsResult = { opened: 0, reopened: 0, closed: 0, tasks: 0, digested: 0 };
  if (evaluations.length === 0) return total;
  const baseline =
    options.baseline === undefined || options.baseline === 'auto'
      ? await isBaselineDue(deps, portalId)
      : options.baseline;
  const settings = await getSettings(deps.db, portalId);
  const portal = await deps.db.query<{ app_objects_available: boolean }>(
    'SELECT app_objects_available FROM portals WHERE portal_id = $1',
    [portalId],
  );
  const appObjects = portal.rows[0]?.app_objects_available === true;
  // Sending a job inside a transaction needs the queue to exist first.
  if (deps.queue) await deps.queue.ensure(ALERT_ESCALATE_QUEUE);
  let outbox = 0;
  for (let i = 0; i < evaluations.length; i += CHUNK) {
    const chunk = evaluations.slice(i, i + CHUNK);
    const r = await deps.db.transaction((tx) =>
      syncChunk(deps, tx, portalId, chunk, settings, baseline, appObjects),
    );
    total.opened += r.opened;
    total.reopened += r.reopened;
    total.closed += r.closed;
    total.tasks += r.tasks;
    total.digested += r.digested;
    outbox += r.outbox;
  }
  if (baseline) await markBaseline(deps, portalId);
  if (outbox > 0) await kickOutbox(deps, portalId);
  return total;
}

/** Records that the portal's baseline alert sync ran (later syncs create tasks). */
export async function markBaseline(
  deps: Pick<AlertDeps, 'db' | 'now'>,
  portalId: number,
): Promise<void> {
  await deps.db.query(
    'INSERT INTO alert_portal_state (portal_id, baseline_at) VALUES ($1, $2) ON CONFLICT (portal_id) DO NOTHING',
    [portalId, deps.now()],
  );
}

/** True until the portal's first alert sync (the baseline after install) has run. */
export async function isBaselineDue(
  deps: Pick<AlertDeps, 'db'>,
  portalId: number,
): Promise<boolean> {
  const { rows } = await deps.db.query('SELECT 1 FROM alert_portal_state WHERE portal_id = $1', [
    portalId,
  ]);
  return rows.length === 0;
}

async function syncChunk(
  deps: AlertDeps,
  tx: Tx,
  portalId: number,
  chunk: readonly Evaluation[],
  settings: Settings,
  baseline: boolean,
  appObjects: boolean,
): Promise<SyncAlertsResult & { outbox: number }> {
  await lockPortalAlerts(tx, portalId);
  const quietMs = settings.alerts.quietPeriodHours * 3_600_000;
  const minAsOf = Math.min(...chunk.map((e) => Date.parse(e.asOf)));
  const state = await loadCompanyAlertState(
    tx,
    portalId,
    chunk.map((e) => e.accountId),
    new Date(minAsOf - quietMs),
  );

  const diffs: { evaluation: Evaluation; changes: CompanyChanges }[] = [];
  for (const e of chunk) {
    const closedRefs = new Map(e.alerts.closed.map((c) => [c.code as string, c.reason]));
    const changes = diffCompany({
      companyId: e.accountId,
      asOf: new Date(e.asOf),
      quietMs,
      open: reasonsOf(e),
      closedRefs,
      rows: state.open.get(e.accountId) ?? [],
      recentlyClosed: (state.recentlyClosed.get(e.accountId) ?? []).filter(
        (r) => r.closedAt !== null && r.closedAt.getTime() >= Date.parse(e.asOf) - quietMs,
      ),
      episodes: state.episodes.get(e.accountId) ?? [],
      maxGeneration: state.maxGeneration.get(e.accountId) ?? new Map(),
    });
    if (changes.events.length > 0 || changes.updateRows.length > 0 || changes.closeRows.length > 0)
      diffs.push({ evaluation: e, changes });
  }
  const result = { opened: 0, reopened: 0, closed: 0, tasks: 0, digested: 0, outbox: 0 };
  if (diffs.length === 0) return result;

  const owners = await resolveOwnersFromMirror(
    tx,
    portalId,
    diffs.map((d) => d.evaluation.ownerId),
    settings.alerts.fallbackOwnerId,
  );

  // New episodes first: the rows point at them.
  const created = await insertEpisodes(
    tx,
    portalId,
    diffs.flatMap(({ evaluation, changes }) =>
      changes.newEpisodes.map((n) => ({
        company_id: changes.companyId,
        root: n.root,
        generation: n.generation,
        level: n.level,
        opened_at: evaluation.asOf,
        baseline: false,
        owner_id: ownerFor(owners, evaluation.ownerId),
      })),
    ),
  );
  const newIds = new Map(created.map((c) => [`${c.company_id}|${c.root}`, c.id]));
  const idOf = (companyId: string, h: EpisodeHandle): number =>
    'id' in h ? h.id : (newIds.get(`${companyId}|${h.root}`) as number);

  const inserts: AlertWrite[] = [];
  const reopens: AlertWrite[] = [];
  const updates: AlertWrite[] = [];
  const closes: Parameters<typeof closeAlerts>[2] = [];
  const episodeUpdates: Parameters<typeof updateEpisodes>[2] = [];
  for (const { evaluation, changes } of diffs) {
    const at = evaluation.asOf;
    const write = (r: OpenReason, episode: number | null, id?: number): AlertWrite => ({
      id,
      company_id: changes.companyId,
      code: r.code,
      level: r.level,
      root: r.root,
      evidence: r.evidence,
      params: r.params,
      at,
      episode_id: episode,
    });
    for (const r of changes.insertRows) inserts.push(write(r, idOf(changes.companyId, r.episode)));
    for (const r of changes.reopenRows)
      reopens.push(write(r, idOf(changes.companyId, r.episode), r.id));
    for (const r of changes.updateRows) updates.push(write(r, null, r.id));
    for (const c of changes.closeRows)
      closes.push({ id: c.id, at, code: c.closeRef.code, ref: c.closeRef });
    for (const id of changes.reopenEpisodes)
      episodeUpdates.push({ id, at, close: false, level: null });
    for (const id of changes.closeEpisodes)
      episodeUpdates.push({ id, at, close: true, level: null });
    for (const l of changes.episodeLevels)
      episodeUpdates.push({ id: l.id, at, close: null, level: l.level });
  }
  const insertedIds = await insertAlerts(tx, portalId, inserts);
  await rewriteAlerts(tx, portalId, reopens, true);
  await rewriteAlerts(tx, portalId, updates, false);
  await closeAlerts(tx, portalId, closes);
  await updateEpisodes(tx, portalId, episodeUpdates);
  result.opened = inserts.length;
  result.reopened = reopens.length;
  result.closed = closes.length;

  // Noise control over every episode that moved in this batch.
  const known = new Map<number, StoredEpisode>();
  for (const list of state.episodes.values()) for (const ep of list) known.set(ep.id, ep);
  const planned: PlannedEpisode[] = [];
  const lookup: EpisodeLookup = new Map();
  for (const { evaluation, changes } of diffs) {
    for (const ev of changes.events) {
      const id = idOf(changes.companyId, ev.handle);
      const existing = known.get(id);
      planned.push({
        id,
        companyId: changes.companyId,
        root: ev.root,
        event: ev.event,
        level: ev.level,
        previousLevel: ev.previousLevel,
        ownerId:
          existing && existing.taskMode !== 'none'
            ? existing.ownerId
            : ownerFor(owners, evaluation.ownerId),
        taskMode: existing?.taskMode ?? 'none',
        tasksClosedOnClear: existing?.tasksClosedOnClear ?? false,
      });
      lookup.set(id, {
        companyId: changes.companyId,
        root: ev.root,
        generation: existing?.generation ?? newGeneration(changes, ev.root),
        at: new Date(evaluation.asOf),
      });
    }
  }
  const now = deps.now();
  const today = localDay(now, settings.timeZone);
  const used = await tx.query<{ owner: string; n: number }>(
    `SELECT COALESCE(owner_id, '') AS owner, count(*)::int AS n FROM alert_episodes
      WHERE portal_id = $1 AND task_day = $2::date AND task_mode = 'task' AND source = 'engine'
      GROUP BY 1`,
    [portalId, today],
  );
  const actions = planTaskActions({
    settings,
    baseline,
    now,
    today,
    episodes: planned,
    usedToday: new Map(used.rows.map((r) => [r.owner, r.n])),
  });
  const applied = await applyTaskActions(deps, tx, portalId, actions, lookup, now);
  result.tasks = applied.tasks;
  result.digested = applied.digested;
  result.outbox = applied.outbox;

  // Cards read the deadlines and task ids from the alert rows.
  const touched = [...new Set(planned.map((p) => p.id))];
  await tx.query(
    `UPDATE alerts a
        SET respond_by = e.respond_by, plan_by = e.plan_by, owner_id = e.owner_id,
            respond_task_id = e.respond_task_id, plan_task_id = e.plan_task_id
       FROM alert_episodes e
      WHERE a.portal_id = $1 AND e.portal_id = $1 AND a.episode_id = e.id AND e.id = ANY($2::bigint[])`,
    [portalId, touched],
  );
  if (appObjects) {
    const changedIds = [
      ...insertedIds,
      ...reopens.map((r) => r.id as number),
      ...closes.map((c) => c.id),
    ];
    result.outbox += await queueRecords(tx, portalId, changedIds, now);
  }
  return result;
}

function newGeneration(changes: CompanyChanges, root: string): number {
  return changes.newEpisodes.find((n) => n.root === root)?.generation ?? 1;
}

async function queueRecords(
  tx: Tx,
  portalId: number,
  alertIds: number[],
  now: Date,
): Promise<number> {
  for (const id of alertIds)
    await enqueueSync(tx, portalId, recordOutboxKey(id), 'alerts.record', { alertId: id }, now);
  return alertIds.length;
}
