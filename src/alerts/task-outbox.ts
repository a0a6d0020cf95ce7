import { isRetryable, statusOf } from '../hubspot/retry.js';
import { executeAlertRecord, executeReviewRecord } from './app-records.js';
import { executeDigest } from './digest.js';
import { DeferError, type ExecDeps } from './executor-context.js';
import { claimRows, failRow, type OutboxRow } from './outbox-store.js';
import { executeCreate } from './task-create.js';
import { executeComplete, executeLevel, executeReopen } from './task-edits.js';

/**
 * The outbox executor of the alerts area: claims due `alerts.*` rows (SKIP
 * LOCKED, with a lease) and runs each. Safe to run in several workers at
 * once, after a crash, and again and again: every row either finds its work
 * already done in HubSpot (by the deterministic key) or does it once.
 *
 * Failures: a 429/5xx/network error or a not-yet-ready prerequisite is retried
 * with back-off; any other error (a 4xx: retrying cannot help) fails the row
 * for good after a few attempts, kept in the table with its error.
 */

export interface DrainOptions {
  /** Rows per claim (default 25). */
  batch?: number;
  /** Claims per drain before returning (default 20). */
  rounds?: number;
  /** Lease of a claimed row; longer than HubSpot's search index lag (default 2 min). */
  leaseMs?: number;
  /** Only the row with this key (the workflow action runs its own row at once). */
  key?: string;
}

export interface DrainResult {
  done: number;
  retried: number;
  failed: number;
}

const MAX_ATTEMPTS = 10;
const FINAL_4XX_ATTEMPTS = 3;

const executors: Record<OutboxRow['kind'], (deps: ExecDeps, row: OutboxRow) => Promise<void>> = {
  'alerts.task.create': executeCreate,
  'alerts.task.complete': executeComplete,
  'alerts.task.reopen': executeReopen,
  'alerts.task.level': executeLevel,
  'alerts.digest': executeDigest,
  'alerts.record': executeAlertRecord,
  'alerts.review': executeReviewRecord,
};

function backoffMs(attempts: number, error: unknown): number {
  if (error instanceof DeferError) return 2_000;
  return Math.min(600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

export async function drainAlertOutbox(
  deps: ExecDeps,
  portalId: number | null,
  options: DrainOptions = {},
): Promise<DrainResult> {
  const result: DrainResult = { done: 0, retried: 0, failed: 0 };
  const rounds = options.rounds ?? 20;
  for (let round = 0; round < rounds; round++) {
    const rows = await claimRows(deps.db, {
      portalId: portalId ?? undefined,
      key: options.key,
      now: deps.now(),
      limit: options.batch ?? 25,
      leaseMs: options.leaseMs ?? 120_000,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      try {
        await executors[row.kind](deps, row);
        result.done++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const transient = error instanceof DeferError || isRetryable(error);
        const final =
          row.attempts >= MAX_ATTEMPTS || (!transient && row.attempts >= FINAL_4XX_ATTEMPTS);
        const retryAt = final
          ? null
          : new Date(deps.now().getTime() + backoffMs(row.attempts, error));
        await failRow(deps.db, row.id, message, retryAt);
        if (final) result.failed++;
        else result.retried++;
        const log = {
          err: error,
          portalId: row.portalId,
          outboxId: row.id,
          kind: row.kind,
          status: statusOf(error),
          attempts: row.attempts,
        };
        if (final) deps.logger.error(log, 'alert outbox row failed for good');
        else if (!(error instanceof DeferError))
          deps.logger.warn(log, 'alert outbox row failed; will retry');
      }
    }
  }
  return result;
}
