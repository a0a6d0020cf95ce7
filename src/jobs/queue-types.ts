import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import type { Tx } from '../store/db.js';

/** The job queue's API (implemented in queue.ts on pg-boss 10). */

export type QueuePolicy = 'standard' | 'short' | 'singleton' | 'stately';

export interface QueueDefinition {
  policy?: QueuePolicy;
  retryLimit?: number;
  /** Seconds before a retry. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** A running job taking longer fails (and is retried). */
  expireInSeconds?: number;
  /** Dead-letter queue name; default `<name>__dead`; false for none. */
  deadLetter?: string | false;
}

export interface SendOptions {
  singletonKey?: string;
  /** A date, seconds from now, or an ISO string. */
  startAfter?: Date | number | string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  deadLetter?: string;
  priority?: number;
  /** Enqueue inside this transaction: the job exists only if it commits. */
  tx?: Tx;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** Retries so far (0 on the first attempt). */
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  createdOn: Date;
}

export interface WorkOptions {
  batchSize?: number;
  /** At least 0.5 (pg-boss's floor); default 2. */
  pollingIntervalSeconds?: number;
}

export type JobHandler<T> = (jobs: Job<T>[]) => Promise<void>;

export interface QueueOptions {
  logger?: Logger;
  /** Run pg-boss maintenance (expiry, archiving) here; default true. */
  supervise?: boolean;
  /** Run cron schedules here; default true. */
  schedule?: boolean;
  maintenanceIntervalSeconds?: number;
  cronMonitorIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
  /** Polling of the dead-letter queues (default 5 s). */
  deadLetterPollingIntervalSeconds?: number;
  /** Connections of pg-boss's own pool on PostgreSQL (default 4). */
  poolSize?: number;
  /** Longest wait for running jobs on stop (default 30 s). */
  stopTimeoutMs?: number;
}

export interface Queue {
  readonly boss: PgBoss;
  /** Creates or updates a queue (and its dead-letter queue). */
  define(name: string, definition?: QueueDefinition): Promise<void>;
  /** Makes sure a queue exists (default definition if missing); needed before sending in a transaction. */
  ensure(name: string): Promise<void>;
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Sends many jobs in one statement (a webhook burst). Keyed jobs coalesce as
   * with `send`; retry settings come from the queue's definition.
   */
  sendMany<T extends object>(
    name: string,
    jobs: readonly { data: T; singletonKey?: string; startAfter?: Date }[],
    options?: { tx?: Tx },
  ): Promise<void>;
  work<T extends object>(
    name: string,
    handler: JobHandler<T>,
    options?: WorkOptions,
  ): Promise<string>;
  schedule<T extends object>(
    name: string,
    cron: string,
    data?: T,
    options?: { tz?: string },
  ): Promise<void>;
  /** Jobs waiting (created or retry) in a queue. */
  size(name: string): Promise<number>;
  stop(): Promise<void>;
}
