import type { AppDeps } from '../app/deps.js';
import { InternalError } from '../errors.js';
import { childLogger } from '../logger.js';
import { jobsProcessed, recomputeDuration, syncLag } from '../server/metrics.js';
import { statsDrift } from '../sync/portfolio-cache.js';
import { RECONCILE_SETTLE_MS } from '../sync/reconcile.js';
import type { Job, Queue } from './queue.js';
import { settleSweep } from './settle-sweep.js';
import {
  DEFAULT_LEASE_SECONDS,
  inboxBacklog,
  processInbox,
  pruneInbox,
  queueRecomputes,
} from './inbox-processor.js';
import {
  QUEUES,
  inboxJobSchema,
  portalJobSchema,
  queueDefinitionsFor,
  reconcileJobSchema,
  recomputeCompanyJobSchema,
  singletonKeys,
  syncObjectsJobSchema,
  type QueueName,
  type SyncOps,
} from './job-names.js';

/**
 * The pg-boss workers of the worker role. Every queue retries with back-off
 * (job-names.ts) and, after its last try, the job is copied to `dead_letters`
 * by queue.ts — never dropped. `recompute-company` takes batches: jobs are
 * grouped by portal and each portal is one `recomputeCompanies` call.
 */

export interface WorkerOptions {
  /** pg-boss polling (default 1 s; sends from this process wake workers at once anyway). */
  pollingIntervalSeconds?: number;
  /** Recompute jobs per batch (default 100). */
  recomputeBatchSize?: number;
  /** Inbox sweep interval (default 10 s); 0 disables it. */
  sweepIntervalMs?: number;
  /** Worker lease: inbox rows and short jobs of a dead worker are taken again after it (default 600 s). */
  leaseSeconds?: number;
}

