import { z } from 'zod';
import type { AppDeps } from '../app/deps.js';
import type { ObjectRef, TaskChange } from '../webhooks/event-refs.js';
import type { QueueDefinition } from './queue-types.js';

/**
 * The backend's job queues, their data and policies, and the sync operations
 * the workers call (BE2's functions in production; small stand-ins in unit
 * tests). Queues that coalesce use policy `short` with a singletonKey.
 */

export const QUEUES = {
  backfill: 'backfill',
  processInbox: 'process-inbox',
  syncObjects: 'sync-objects',
  recomputeCompany: 'recompute-company',
  recomputePortal: 'recompute-portal',
  reconcile: 'reconcile',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * How long a job taken by a worker that died (kill -9, lost host) stays
 * `active` before pg-boss expires it and retries it elsewhere: one and a half
 * worker leases for the short per-company jobs (900 s by default), so a
 * healthy batch never expires while it runs. Long jobs keep their own limits.
 */
export function shortJobExpirySeconds(leaseSeconds: number): number {
  return Math.max(1, Math.round(leaseSeconds * 1.5));
}

/** The queue policies for a worker lease (KAM_WORKER_LEASE_SECONDS; default 600 s). */
export function queueDefinitionsFor(leaseSeconds: number): Record<QueueName, QueueDefinition> {
  const expireInSeconds = shortJobExpirySeconds(leaseSeconds);
  return {
    ...queueDefinitions,
    'process-inbox': { ...queueDefinitions['process-inbox'], expireInSeconds },
    'sync-objects': { ...queueDefinitions['sync-objects'], expireInSeconds },
    'recompute-company': { ...queueDefinitions['recompute-company'], expireInSeconds },
  };
}

/** Retries with exponential back-off; after the last, the job lands in `dead_letters`. */
export const queueDefinitions: Record<QueueName, QueueDefinition> = {
  // Resumable from its checkpoint, so a retry continues; several portals may queue at once.
  backfill: {
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 6 * 3600,
  },
  'process-inbox': {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 900,
  },
  'sync-objects': {
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 900,
  },
  'recompute-company': {
    policy: 'short',
    retryLimit: 6,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 900,
  },
  'recompute-portal': {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 3 * 3600,
  },
  reconcile: {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 3 * 3600,
  },
};

const portalId = z.number().int().positive();

export const portalJobSchema = z.object({
  portalId,
  /** A statistics refresh (recompute.ts): skipped when a full pass already caught up. */
  refresh: z.boolean().optional(),
});
export const inboxJobSchema = z.object({ portalId: portalId.optional() });
export const recomputeCompanyJobSchema = z.object({
  portalId,
  companyId: z.string().min(1),
  /** When the oldest change behind this job happened (ms), for the sync-lag metric. */
  changedAt: z.number().int().optional(),
});
export const syncObjectsJobSchema = z.object({
  portalId,
  refs: z.array(
    z.object({
      objectType: z.enum(['companies', 'contacts', 'deals', 'meetings', 'calls', 'emails']),
      objectId: z.string().min(1),
      deleted: z.boolean().optional(),
    }),
  ),
});
export const reconcileJobSchema = z.object({
  portalId,
  periodKey: z.string().optional(),
  /** A follow-up of an on-demand run, for the changes it had to leave (never followed up itself). */
  tail: z.boolean().optional(),
});

export type RecomputeCompanyJob = z.infer<typeof recomputeCompanyJobSchema>;

/** singletonKeys: one queued job per company, per portal, per inbox. */
export const singletonKeys = {
  company: (portal: number, companyId: string) => `${portal}:${companyId}`,
  // Same key as src/sync/recompute.ts uses when it queues a full pass.
  portal: (portal: number) => String(portal),
  inbox: (portal?: number) => (portal === undefined ? 'inbox:all' : `inbox:${portal}`),
  reconcile: (portal: number) => `reconcile:${portal}`,
  reconcileTail: (portal: number) => `reconcile-tail:${portal}`,
  statsRefresh: (portal: number) => `stats-refresh:${portal}`,
};

export interface BackfillProgress {
  phase: string;
  done: number;
  total?: number;
}

export interface ReconcileResult {
  portalId: number;
  /** Objects seen in the windows (all types). */
  seen: number;
  /** Objects whose engine inputs differed from the mirror (fed to syncObjects). */
  changed: number;
  companies: string[];
  watermark: string;
}

/** What the jobs call in src/sync (BE2) and src/sync/reconcile.ts. */
export interface SyncOps {
  syncObjects(
    deps: AppDeps,
    portalId: number,
    refs: ObjectRef[],
  ): Promise<{ companyIds: string[] }>;
  recomputeCompanies(
    deps: AppDeps,
    portalId: number,
    companyIds: string[],
  ): Promise<{ evaluated: number; written: number; keyChanges: number }>;
  recomputePortal(
    deps: AppDeps,
    portalId: number,
    options?: { onProgress?(p: BackfillProgress): void },
  ): Promise<unknown>;
  backfillPortal(
    deps: AppDeps,
    portalId: number,
    options?: { onProgress?(p: BackfillProgress): void },
  ): Promise<unknown>;
  reconcilePortal(deps: AppDeps, portalId: number): Promise<ReconcileResult>;
  /** Privacy (GDPR) deletion of contacts: mirror rows and alert evidence. */
  purgeContacts?(
    deps: AppDeps,
    portalId: number,
    contactIds: string[],
  ): Promise<{ companyIds: string[] }>;
  /**
   * Follow-up still due on stored evaluations (write-back, alert sync) after a
   * crash or a refused write (src/sync/settle.ts); `upTo` bounds the revisions.
   */
  settlePortal?(
    deps: AppDeps,
    portalId: number,
    options?: { upTo?: number },
  ): Promise<{ settled: number }>;
  /** Task status changes, for the alerts issue; ignored until it hooks in. */
  onTaskChanges?(deps: AppDeps, portalId: number, tasks: TaskChange[]): Promise<void>;
}
