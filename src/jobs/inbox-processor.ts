import type { AppDeps } from '../app/deps.js';
import { childLogger } from '../logger.js';
import { inboxPending } from '../server/metrics.js';
import type { Queryable } from '../store/db.js';
import { webhookEventSchema, type WebhookEvent } from '../webhooks/event-schema.js';
import { mapEvents } from '../webhooks/event-refs.js';
import { QUEUES, singletonKeys, type SyncOps } from './job-names.js';

/**
 * Works the durable webhook inbox: claims due rows (FOR UPDATE SKIP LOCKED, so
 * several workers share it; PGlite has one connection and simply serialises),
 * maps their events to object refs, syncs each portal's objects in one
 * `syncObjects` call and queues one `recompute-company` job per affected
 * company (coalesced by singletonKey, so a burst to one account is one job).
 * A failing portal's rows go back as `failed` with a growing delay
 * (`next_attempt_at`) and stay visible; nothing is dropped.
 *
 * A claimed row is leased: `next_attempt_at` moves the lease ahead, so rows of
 * a worker that died mid-batch are claimed again once the lease runs out
 * (KAM_WORKER_LEASE_SECONDS, default 10 minutes; it must outlast one batch).
 */

export const DEFAULT_LEASE_SECONDS = 600;
const BASE_RETRY_SECONDS = 5;
const MAX_RETRY_SECONDS = 3600;

interface ClaimedRow {
  id: number;
  portal_id: number;
  payload: unknown;
  attempts: number;
}

export interface ProcessInboxOptions {
  /** Only this portal's rows (the job sent after a webhook request names one). */
  portalId?: number;
  /** Rows claimed per round (default 500). */
  batchSize?: number;
  /** Stop after this many rounds (default: until nothing is due). */
  maxRounds?: number;
  /** How long a claimed row stays ours before another worker may take it (default 600 s). */
  leaseSeconds?: number;
}

export interface ProcessInboxResult {
  claimed: number;
  done: number;
  ignored: number;
  failed: number;
  /** Recompute jobs sent (coalesced ones included, as `send` cannot tell them apart cheaply). */
  companies: number;
}

