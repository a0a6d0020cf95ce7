import type { AppDeps } from '../app/deps.js';
import { dayNumber, lastCompletedQuarters } from '../domain/dates.js';
import { childLogger } from '../logger.js';
import { runOnce } from '../store/job-runs.js';
import { getSettings } from '../sync/settings-store.js';
import { handleEscalateJob } from '../alerts/escalation.js';
import { reviewOutboxKey } from '../alerts/keys.js';
import { enqueueSync } from '../alerts/outbox-store.js';
import {
  ALERT_ESCALATE_QUEUE,
  ALERT_OUTBOX_QUEUE,
  ALERT_TASK_CHECK_QUEUE,
  kickDueOutboxes,
  kickOutbox,
} from '../alerts/queues.js';
import { instantOfLocal, localDay } from '../alerts/sla-clock.js';
import { checkAlertTasks } from '../alerts/task-events.js';
import { drainAlertOutbox } from '../alerts/task-outbox.js';
import type { Job, Queue, QueueDefinition } from './queue-types.js';
import type { ScheduleDefinition } from './schedules.js';

/**
 * Alerts caused by time, not by a CRM change:
 * - daily cadence sweep: once per portal and local day, accounts whose next
 *   touch is overdue (and whose cadence alert is not open yet) are
 *   re-evaluated, so the cadence alert opens without waiting for a CRM change;
 * - quarterly review: once per portal and fiscal quarter, after the quarter
 *   ends in the portal's time zone, every account is re-evaluated (the engine
 *   takes the quarter's snapshot — stored in account_snapshots — and runs the
 *   quarter rules: revenue falling, frequency trend, health fell), then a
 *   `kam_account_review` record per company where the portal has app objects;
 * - task check: the safety net of the 3R tasks (task-events.ts).
 * Each per-portal run is recorded in `job_runs` ('alerts-cadence-sweep:<portal>',
 * '<local day>') / ('alerts-quarterly-review:<portal>', '<quarter>'), so it runs
 * once however often the schedule fires, and the first tick after a start
 * catches up a missed day or quarter. The schedules fire every 15 minutes
 * (UTC cron) because each portal's day starts at its own local midnight.
 */

/** What the schedules call in src/sync (BE2's recompute). */
export interface AlertScheduleOps {
  recomputeCompanies(deps: AppDeps, portalId: number, companyIds: string[]): Promise<unknown>;
  recomputePortal(deps: AppDeps, portalId: number): Promise<unknown>;
}

async function installedPortals(deps: AppDeps): Promise<number[]> {
  const { rows } = await deps.db.query<{ portal_id: number }>(
    "SELECT portal_id FROM portals WHERE install_state = 'installed' ORDER BY portal_id",
  );
  return rows.map((r) => Number(r.portal_id));
}

/** Companies whose cadence is overdue today but whose cadence alert is not open. */
async function overdueCompanies(deps: AppDeps, portalId: number, today: string): Promise<string[]> {
  const { rows } = await deps.db.query<{ company_id: string }>(
    `SELECT e.company_id FROM evaluations e
      WHERE e.portal_id = $1
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(e.evaluation->'cadence'->'intervals', '[]'::jsonb)) i
                     WHERE i->>'overdueOn' IS NOT NULL AND i->>'overdueOn' <= $2)
        AND NOT EXISTS (SELECT 1 FROM alerts a
                         WHERE a.portal_id = e.portal_id AND a.company_id = e.company_id
                           AND a.code = 'cadence_overdue' AND a.closed_at IS NULL)
      ORDER BY e.company_id`,
    [portalId, today],
  );
  return rows.map((r) => r.company_id);
}

export async function runCadenceSweep(
  deps: AppDeps,
  portalId: number,
  ops: AlertScheduleOps,
): Promise<{ ran: boolean; companies: number }> {
  const settings = await getSettings(deps.db, portalId);
  const today = localDay(deps.now(), settings.timeZone);
  const outcome = await runOnce(deps.db, `alerts-cadence-sweep:${portalId}`, today, async () => {
    if (settings.alerts.disabled.includes('cadence_overdue')) return 0;
    const ids = await overdueCompanies(deps, portalId, today);
    for (let i = 0; i < ids.length; i += 200)
      await ops.recomputeCompanies(deps, portalId, ids.slice(i, i + 200));
    return ids.length;
  });
  return outcome.ran ? { ran: true, companies: outcome.result } : { ran: false, companies: 0 };
}

/** The last completed fiscal quarter at `now` in the portal's zone, and the instant it ended. */
export function lastQuarterEnded(
  now: Date,
  timeZone: string,
  fiscalStartMonth: number,
): { label: string; endedAt: Date } {
  const today = dayNumber(localDay(now, timeZone));
  const [q] = lastCompletedQuarters(today, 1, fiscalStartMonth);
  const end = new Date(q.endDay * 86_400_000);
  const endedAt = new Date(
    instantOfLocal(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate(), 0, timeZone),
  );
  return { label: q.label, endedAt };
}