export interface RunningWorkers {
  /** Runs the inbox sweep once now (also what the timer does). */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

/** Defines every queue with its policy (idempotent; any role that sends calls it). */
export async function defineQueues(
  queue: Queue,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<void> {
  for (const [name, definition] of Object.entries(queueDefinitionsFor(leaseSeconds))) {
    await queue.define(name, definition);
  }
}

function record(name: QueueName, jobs: Job<unknown>[], ok: boolean): void {
  for (const job of jobs) {
    const result = ok ? 'ok' : job.retryCount >= job.retryLimit ? 'dead' : 'retry';
    jobsProcessed.inc({ queue: name, result });
  }
}

function requireQueue(deps: AppDeps): Queue {
  if (!deps.queue) throw new InternalError('the worker role needs a job queue');
  return deps.queue;
}

export async function startWorkers(
  deps: AppDeps,
  ops: SyncOps,
  options: WorkerOptions = {},
): Promise<RunningWorkers> {
  const queue = requireQueue(deps);
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  await defineQueues(queue, leaseSeconds);
  const poll = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 };

  /** One job at a time, parsed with its schema, metrics and a job-scoped logger. */
  async function each<T>(
    name: QueueName,
    parse: (data: unknown) => T,
    run: (data: T, job: Job<unknown>) => Promise<void>,
  ): Promise<void> {
    await queue.work<object>(
      name,
      async (jobs) => {
        try {
          for (const job of jobs) await run(parse(job.data), job);
          record(name, jobs, true);
        } catch (err) {
          record(name, jobs, false);
          throw err;
        }
      },
      { ...poll, batchSize: 1 },
    );
  }

  await each(
    QUEUES.backfill,
    (d) => portalJobSchema.parse(d),
    async ({ portalId }, job) => {
      const log = childLogger(deps.logger, { portalId, jobId: job.id, queue: QUEUES.backfill });
      log.info('backfill started');
      await ops.backfillPortal(deps, portalId);
      log.info('backfill finished');
    },
  );

  await each(
    QUEUES.processInbox,
    (d) => inboxJobSchema.parse(d),
    async ({ portalId }) => {
      await processInbox(deps, ops, { portalId, leaseSeconds });
    },
  );

  await each(
    QUEUES.syncObjects,
    (d) => syncObjectsJobSchema.parse(d),
    async ({ portalId, refs }) => {
      const { companyIds } = await ops.syncObjects(deps, portalId, refs);
      await queueRecomputes(deps, portalId, companyIds);
    },
  );

  await each(
    QUEUES.recomputePortal,
    (d) => portalJobSchema.parse(d),
    async ({ portalId, refresh }) => {
      // A statistics refresh whose drift a full pass already absorbed has nothing to do.
      if (refresh && (await statsDrift(deps.db, portalId)) === 0) return;
      const started = performance.now();
      await ops.recomputePortal(deps, portalId);
      recomputeDuration.observe((performance.now() - started) / 1000);
    },
  );

  await each(
    QUEUES.reconcile,
    (d) => reconcileJobSchema.parse(d),
    async ({ portalId, periodKey, tail }) => {
      await ops.reconcilePortal(deps, portalId);
      // An on-demand run leaves the newest changes (not yet searchable) to the next run,
      // which is tomorrow night: a follow-up once they settle finishes the repair now.
      if (periodKey?.startsWith('manual:') && !tail)
        await queue.send(
          QUEUES.reconcile,
          { portalId, periodKey: `${periodKey}:tail`, tail: true },
          {
            singletonKey: singletonKeys.reconcileTail(portalId),
            startAfter: new Date(Date.now() + RECONCILE_SETTLE_MS + 5_000),
          },
        );
    },
  );

  await queue.work<object>(
    QUEUES.recomputeCompany,
    async (jobs) => {
      const byPortal = new Map<number, { ids: Set<string>; changedAt: number | undefined }>();
      for (const job of jobs) {
        const data = recomputeCompanyJobSchema.parse(job.data);
        const entry = byPortal.get(data.portalId) ?? {
          ids: new Set<string>(),
          changedAt: undefined,
        };
        entry.ids.add(data.companyId);
        if (data.changedAt !== undefined)
          entry.changedAt = Math.min(entry.changedAt ?? data.changedAt, data.changedAt);
        byPortal.set(data.portalId, entry);
      }
      // Every portal is attempted; a failure of one fails the batch (all retried, idempotently).
      let failure: unknown = null;
      for (const [portalId, { ids, changedAt }] of byPortal) {
        const started = performance.now();
        try {
          await ops.recomputeCompanies(deps, portalId, [...ids]);
          recomputeDuration.observe((performance.now() - started) / 1000);
          if (changedAt !== undefined)
            syncLag.observe(Math.max(0, deps.now().getTime() - changedAt) / 1000);
        } catch (err) {
          failure ??= err;
          childLogger(deps.logger, { portalId, queue: QUEUES.recomputeCompany }).warn(
            { err, companies: ids.size },
            'recompute failed',
          );
        }
      }
      record(QUEUES.recomputeCompany, jobs, failure === null);
      if (failure !== null) throw failure;
    },
    { ...poll, batchSize: options.recomputeBatchSize ?? 100 },
  );

  const settling = settleSweep(deps, ops, Math.min(leaseSeconds * 1000, 60_000));
  let sweeping: Promise<void> | null = null;
  let stopping = false;
  const sweep = (): Promise<void> => {
    sweeping ??= (async () => {
      try {
        await processInbox(deps, ops, { leaseSeconds });
        await inboxBacklog(deps.db);
        await pruneInbox(deps.db);
        // Settling writes to HubSpot (with its retries): a stopping process leaves it to the next one.
        if (!stopping) await settling.tick();
      } catch (err) {
        deps.logger.warn({ err }, 'inbox sweep failed');
      } finally {
        sweeping = null;
      }
    })();
    return sweeping;
  };
  const interval = options.sweepIntervalMs ?? 10_000;
  const timer = interval > 0 ? setInterval(() => void sweep(), interval) : null;
  timer?.unref();

  return {
    sweep,
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      await sweeping;
    },
  };
}
