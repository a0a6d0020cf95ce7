import type { AppDeps } from '../app/deps.js';
import type { CompanyCardResponse } from '../cards/contract.js';
import type { Evaluation } from '../domain/evaluation.js';
import { NotFoundError } from '../errors.js';
import type { Queryable } from '../store/db.js';
import { getSettingsRecord } from '../sync/settings-store.js';
import { parseStoredEvaluation } from '../sync/write-back.js';
import { slaViewOf } from './alert-sla.js';
import { isRecomputePending } from './jobs.js';
import { companyNameOf, dealNames, ownersOf } from './labels.js';
import { isObjectId, type PortalInfo } from './tenant.js';

/**
 * GET /cards/company/{companyId}: the Key account and Buying committee cards'
 * data, read from our store only (no HubSpot call): the stored evaluation,
 * the portal's currency and zone, the 3R deadlines and task links of its open
 * alerts, names for the owners and deals it mentions, and whether a
 * re-evaluation is queued. A company this portal does not have is a 404 —
 * the same answer whether it exists in another portal or nowhere.
 */

export type CardDeps = Pick<AppDeps, 'db' | 'queue' | 'now'>;

interface CompanyRow {
  properties: Record<string, string | null> | null;
  archived: boolean;
  evaluation: unknown;
  evaluated_at: Date | null;
}

export async function findCompany(
  q: Queryable,
  portalId: number,
  companyId: string,
): Promise<CompanyRow | null> {
  if (!isObjectId(companyId)) return null;
  const { rows } = await q.query<CompanyRow>(
    `SELECT m.properties, m.archived, e.evaluation, e.evaluated_at
       FROM mirror_companies m
       LEFT JOIN evaluations e ON e.portal_id = m.portal_id AND e.company_id = m.id
      WHERE m.portal_id = $1 AND m.id = $2`,
    [portalId, companyId],
  );
  const row = rows[0];
  return row && !row.archived ? row : null;
}

/** Until the first backfill has listed every company, an unknown id may simply not be synced yet. */
export async function companiesBackfilled(q: Queryable, portalId: number): Promise<boolean> {
  const { rows } = await q.query<{ finished: boolean | null }>(
    `SELECT (progress->>'finished')::boolean AS finished FROM sync_checkpoints
      WHERE portal_id = $1 AND kind = 'backfill:companies'`,
    [portalId],
  );
  return rows[0]?.finished === true;
}

/** Deal ids the evaluation points at (alert evidence), for their names. */
function mentionedDeals(e: Evaluation): string[] {
  const ids = new Set<string>();
  for (const a of e.alerts.open) for (const id of a.evidence.dealIds) ids.add(id);
  return [...ids];
}

export async function companyCard(
  deps: CardDeps,
  portal: PortalInfo,
  companyId: string,
): Promise<CompanyCardResponse> {
  const { db } = deps;
  const row = await findCompany(db, portal.portalId, companyId);
  const queued = () => isRecomputePending(deps, portal.portalId, companyId);
  if (!row) {
    if (isObjectId(companyId) && !(await companiesBackfilled(db, portal.portalId)))
      return {
        status: 'not_evaluated',
        reevaluationQueued: false,
        appObjectsAvailable: portal.appObjectsAvailable,
      };
    throw new NotFoundError('No such company in this HubSpot account');
  }
  if (row.evaluation === null || row.evaluated_at === null)
    return {
      status: 'not_evaluated',
      reevaluationQueued: await queued(),
      appObjectsAvailable: portal.appObjectsAvailable,
    };
  const evaluation = parseStoredEvaluation(row.evaluation);
  // Independent reads: concurrent on a PostgreSQL pool (PGlite runs them in turn).
  const [{ settings }, owners, deals, pending] = await Promise.all([
    getSettingsRecord(db, portal.portalId),
    ownersOf(db, portal.portalId),
    dealNames(db, portal.portalId, mentionedDeals(evaluation)),
    queued(),
  ]);
  const view = await slaViewOf(db, portal.portalId, evaluation, settings);
  // Everything else is built here and typed; the stored evaluation was validated above.
  return {
    status: 'ok',
    company: { id: companyId, name: companyNameOf(row.properties, companyId) },
    portal: { currency: portal.currency, timeZone: settings.timeZone },
    evaluation,
    renderedAt: deps.now().toISOString(),
    lastEvaluatedAt: row.evaluated_at.toISOString(),
    reevaluationQueued: pending,
    taskLinks: view.taskLinks,
    sla: view.sla,
    appObjectsAvailable: portal.appObjectsAvailable,
    labels: { users: Object.fromEntries(owners.map((o) => [o.id, o.name])), deals },
  };
}
