import { Router } from 'express';
import type { AppDeps } from '../app/deps.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { QUEUES, singletonKeys } from '../jobs/job-names.js';
import { locals } from './request-context.js';
import { isAdmin } from './status.js';

/**
 * `POST /admin/portals/{portalId}/reconcile` — queues a reconciliation of one
 * portal now, instead of waiting for the nightly run: after an outage of our
 * webhook endpoint, or when an operator suspects lost deliveries. The job is
 * the nightly one (watermark-based, idempotent) and coalesces with a queued
 * one, so repeating the call is harmless. Admin only, like /status: loopback,
 * or `Authorization: Bearer <KAM_ADMIN_TOKEN>`.
 */

async function installState(deps: AppDeps, portalId: number): Promise<string | null> {
  const { rows } = await deps.db.query<{ install_state: string }>(
    'SELECT install_state FROM portals WHERE portal_id = $1',
    [portalId],
  );
  return rows[0]?.install_state ?? null;
}

export function adminActionsRouter(deps: AppDeps, adminToken: string | null): Router {
  const router = Router();
  router.post('/admin/portals/:portalId/reconcile', async (req, res) => {
    if (!isAdmin(req, adminToken))
      throw new ForbiddenError('Admin actions are for administrators (loopback or admin token)');
    const portalId = Number(req.params.portalId);
    if (!Number.isSafeInteger(portalId) || portalId <= 0)
      throw new ValidationError('portalId: must be a positive whole number');
    locals(res).portalId = portalId;
    const state = await installState(deps, portalId);
    if (state === null) throw new NotFoundError(`Portal ${portalId} is not known here`);
    if (state !== 'installed')
      throw new ConflictError(`Portal ${portalId} is ${state}; only installed portals reconcile`);
    if (!deps.queue) throw new ConflictError('This process has no job queue to send the job on');
    const jobId = await deps.queue.send(
      QUEUES.reconcile,
      { portalId, periodKey: `manual:${deps.now().toISOString()}` },
      { singletonKey: singletonKeys.reconcile(portalId) },
    );
    // null: a reconciliation of this portal was already queued and will cover this request.
    res.status(202).json({ portalId, queued: jobId !== null, jobId });
  });
  return router;
}
