import type { ReevaluateResponse } from '../cards/contract.js';
import { NotFoundError } from '../errors.js';
import { findCompany, type CardDeps } from './company-card.js';
import { queueCompanyRecompute } from './jobs.js';
import type { PortalInfo } from './tenant.js';

/**
 * POST /cards/company/{companyId}/reevaluate: queues the same
 * `recompute-company` job a webhook would (one queued job per company: a
 * second click, a retry or a webhook burst joins it). The worker re-reads the
 * company's inputs from the mirror; inputs unchanged since today's evaluation
 * give the same result, so the worker may skip writing it again.
 */
export async function reevaluateCompany(
  deps: CardDeps,
  portal: PortalInfo,
  companyId: string,
): Promise<ReevaluateResponse> {
  const company = await findCompany(deps.db, portal.portalId, companyId);
  if (!company) throw new NotFoundError('No such company in this HubSpot account');
  const jobId = await queueCompanyRecompute(deps, portal.portalId, companyId);
  return { status: 'queued', jobId, queuedAt: deps.now().toISOString() };
}
