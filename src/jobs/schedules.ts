import cron, { type ScheduledTask } from 'node-cron';
import type { AppDeps } from '../app/deps.js';
import { childLogger } from '../logger.js';
import { analyzeIfPglite } from '../store/analyze.js';
import type { Queryable } from '../store/db.js';
import { runOnce } from '../store/job-runs.js';
import { QUEUES, singletonKeys } from './job-names.js';

/**
 * Time-driven work in the worker (node-cron). Each schedule names its period
 * (a day, a ten-minute slot …); a run is recorded in `job_runs` under
 * (schedule, period), so it runs once per period however many workers fire
 * it, and a period missed while every worker was down is caught up at start
 * (the current period has no `done` row yet). Adding a schedule is one line
 * in `defaultSchedules` with `daily(…)` or `every(…)`.
 */

export interface ScheduleContext {
  deps: AppDeps;
  periodKey: string;
}

export interface ScheduleDefinition {
  name: string;
  /** node-cron expression (UTC). */
  cron: string;
  /** The period the latest due run belongs to, at `now`. */
  periodOf(now: Date): string;
  run(ctx: ScheduleContext): Promise<unknown>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Once a day at hh:mm UTC; the period is the date of the latest hh:mm at or before now. */
export function daily(
  name: string,
  at: string,
  run: ScheduleDefinition['run'],
): ScheduleDefinition {
  const [hour, minute] = at.split(':').map(Number);
  return {
    name,
    cron: `${minute} ${hour} * * *`,
    periodOf(now) {
      const due = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute),
      );
      if (due.getTime() > now.getTime()) due.setUTCDate(due.getUTCDate() - 1);
      return `${due.getUTCFullYear()}-${pad(due.getUTCMonth() + 1)}-${pad(due.getUTCDate())}`;
    },
    run,
  };
}

/** Every n minutes (n divides 60); the period is the slot's start. */
export function every(
  name: string,
  minutes: number,
  run: ScheduleDefinition['run'],
): ScheduleDefinition {
  return {
    name,
    cron: `*/${minutes} * * * *`,
    periodOf(now) {
      const slot = Math.floor(now.getTime() / (minutes * 60_000)) * minutes * 60_000;
      return new Date(slot).toISOString().slice(0, 16);
    },
    run,
  };
}

async function installedPortals(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ portal_id: number }>(
    "SELECT portal_id FROM portals WHERE install_state = 'installed' ORDER BY portal_id",
  );
  return rows.map((r) => Number(r.portal_id));
}

/** Nightly: one `reconcile` job per installed portal (the job itself is watermark-based and idempotent). */
export const nightlyReconcile = daily('nightly-reconcile', '03:00', async ({ deps, periodKey }) => {
  const queue = deps.queue;
  if (!queue) return { portals: 0 };
  const portals = await installedPortals(deps.db);
  for (const portalId of portals) {
    await queue.send(
      QUEUES.reconcile,
      { portalId, periodKey },
      { singletonKey: singletonKeys.reconcile(portalId) },
    );
  }
  return { portals: portals.length };
});

/**
 * Keeps tokens fresh for quiet portals: asking for a client refreshes a token
 * that is close to expiry (BE1's access layer, single-flight per portal); a
 * refresh answered BAD_REFRESH_TOKEN is handled there as an uninstall.
 */
export const tokenRefreshSweep = every('token-refresh', 10, async ({ deps }) => {
  const { rows } = await deps.db.query<{ portal_id: number }>(
    `SELECT t.portal_id FROM oauth_tokens t JOIN portals p USING (portal_id)
      WHERE p.install_state = 'installed' AND t.expires_at < now() + interval '15 minutes'`,
  );
  let refreshed = 0;
  for (const { portal_id } of rows) {
    try {
      await deps.hubspot.clientFor(Number(portal_id));
      refreshed++;
    } catch (err) {
      childLogger(deps.logger, { portalId: portal_id }).warn({ err }, 'token refresh failed');
    }
  }
  return { due: rows.length, refreshed };
});

/**
 * PGlite has no autovacuum: every 10 minutes, tables that grew by a fifth
 * since their last ANALYZE (a backfill, a full pass, a burst) are analyzed.
 */
export const pgliteAnalyze = every('pglite-analyze', 10, async ({ deps }) => ({
  analyzed: await analyzeIfPglite(deps.db),
}));

export const defaultSchedules: ScheduleDefinition[] = [
  nightlyReconcile,
  tokenRefreshSweep,
  pgliteAnalyze,
];

/** Runs a schedule for its current period unless that period already ran. */
export async function runScheduleNow(
  deps: AppDeps,
  schedule: ScheduleDefinition,
  now = deps.now(),
): Promise<{ ran: boolean }> {
  const periodKey = schedule.periodOf(now);
  const log = childLogger(deps.logger, {}).child({ schedule: schedule.name, periodKey });
  try {
    const outcome = await runOnce(deps.db, schedule.name, periodKey, () =>
      schedule.run({ deps, periodKey }),
    );
    if (outcome.ran) log.info({ result: outcome.result }, 'schedule ran');
    return { ran: outcome.ran };
  } catch (err) {
    log.error({ err }, 'schedule failed; it will run again at the next tick or start');
    return { ran: true };
  }
}

export interface RunningSchedules {
  stop(): Promise<void>;
  /** The catch-up pass done at start (for tests and logs). */
  caughtUp: Promise<void>;
}

/** Starts every schedule and catches up missed periods. */
export function startSchedules(
  deps: AppDeps,
  schedules: readonly ScheduleDefinition[] = defaultSchedules,
): RunningSchedules {
  const tasks: ScheduledTask[] = schedules.map((s) =>
    cron.schedule(s.cron, () => runScheduleNow(deps, s).then(() => undefined), {
      name: `kam:${s.name}`,
      timezone: 'UTC',
      noOverlap: true,
    }),
  );
  const caughtUp = (async () => {
    for (const s of schedules) await runScheduleNow(deps, s);
  })();
  return {
    caughtUp,
    async stop() {
      for (const t of tasks) await t.destroy();
      await caughtUp.catch(() => undefined);
    },
  };
}
