import { withAlerts } from '../alerts/sync-hooks.js';
import { alertSchedules, startAlertWorkers } from '../jobs/alert-schedules.js';
import { z } from 'zod';
import { serverlessRoutes } from '../../serverless/index.js';
import type { AppConfig, ProcessRole } from '../config.js';
import { createHubSpotAccess } from '../hubspot/access.js';
import { queueRecomputes } from '../jobs/inbox-processor.js';
import type { SyncOps } from '../jobs/job-names.js';
import { createQueue, type Queue } from '../jobs/queue.js';
import {
  defaultSchedules,
  startSchedules,
  type RunningSchedules,
  type ScheduleDefinition,
} from '../jobs/schedules.js';
import {
  defineQueues,
  startWorkers,
  type RunningWorkers,
  type WorkerOptions,
} from '../jobs/workers.js';
import { createLogger, type Logger } from '../logger.js';
import { createHttpApp, listen, type RunningHttpServer } from '../server/app.js';
import type { RouteDefinition } from '../server/mount.js';
import { loadKeyRing, TokenCipher } from '../store/crypto.js';
import { openStore, type Store } from '../store/open-store.js';
import { backfillPortal } from '../sync/backfill.js';
import { recomputeCompanies, recomputePortal } from '../sync/recompute.js';
import { reconcilePortal } from '../sync/reconcile.js';
import { settlePending } from '../sync/settle.js';
import { purgeContacts, syncObjects } from '../sync/sync-objects.js';
import type { AppDeps } from './deps.js';

/**
 * The composition root: builds AppDeps from the configuration and starts what
 * the process role runs — `web` (HTTP), `worker` (jobs, inbox sweep,
 * schedules) or `all`. `close()` shuts down in order: stop taking requests,
 * stop schedules and workers (running jobs finish), then the queue and the
 * database.
 */

export interface ComposeOptions {
  role: ProcessRole;
  logger?: Logger;
  /** The clock (tests move it with the sandbox's). */
  now?: () => Date;
  /** HTTP port (default config.port; 0 = any free port). */
  port?: number;
  host?: string;
  ops?: SyncOps;
  routes?: readonly RouteDefinition[];
  workers?: WorkerOptions;
  /** Schedules to run in the worker (default: all; [] for none). */
  schedules?: readonly ScheduleDefinition[];
  /** Open this store instead of the configured one (tests share a migrated test store). */
  store?: Store;
  /** pg-boss tuning (tests poll faster). */
  queueOptions?: Parameters<typeof createQueue>[1];
}

export interface ComposedApp {
  deps: AppDeps;
  store: Store;
  http: RunningHttpServer | null;
  workers: RunningWorkers | null;
  schedules: RunningSchedules | null;
  close(): Promise<void>;
}

/** The production wiring of the jobs to src/sync, with alerts synced after every recompute. */
export function defaultSyncOps(): SyncOps {
  return withAlerts(baseSyncOps());
}

/** The jobs wired to src/sync alone (alerts not synced). */
export function baseSyncOps(): SyncOps {
  return {
    syncObjects,
    recomputeCompanies,
    recomputePortal,
    backfillPortal,
    reconcilePortal: (deps, portalId) =>
      reconcilePortal(deps, portalId, { syncObjects, recompute: queueRecomputes }),
    purgeContacts,
    settlePortal: (deps, portalId, options) => settlePending(deps, portalId, options),
  };
}

/** Optional variables read here rather than in config.ts: they only concern the server. */
const serverEnvSchema = z.object({
  KAM_ADMIN_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? null : v.trim())),
});

export async function composeApp(config: AppConfig, options: ComposeOptions): Promise<ComposedApp> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const store =
    options.store ?? (await openStore(config, { applicationName: `kam-${options.role}` }));
  const runsHttp = options.role !== 'worker';
  const runsJobs = options.role !== 'web';
  let queue: Queue | null = null;
  try {
    const cipher = new TokenCipher(await loadKeyRing(config));
    const lease = config.workerLeaseSeconds;
    queue = await createQueue(store, {
      logger,
      // A web process only sends: maintenance and cron belong to workers.
      supervise: runsJobs,
      schedule: runsJobs,
      // Expiry of a dead worker's jobs runs with maintenance (pg-boss: every 120 s); a short lease needs it sooner.
      ...(lease < 240 ? { maintenanceIntervalSeconds: Math.max(1, Math.floor(lease / 2)) } : {}),
      ...options.queueOptions,
    });
    await defineQueues(queue, lease);
    const base = {
      config,
      db: store.db,
      queue,
      logger,
      cipher,
      now: options.now ?? (() => new Date()),
    };
    const deps: AppDeps = { ...base, hubspot: createHubSpotAccess(base) };
    const ops = options.ops ?? defaultSyncOps();
    const workers = runsJobs
      ? await startWorkers(deps, ops, { leaseSeconds: lease, ...options.workers })
      : null;
    const alertWorkers = runsJobs ? await startAlertWorkers(deps, queue, options.workers) : null;
    const schedules = runsJobs
      ? startSchedules(deps, options.schedules ?? [...defaultSchedules, ...alertSchedules(ops)])
      : null;
    const http = runsHttp
      ? await listen(
          createHttpApp(deps, {
            routes: options.routes ?? serverlessRoutes,
            adminToken: serverEnvSchema.parse(process.env).KAM_ADMIN_TOKEN,
          }),
          options.port ?? config.port,
          options.host,
        )
      : null;
    let closing: Promise<void> | null = null;
    return {
      deps,
      store,
      http,
      workers,
      schedules,
      close() {
        closing ??= (async () => {
          await http?.close();
          await schedules?.stop();
          await workers?.stop();
          alertWorkers?.stop();
          await queue?.stop();
          if (!options.store) await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await queue?.stop().catch(() => undefined);
    if (!options.store) await store.close().catch(() => undefined);
    throw error;
  }
}