export async function runQuarterlyReview(
  deps: AppDeps,
  portalId: number,
  ops: AlertScheduleOps,
): Promise<{ ran: boolean; quarter: string; recomputed: boolean; records: number }> {
  const settings = await getSettings(deps.db, portalId);
  const { label, endedAt } = lastQuarterEnded(
    deps.now(),
    settings.timeZone,
    settings.fiscalYearStartMonth,
  );
  const outcome = await runOnce(deps.db, `alerts-quarterly-review:${portalId}`, label, async () => {
    // Accounts all evaluated since the quarter ended already ran its rules (e.g. right after install).
    const stale = await deps.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM evaluations WHERE portal_id = $1 AND evaluated_at < $2',
      [portalId, endedAt],
    );
    const recomputed = (stale.rows[0]?.n ?? 0) > 0;
    if (recomputed) await ops.recomputePortal(deps, portalId);
    const portal = await deps.db.query<{ app_objects_available: boolean }>(
      'SELECT app_objects_available FROM portals WHERE portal_id = $1',
      [portalId],
    );
    let records = 0;
    if (portal.rows[0]?.app_objects_available === true) {
      const { rows } = await deps.db.query<{ company_id: string }>(
        'SELECT company_id FROM account_snapshots WHERE portal_id = $1 AND quarter = $2 ORDER BY company_id',
        [portalId, label],
      );
      for (let i = 0; i < rows.length; i += 500) {
        const part = rows.slice(i, i + 500);
        await deps.db.transaction(async (tx) => {
          for (const r of part)
            await enqueueSync(
              tx,
              portalId,
              reviewOutboxKey(r.company_id, label),
              'alerts.review',
              { companyId: r.company_id, quarter: label },
              deps.now(),
            );
        });
      }
      records = rows.length;
      if (records > 0) await kickOutbox(deps, portalId);
    }
    return { recomputed, records };
  });
  return outcome.ran
    ? { ran: true, quarter: label, ...outcome.result }
    : { ran: false, quarter: label, recomputed: false, records: 0 };
}

/** Per-portal work of one tick; one portal's failure never stops the others. */
async function eachPortal(
  deps: AppDeps,
  name: string,
  fn: (portalId: number) => Promise<unknown>,
): Promise<{ portals: number; failed: number }> {
  const portals = await installedPortals(deps);
  let failed = 0;
  for (const portalId of portals) {
    try {
      await fn(portalId);
    } catch (err) {
      failed++;
      childLogger(deps.logger, { portalId }).error(
        { err, schedule: name },
        'alert schedule failed for a portal; it runs again next tick',
      );
    }
  }
  return { portals: portals.length, failed };
}

function every15(name: string, run: ScheduleDefinition['run']): ScheduleDefinition {
  return {
    name,
    cron: '*/15 * * * *',
    periodOf: (now) =>
      new Date(Math.floor(now.getTime() / 900_000) * 900_000).toISOString().slice(0, 16),
    run,
  };
}

/** The schedules for BE3's startSchedules (src/jobs/schedules.ts): `[...defaultSchedules, ...alertSchedules(ops)]`. */
export function alertSchedules(ops: AlertScheduleOps): ScheduleDefinition[] {
  return [
    every15('alerts-daily-sweep', ({ deps }) =>
      eachPortal(deps, 'alerts-daily-sweep', async (portalId) => {
        await runCadenceSweep(deps, portalId, ops);
        await runQuarterlyReview(deps, portalId, ops);
      }),
    ),
    every15('alerts-task-check', ({ deps }) =>
      eachPortal(deps, 'alerts-task-check', async (portalId) => {
        if (deps.queue)
          await deps.queue.send(
            ALERT_TASK_CHECK_QUEUE,
            { portalId },
            { singletonKey: String(portalId) },
          );
        else await checkAlertTasks(deps, portalId);
      }),
    ),
  ];
}

/** Queue policies of the alert jobs. */
export const alertQueueDefinitions: Record<string, QueueDefinition> = {
  [ALERT_OUTBOX_QUEUE]: {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 900,
  },
  [ALERT_ESCALATE_QUEUE]: {
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 900,
  },
  [ALERT_TASK_CHECK_QUEUE]: {
    policy: 'short',
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 900,
  },
};

const portalOf = (data: unknown): number => Number((data as { portalId?: unknown }).portalId);

/** Defines the alert queues and starts their workers (call from BE3's startWorkers). */
export async function startAlertWorkers(
  deps: AppDeps,
  queue: Queue,
  options: { pollingIntervalSeconds?: number; outboxSweepMs?: number } = {},
): Promise<{ stop(): void }> {
  for (const [name, definition] of Object.entries(alertQueueDefinitions))
    await queue.define(name, definition);
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 };
  await queue.work<{ portalId: number }>(
    ALERT_OUTBOX_QUEUE,
    async (jobs: Job<{ portalId: number }>[]) => {
      for (const portalId of new Set(jobs.map((j) => portalOf(j.data))))
        await drainAlertOutbox(deps, portalId);
    },
    { ...polling, batchSize: 10 },
  );
  await queue.work<{ portalId: number; episodeId: number }>(
    ALERT_ESCALATE_QUEUE,
    async (jobs) => {
      for (const j of jobs) await handleEscalateJob(deps, j.data);
    },
    polling,
  );
  await queue.work<{ portalId: number }>(
    ALERT_TASK_CHECK_QUEUE,
    async (jobs) => {
      for (const portalId of new Set(jobs.map((j) => portalOf(j.data))))
        await checkAlertTasks(deps, portalId);
    },
    polling,
  );
  // Outbox rows due again (a retry's time, a dead worker's lease) are run within seconds.
  const every = options.outboxSweepMs ?? 15_000;
  const timer =
    every > 0
      ? setInterval(() => {
          kickDueOutboxes(deps).catch((err: unknown) =>
            deps.logger.warn({ err }, 'alert outbox sweep failed'),
          );
        }, every)
      : null;
  timer?.unref();
  return {
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
