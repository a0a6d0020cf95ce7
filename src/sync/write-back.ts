import type { AppDeps } from '../app/deps.js';
import { evaluationSchema, type Evaluation } from '../domain/evaluation.js';
import { batchUpdateObjects } from '../hubspot/crm-write.js';
import { childLogger } from '../logger.js';
import { retryOnDeadlock } from '../store/deadlock-retry.js';
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

/** A stored evaluation with the values last written for it. */
export interface WritableRow {
  company_id: string;
  evaluation: unknown;
  written: Record<string, unknown> | null;
}

/** The property updates these rows need (none when all are written). */
export function updatesOf(
  rows: readonly WritableRow[],
  ctx: RenderContext,
): { id: string; properties: Record<string, string> }[] {
  const out: { id: string; properties: Record<string, string> }[] = [];
  for (const row of rows) {
    const ev = row.evaluation as Evaluation;
    const changed = changedValues(companyValues(ev, ctx), row.written ?? {}, ev.asOf);
    if (changed) out.push({ id: row.company_id, properties: changed });
  }
  return out;
}

/** The property updates the stored evaluations of these companies need (none when all are written). */
export async function pendingUpdates(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
  companyIds: readonly string[],
  ctx: RenderContext,
): Promise<{ id: string; properties: Record<string, string> }[]> {
  const { rows } = await deps.db.query<WritableRow>(
    `SELECT company_id, evaluation, written FROM evaluations
      WHERE portal_id = $1 AND company_id = ANY($2::text[])`,
    [portalId, [...new Set(companyIds)]],
  );
  return updatesOf(rows, ctx);
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
  const result: WriteBackResult = { written: 0, failed: [] };
  const ids = [...new Set(companyIds)];
  if (ids.length === 0) return result;
  const ctx = await renderContextFor(deps, portalId);
  for (let i = 0; i < ids.length; i += ROUND) {
    const updates = await pendingUpdates(deps, portalId, ids.slice(i, i + ROUND), ctx);
    const r = await sendUpdates(deps, portalId, updates);
    result.written += r.written;
    result.failed.push(...r.failed);
  }
  return result;
}

/**
 * Sends property updates (call inside `withWriteBackLock`, with values read
 * inside it) and records what HubSpot accepted in `evaluations.written`.
 */
export async function sendUpdates(
  deps: AppDeps,
  portalId: number,
  updates: readonly { id: string; properties: Record<string, string> }[],
): Promise<WriteBackResult> {
  if (updates.length === 0) return { written: 0, failed: [] };
  await markInFlight(deps, portalId, updates);
  const client = await deps.hubspot.clientFor(portalId);
  const res = await batchUpdateObjects(client, 'companies', [...updates]);
  const failed = res.errors.map((e) => ({ id: e.id, message: e.message }));
  const ok = new Set(res.updated);
  const accepted = updates.filter((u) => ok.has(u.id));
  if (accepted.length > 0) {
    await retryOnDeadlock(() =>
      deps.db.query(
        `UPDATE evaluations e SET written = e.written || u.patch::jsonb, written_at = now()
           FROM unnest($2::text[], $3::text[]) AS u(id, patch)
          WHERE e.portal_id = $1 AND e.company_id = u.id`,
        [portalId, accepted.map((u) => u.id), accepted.map((u) => JSON.stringify(u.properties))],
      ),
    );
  }
  if (failed.length > 0)
    childLogger(deps.logger, { portalId }).warn(
      { failed: failed.length, sample: failed.slice(0, 3) },
      'HubSpot refused some kam_* property updates; they are retried on the next write-back',
    );
  return { written: accepted.length, failed };
}

/**
 * Before values are sent, they are taken out of `written` and the row is
 * marked unsettled (settle.ts): a process killed after HubSpot accepted them
 * but before they were recorded would otherwise leave `written` naming older
 * values than HubSpot holds, and a later evaluation back at those older
 * values would send nothing (the scale-out kill -9 test caught a
 * kam_rank_pct left two points off). Now such a row is sent again by the
 * next settle.
 */
async function markInFlight(
  deps: AppDeps,
  portalId: number,
  updates: readonly { id: string; properties: Record<string, string> }[],
): Promise<void> {
  await retryOnDeadlock(() =>
    deps.db.query(
      `UPDATE evaluations e
          SET written = e.written - ARRAY(SELECT jsonb_array_elements_text(u.names::jsonb)),
              settled_revision = LEAST(e.settled_revision, e.revision - 1)
         FROM unnest($2::text[], $3::text[]) AS u(id, names)
        WHERE e.portal_id = $1 AND e.company_id = u.id`,
      [
        portalId,
        updates.map((u) => u.id),
        updates.map((u) => JSON.stringify(Object.keys(u.properties))),
      ],
    ),
  );
}

/** Validates a stored evaluation (cards and tests read them back through this). */
export function parseStoredEvaluation(json: unknown): Evaluation {
  return evaluationSchema.parse(json);
}
