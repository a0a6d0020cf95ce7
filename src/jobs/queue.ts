import PgBoss from 'pg-boss';
import { InternalError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { assertNotInsideTransaction, type Db, type Tx } from '../store/db.js';
import { PgliteDb } from '../store/pglite-db.js';
import { PostgresDb } from '../store/postgres-db.js';
import { persistDeadLetters } from './dead-letters.js';
import type {
  JobHandler,
  Queue,
  QueueDefinition,
  QueueOptions,
  WorkOptions,
} from './queue-types.js';
import { pgliteBossDb, type PgliteBossDb } from './pglite-boss-db.js';

/**
 * Durable jobs on pg-boss 10, on either backend: PostgreSQL through its own
 * pool (schema `pgboss`), PGlite through an adapter on the app's instance.
 *
 * Queues are defined with a policy. Coalescing uses `short`: at most one
 * *queued* job per singletonKey, so a burst of sends for one company makes one
 * pending job (`send` answers null for the ones folded in); a send while that
 * job is running queues one more, so no change is missed. Note that on a
 * `short` queue, sends without a singletonKey coalesce with each other too.
 * (`stately` also stops two jobs of a key running at once, but in pg-boss 10 a
 * fetch that meets a running key fails as a whole and stalls the queue.)
 *
 * Every queue gets a dead-letter queue `<name>__dead`. A job failing its last
 * retry lands there, and the worker of the queue copies it into the
 * `dead_letters` table, which no retention ever prunes.
 */

export type {
  Job,
  JobHandler,
  Queue,
  QueueDefinition,
  QueueOptions,
  QueuePolicy,
  SendOptions,
  WorkOptions,
} from './queue-types.js';

export const deadLetterQueueOf = (name: string) => `${name}__dead`;
const SCHEMA = 'pgboss';
/** Serialises pg-boss's install/upgrade and queue creation across processes. */
const START_LOCK_KEY = 482_913_118;

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function createQueue(store: { db: Db }, options: QueueOptions = {}): Promise<Queue> {
  const logger = options.logger ?? silentLogger();
  const { db } = store;
  let adapter: PgliteBossDb | null = null;
  const common = {
    schema: SCHEMA,
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? true,
    ...(options.maintenanceIntervalSeconds
      ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }
      : {}),
    ...(options.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds }
      : {}),
    ...(options.cronWorkerIntervalSeconds
      ? { cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds }
      : {}),
  };
  let boss: PgBoss;
  if (db instanceof PgliteDb) {
    adapter = pgliteBossDb(db);
    boss = new PgBoss({ ...common, db: adapter });
  } else if (db instanceof PostgresDb) {
    boss = new PgBoss({
      ...common,
      connectionString: db.connectionString(),
      max: options.poolSize ?? 4,
      application_name: 'kam-jobs',
    });
  } else {
    throw new InternalError('createQueue needs a PGlite or PostgreSQL store');
  }
  boss.on('error', (err: Error) => logger.error({ err }, 'job queue error'));

  /**
   * Runs pg-boss DDL one process at a time: its own check-then-create races,
   * and queue creation (a partition per queue) deadlocks when several
   * processes start on a fresh database at once.
   */
  async function serialised<T>(fn: () => Promise<T>): Promise<T> {
    if (!(db instanceof PostgresDb)) return fn();
    const client = await db.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [START_LOCK_KEY]);
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [START_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }
  await serialised(() => boss.start());

  const defined = new Map<string, QueueDefinition>();
  const workersByQueue = new Map<string, Set<string>>();
  const deadLetterWorkers = new Set<string>();
  const running = new Set<Promise<void>>();
  let stopping = false;

  async function createOnce(
    name: string,
    definition: QueueDefinition,
    update: boolean,
  ): Promise<void> {
    const deadLetter =
      definition.deadLetter === false
        ? undefined
        : (definition.deadLetter ?? deadLetterQueueOf(name));
    if (deadLetter)
      await serialised(() =>
        boss.createQueue(deadLetter, { name: deadLetter, policy: 'standard' }),
      );
    // pg-boss checks options by key presence: leave unset ones out.
    const queue = withoutUndefined({
      name,
      policy: definition.policy ?? 'standard',
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelay,
      retryBackoff: definition.retryBackoff,
      expireInSeconds: definition.expireInSeconds,
      deadLetter,
    }) as PgBoss.Queue;
    await serialised(async () => {
      await boss.createQueue(name, queue);
      if (update) await boss.updateQueue(name, queue);
    });
    defined.set(name, { ...definition, deadLetter: deadLetter ?? false });
  }

  async function ensure(name: string): Promise<QueueDefinition> {
    const known = defined.get(name);
    if (known) return known;
    // Created with defaults if missing; never overrides a definition made elsewhere.
    const existing = await boss.getQueue(name);
    if (existing) {
      const definition: QueueDefinition = {
        policy: existing.policy,
        deadLetter: existing.deadLetter ?? false,
      };
      defined.set(name, definition);
      return definition;
    }
    await createOnce(name, {}, false);
    return defined.get(name) as QueueDefinition;
  }

  /** The queue must exist before a send; inside a transaction it must be known already. */
  async function ready(name: string, tx: Tx | undefined): Promise<void> {
    if (tx) {
      // Looking the queue up would need a second connection, which PGlite does not have.
      if (!defined.has(name)) {
        throw new InternalError(
          `queue ${name} must be defined or ensured before sending in a transaction`,
        );
      }
    } else {
      assertNotInsideTransaction(db, 'queue.send() without { tx }');
      await ensure(name);
    }
  }

  const viaTx = (tx: Tx): PgBoss.Db => ({
    executeSql: (text: string, values: unknown[]) => tx.query(text, values),
  });

  /** Local workers of the queue poll now instead of at their next interval. */
  function wake(name: string): void {
    for (const workerId of workersByQueue.get(name) ?? []) boss.notifyWorker(workerId);
  }

  const queue: Queue = {
    boss,

    async define(name, definition = {}) {
      await createOnce(name, definition, true);
    },

    async ensure(name) {
      await ensure(name);
    },

    async send(name, data, sendOptions = {}) {
      const { tx, startAfter, ...rest } = sendOptions;
      await ready(name, tx);
      const pgOptions = withoutUndefined({ ...rest, startAfter }) as PgBoss.SendOptions;
      if (tx) pgOptions.db = viaTx(tx);
      const id = await boss.send(name, data, pgOptions);
      if (id && !tx) wake(name);
      return id;
    },

    async sendMany(name, jobs, sendOptions = {}) {
      if (jobs.length === 0) return;
      const { tx } = sendOptions;
      await ready(name, tx);
      const rows = jobs.map((j) =>
        withoutUndefined({
          name,
          data: j.data,
          singletonKey: j.singletonKey,
          startAfter: j.startAfter?.toISOString(),
        }),
      ) as PgBoss.JobInsert[];
      await boss.insert(rows, tx ? { db: viaTx(tx) } : {});
      if (!tx) wake(name);
    },

    async work<T extends object>(
      name: string,
      handler: JobHandler<T>,
      workOptions: WorkOptions = {},
    ) {
      const definition = await ensure(name);
      const workerId = await boss.work<T>(
        name,
        { ...workOptions, includeMetadata: true },
        async (jobs) => {
          if (stopping) throw new InternalError('job queue stopping; the job will be retried');
          const run = handler(
            jobs.map((j) => ({
              id: j.id,
              name: j.name,
              data: j.data,
              retryCount: j.retryCount,
              retryLimit: j.retryLimit,
              singletonKey: j.singletonKey,
              createdOn: j.createdOn,
            })),
          );
          running.add(run);
          try {
            await run;
          } catch (err) {
            logger.warn({ err, queue: name, jobIds: jobs.map((j) => j.id) }, 'job failed');
            throw err;
          } finally {
            running.delete(run);
          }
        },
      );
      const ids = workersByQueue.get(name) ?? new Set<string>();
      ids.add(workerId);
      workersByQueue.set(name, ids);
      const dlq = definition.deadLetter;
      if (dlq && !deadLetterWorkers.has(dlq)) {
        deadLetterWorkers.add(dlq);
        await boss.work<object>(
          dlq,
          {
            includeMetadata: true,
            batchSize: 50,
            pollingIntervalSeconds: options.deadLetterPollingIntervalSeconds ?? 5,
          },
          (jobs) => persistDeadLetters(db, name, jobs),
        );
      }
      return workerId;
    },

    async schedule(name, cron, data, scheduleOptions = {}) {
      await ensure(name);
      await boss.schedule(name, cron, data ?? {}, { tz: scheduleOptions.tz ?? 'UTC' });
    },

    async size(name) {
      return boss.getQueueSize(name);
    },

    async stop() {
      if (stopping) return;
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 30_000 });
      await Promise.allSettled([...running]);
      if (adapter) {
        await adapter.drain();
        adapter.close();
      }
    },
  };
  return queue;
}
