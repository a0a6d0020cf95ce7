import type { AppDeps } from '../app/deps.js';
import { evaluationSchema, type Evaluation } from '../domain/evaluation.js';
import { batchUpdateObjects } from '../hubspot/crm-write.js';
import { childLogger } from '../logger.js';
import { changedValues, companyValues, type RenderContext } from './property-values.js';
import { getSettings } from './settings-store.js';
import { withWriteBackLock } from './write-back-lock.js';

/**
 * Writes evaluations back to the companies' kam_* properties: only values
 * that differ from what we last wrote (`evaluations.written`), in batches of
 * 100 (`batchUpdateObjects`), then records what was accepted. The values sent
 * are always those of the latest stored evaluation (read here, not passed in),
 * so two writers racing both send the newest values. Safe to repeat: a second
 * run finds nothing changed and makes no call.
 */

export interface WriteBackResult {
  /** Companies updated in HubSpot. */
  written: number;
  /** Companies whose update HubSpot refused (kept unwritten, tried again next time). */
  failed: { id: string; message: string }[];
}

/** Rows read and sent per round: 10 batch calls. */
const ROUND = 1000;

interface Row {
  company_id: string;
  evaluation: unknown;
  written: Record<string, unknown> | null;
}

export async function renderContextFor(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
): Promise<RenderContext> {
  const settings = await getSettings(deps.db, portalId);
  const { rows } = await deps.db.query<{ currency: string | null }>(
    'SELECT currency FROM portals WHERE portal_id = $1',
    [portalId],
  );
  return {
    locale: settings.locale,
    currency: rows[0]?.currency ?? null,
    timeZone: settings.timeZone,
  };
}

/** The property updates the stored evaluations of these companies need (none when all are written). */
export async function pendingUpdates(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
  companyIds: readonly string[],
  ctx: RenderContext,
): Promise<{ id: string; properties: Record<string, string> }[]> {
  const { rows } = await deps.db.query<Row>(
    `SELECT company_id, evaluation, written FROM evaluations
      WHERE portal_id = $1 AND company_id = ANY($2::text[])`,
    [portalId, [...new Set(companyIds)]],
  );
  const out: { id: string; properties: Record<string, string> }[] = [];
  for (const row of rows) {
    const ev = row.evaluation as Evaluation;
    const changed = changedValues(companyValues(ev, ctx), row.written ?? {}, ev.asOf);
    if (changed) out.push({ id: row.company_id, properties: changed });
  }
  return out;
}

export function writeBack(
  deps: AppDeps,
  portalId: number,
  companyIds: readonly string[],
): Promise<WriteBackResult> {
  return withWriteBackLock(deps.db, portalId, () => writeBackNow(deps, portalId, companyIds));
}

async function writeBackNow(
  deps: AppDeps,
  portalId: number,
  companyIds: readonly string[],
): Promise<WriteBackResult> {
  const log = childLogger(deps.logger, { portalId });
  const result: WriteBackResult = { written: 0, failed: [] };
  const ids = [...new Set(companyIds)];
  if (ids.length === 0) return result;
  const ctx = await renderContextFor(deps, portalId);
  for (let i = 0; i < ids.length; i += ROUND) {
    const updates = await pendingUpdates(deps, portalId, ids.slice(i, i + ROUND), ctx);
    if (updates.length === 0) continue;
    const client = await deps.hubspot.clientFor(portalId);
    const res = await batchUpdateObjects(client, 'companies', updates);
    const errors = res.errors.map((e) => ({ id: e.id, message: e.message }));
    const ok = new Set(res.updated);
    const accepted = updates.filter((u) => ok.has(u.id));
    if (accepted.length > 0) {
      await deps.db.query(
        `UPDATE evaluations e SET written = e.written || u.patch::jsonb, written_at = now()
           FROM unnest($2::text[], $3::text[]) AS u(id, patch)
          WHERE e.portal_id = $1 AND e.company_id = u.id`,
        [portalId, accepted.map((u) => u.id), accepted.map((u) => JSON.stringify(u.properties))],
      );
    }
    result.written += accepted.length;
    result.failed.push(...errors);
    if (errors.length > 0)
      log.warn(
        { failed: errors.length, sample: errors.slice(0, 3) },
        'HubSpot refused some kam_* property updates; they are retried on the next write-back',
      );
  }
  return result;
}

/** Validates a stored evaluation (cards and tests read them back through this). */
export function parseStoredEvaluation(json: unknown): Evaluation {
  return evaluationSchema.parse(json);
}
