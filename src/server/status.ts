import { timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../app/deps.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { inboxBacklog } from '../jobs/inbox-processor.js';
import { QUEUES } from '../jobs/job-names.js';
import type { Queryable } from '../store/db.js';
import { getSyncSettings, saveSyncSettings } from '../sync/sync-settings.js';
import { locals } from './request-context.js';

/**
 * `GET /status/{portalId}` — an operator's view of one portal: install state,
 * backfill progress, reconciliation watermarks, inbox and outbox backlog, queue sizes,
 * dead letters, evaluation counts and the sync settings
 * (`PUT /status/{portalId}/sync-settings` changes them). Admin only: from loopback, or with
 * `Authorization: Bearer <KAM_ADMIN_TOKEN>` (never through a proxy's
 * X-Forwarded-For, which a client can forge).
 */

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isAdmin(req: Request, adminToken: string | null): boolean {
  const auth = req.header('authorization');
  if (adminToken && auth?.startsWith('Bearer ') && sameSecret(auth.slice(7), adminToken))
    return true;
  const viaProxy = req.header('x-forwarded-for') !== undefined;
  return !viaProxy && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

async function one<T extends object>(
  db: Queryable,
  sql: string,
  params: unknown[],
): Promise<T | null> {
  return (await db.query<T>(sql, params)).rows[0] ?? null;
}

export async function portalStatus(
  deps: AppDeps,
  portalId: number,
): Promise<Record<string, unknown>> {
  const portal = await one<Record<string, unknown>>(
    deps.db,
    `SELECT install_state, hub_domain, time_zone, installed_at, provisioning_version, app_objects_available
       FROM portals WHERE portal_id = $1`,
    [portalId],
  );
  if (!portal) throw new NotFoundError(`Portal ${portalId} is not known here`);
  const { rows: checkpoints } = await deps.db.query<{
    kind: string;
    cursor: string | null;
    watermark: Date | null;
    progress: unknown;
    updated_at: Date;
  }>(
    'SELECT kind, cursor, watermark, progress, updated_at FROM sync_checkpoints WHERE portal_id = $1 ORDER BY kind',
    [portalId],
  );
  const evaluations = await one<{ companies: number; key_accounts: number; last: Date | null }>(
    deps.db,
    `SELECT count(*)::int AS companies, count(*) FILTER (WHERE is_key)::int AS key_accounts,
            max(evaluated_at) AS last FROM evaluations WHERE portal_id = $1`,
    [portalId],
  );
  const alerts = await one<{ red: number; yellow: number; green: number }>(
    deps.db,
    `SELECT count(*) FILTER (WHERE level = 'red')::int AS red,
            count(*) FILTER (WHERE level = 'yellow')::int AS yellow,
            count(*) FILTER (WHERE level = 'green')::int AS green
       FROM alerts WHERE portal_id = $1 AND closed_at IS NULL`,
    [portalId],
  );
  const dead = await one<{ n: number }>(
    deps.db,
    'SELECT count(*)::int AS n FROM dead_letters WHERE portal_id = $1 AND replayed_at IS NULL',
    [portalId],
  );
  const outbox = await one<{ pending: number; failed: number }>(
    deps.db,
    `SELECT count(*) FILTER (WHERE status IN ('pending', 'in_flight'))::int AS pending,
            count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM hubspot_outbox WHERE portal_id = $1`,
    [portalId],
  );
  const queues: Record<string, number> = {};
  if (deps.queue) {
    for (const name of Object.values(QUEUES))
      queues[name] = await deps.queue.size(name).catch(() => -1);
  }
  const progress = (prefix: string) =>
    checkpoints
      .filter((c) => c.kind.startsWith(prefix))
      .map((c) => ({
        kind: c.kind,
        cursor: c.cursor,
        watermark: c.watermark,
        progress: c.progress,
        updatedAt: c.updated_at,
      }));
  return {
    portalId,
    portal,
    sync: await getSyncSettings(deps.db, portalId),
    backfill: progress('backfill'),
    reconcile: progress('reconcile'),
    inbox: await inboxBacklog(deps.db, portalId),
    // HubSpot writes (alert tasks, app records) not yet made; failed ones stay for an operator.
    outbox: outbox ?? { pending: 0, failed: 0 },
    // Queue sizes are for all portals: pg-boss counts per queue.
    queues,
    deadLetters: dead?.n ?? 0,
    evaluations,
    openAlerts: alerts,
  };
}

function adminPortalId(req: Request, res: Response, adminToken: string | null): number {
  if (!isAdmin(req, adminToken))
    throw new ForbiddenError('The status endpoint is for administrators (loopback or admin token)');
  const portalId = Number(req.params.portalId);
  if (!Number.isSafeInteger(portalId) || portalId <= 0)
    throw new ValidationError('portalId: must be a positive whole number');
  locals(res).portalId = portalId;
  return portalId;
}

export function statusRouter(deps: AppDeps, adminToken: string | null): Router {
  const router = Router();
  router.get('/status/:portalId', async (req, res) => {
    const portalId = adminPortalId(req, res, adminToken);
    res.json(await portalStatus(deps, portalId));
  });
  // Per-portal sync settings (the backfill's share of the API limit): validated, 400 names the field.
  router.put(
    '/status/:portalId/sync-settings',
    express.json({ limit: '16kb' }),
    async (req, res) => {
      const portalId = adminPortalId(req, res, adminToken);
      res.json(await saveSyncSettings(deps.db, portalId, req.body));
    },
  );
  return router;
}