async function claim(
  db: Queryable,
  portalId: number | undefined,
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedRow[]> {
  const { rows } = await db.query<ClaimedRow>(
    `UPDATE webhook_inbox w
        SET status = 'processing', attempts = w.attempts + 1,
            next_attempt_at = now() + $3::int * interval '1 second'
      WHERE w.id IN (
        SELECT id FROM webhook_inbox
         WHERE status IN ('pending', 'failed', 'processing')
           AND next_attempt_at <= now()
           AND ($1::bigint IS NULL OR portal_id = $1)
         ORDER BY id
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
      RETURNING w.id, w.portal_id, w.payload, w.attempts`,
    [portalId ?? null, limit, leaseSeconds],
  );
  return rows;
}

async function finish(
  db: Queryable,
  ids: number[],
  status: 'done' | 'ignored',
  note?: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE webhook_inbox SET status = $2, processed_at = now(), last_error = $3
      WHERE id = ANY($1::bigint[])`,
    [ids, status, note ?? null],
  );
}

/** Back-off 5 s, 10 s, 20 s … capped at an hour; the row keeps its attempts count. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, BASE_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

async function fail(db: Queryable, rows: ClaimedRow[], error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.query(
    `UPDATE webhook_inbox w
        SET status = 'failed', last_error = $2,
            next_attempt_at = now() + (LEAST($4::int, $3::int * power(2, GREATEST(w.attempts - 1, 0))::int) * interval '1 second')
      WHERE w.id = ANY($1::bigint[])`,
    [rows.map((r) => r.id), message.slice(0, 2000), BASE_RETRY_SECONDS, MAX_RETRY_SECONDS],
  );
}

async function installState(db: Queryable, portalId: number): Promise<string | null> {
  const { rows } = await db.query<{ install_state: string }>(
    'SELECT install_state FROM portals WHERE portal_id = $1',
    [portalId],
  );
  return rows[0]?.install_state ?? null;
}

/**
 * Queues one recompute job per company in one statement (a burst names
 * hundreds; one send each cost a round trip apiece); a queued job for the same
 * company absorbs its row.
 */
export async function queueRecomputes(
  deps: AppDeps,
  portalId: number,
  companyIds: readonly string[],
  changedAt?: number,
): Promise<void> {
  const queue = deps.queue;
  if (!queue) throw new Error('no job queue in this process to queue recomputes on');
  await queue.sendMany(
    QUEUES.recomputeCompany,
    [...new Set(companyIds)].map((companyId) => ({
      data: { portalId, companyId, ...(changedAt === undefined ? {} : { changedAt }) },
      singletonKey: singletonKeys.company(portalId, companyId),
    })),
  );
}

async function processPortal(
  deps: AppDeps,
  ops: SyncOps,
  portalId: number,
  rows: ClaimedRow[],
  result: ProcessInboxResult,
): Promise<void> {
  const log = childLogger(deps.logger, { portalId });
  const state = await installState(deps.db, portalId);
  if (state === null || state === 'uninstalled') {
    // Not (or no longer) ours: nothing to sync, and retrying would never help.
    await finish(
      deps.db,
      rows.map((r) => r.id),
      'ignored',
      `portal ${state ?? 'unknown'}`,
    );
    result.ignored += rows.length;
    return;
  }
  const events: WebhookEvent[] = [];
  const unreadable: number[] = [];
  for (const row of rows) {
    const parsed = webhookEventSchema.safeParse(row.payload);
    if (parsed.success) events.push(parsed.data);
    else unreadable.push(row.id);
  }
  try {
    const mapped = mapEvents(events);
    const companyIds: string[] = [];
    if (mapped.privacyDeletedContacts.length > 0 && ops.purgeContacts) {
      const purged = await ops.purgeContacts(deps, portalId, mapped.privacyDeletedContacts);
      companyIds.push(...purged.companyIds);
    }
    if (mapped.refs.length > 0) {
      companyIds.push(...(await ops.syncObjects(deps, portalId, mapped.refs)).companyIds);
    }
    if (mapped.tasks.length > 0 && ops.onTaskChanges) {
      await ops.onTaskChanges(deps, portalId, mapped.tasks);
    }
    const oldest = events.length > 0 ? Math.min(...events.map((e) => e.occurredAt)) : undefined;
    await queueRecomputes(deps, portalId, companyIds, oldest);
    await finish(deps.db, unreadable, 'ignored', 'payload is not a webhook event');
    const skipped = new Set(unreadable);
    await finish(
      deps.db,
      rows.filter((r) => !skipped.has(r.id)).map((r) => r.id),
      'done',
    );
    result.done += rows.length - unreadable.length;
    result.ignored += unreadable.length;
    result.companies += new Set(companyIds).size;
    log.debug(
      { events: events.length, refs: mapped.refs.length, companies: companyIds.length },
      'inbox batch synced',
    );
  } catch (err) {
    await fail(deps.db, rows, err);
    result.failed += rows.length;
    log.warn({ err, rows: rows.length }, 'inbox batch failed; rows will be retried');
  }
}

/** Processes due inbox rows until none is left (or `maxRounds`); safe to run in several workers. */
export async function processInbox(
  deps: AppDeps,
  ops: SyncOps,
  options: ProcessInboxOptions = {},
): Promise<ProcessInboxResult> {
  const result: ProcessInboxResult = { claimed: 0, done: 0, ignored: 0, failed: 0, companies: 0 };
  const batchSize = options.batchSize ?? 500;
  for (let round = 0; options.maxRounds === undefined || round < options.maxRounds; round++) {
    const rows = await claim(
      deps.db,
      options.portalId,
      batchSize,
      options.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    );
    if (rows.length === 0) break;
    result.claimed += rows.length;
    const byPortal = new Map<number, ClaimedRow[]>();
    for (const row of rows) {
      const list = byPortal.get(row.portal_id) ?? [];
      list.push(row);
      byPortal.set(row.portal_id, list);
    }
    for (const [portalId, portalRows] of byPortal) {
      await processPortal(deps, ops, portalId, portalRows, result);
    }
    if (rows.length < batchSize) break;
  }
  return result;
}

/** Rows waiting (pending or failed), for /metrics and the status endpoint. */
export async function inboxBacklog(
  db: Queryable,
  portalId?: number,
): Promise<{ pending: number; failed: number }> {
  const { rows } = await db.query<{ pending: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE status IN ('pending', 'processing'))::int AS pending,
            count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM webhook_inbox
      WHERE status IN ('pending', 'processing', 'failed')
        AND ($1::bigint IS NULL OR portal_id = $1)`,
    [portalId ?? null],
  );
  const backlog = rows[0] ?? { pending: 0, failed: 0 };
  if (portalId === undefined) inboxPending.set(backlog.pending + backlog.failed);
  return backlog;
}

/** Deletes processed rows older than `days` (done and ignored; failed rows stay until they succeed). */
export async function pruneInbox(db: Queryable, days = 7): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM webhook_inbox
      WHERE status IN ('done', 'ignored') AND processed_at < now() - $1::int * interval '1 day'`,
    [days],
  );
  return rowCount;
}
