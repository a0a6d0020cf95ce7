import type { AppDeps } from '../app/deps.js';
import type { Evaluation } from '../domain/evaluation.js';
import { retryOnDeadlock } from '../store/deadlock-retry.js';
import { renderContextFor, sendUpdates, updatesOf, type WritableRow } from './write-back.js';
import { withWriteBackLock } from './write-back-lock.js';

/**
 * What follows a stored evaluation — its kam_* values written to HubSpot and
 * the alert sync — runs after the evaluation commits, so a worker killed in
 * between (or a write HubSpot refused, or a job whose retry finds the inputs
 * unchanged and skips) would leave it undone for good. `settled_revision`
 * makes that durable: a row whose revision is above it still has follow-up
 * due. Every recompute settles what is pending after its own work, and the
 * workers' sweep settles what a dead worker left. Settling twice is harmless:
 * the write-back sends only values that differ from what was last written,
 * and the alert sync applies the latest stored evaluation.
 */

export interface SettleOptions {
  /** Only rows at or below this revision (the sweep leaves rows a running job is still settling). */
  upTo?: number;
  /** What else follows a stored evaluation (the alert sync), after its write-back. */
  onRows?(evaluations: Evaluation[]): Promise<unknown>;
}

export interface SettleResult {
  /** Rows settled. */
  settled: number;
  /** Companies updated in HubSpot by this settle (usually 0: the recompute wrote them). */
  written: number;
  /** Rows left pending because HubSpot refused their update. */
  refused: number;
}

const PAGE = 500;

interface PendingRow extends WritableRow {
  revision: string;
}

export async function settlePending(
  deps: AppDeps,
  portalId: number,
  options: SettleOptions = {},
): Promise<SettleResult> {
  const result: SettleResult = { settled: 0, written: 0, refused: 0 };
  const ctx = await renderContextFor(deps, portalId);
  let after = '0';
  for (;;) {
    // Read and write under the portal's write-back lock: the values sent are the newest committed.
    const page = await withWriteBackLock(deps.db, portalId, async () => {
      const { rows } = await deps.db.query<PendingRow>(
        `SELECT company_id, evaluation, written, revision::text AS revision FROM evaluations
          WHERE portal_id = $1 AND settled_revision < revision AND revision > $2::bigint
            AND ($3::bigint IS NULL OR revision <= $3::bigint)
          ORDER BY revision LIMIT ${PAGE}`,
        [portalId, after, options.upTo ?? null],
      );
      const sent = await sendUpdates(deps, portalId, updatesOf(rows, ctx));
      return { rows, sent };
    });
    const { rows, sent } = page;
    if (rows.length === 0) break;
    await options.onRows?.(rows.map((r) => r.evaluation as Evaluation));
    const refused = new Set(sent.failed.map((f) => f.id));
    const done = rows.filter((r) => !refused.has(r.company_id));
    await retryOnDeadlock(() =>
      deps.db.query(
        `UPDATE evaluations e SET settled_revision = u.rev
           FROM unnest($2::text[], $3::bigint[]) AS u(id, rev)
          WHERE e.portal_id = $1 AND e.company_id = u.id AND e.settled_revision < u.rev`,
        [portalId, done.map((r) => r.company_id), done.map((r) => r.revision)],
      ),
    );
    result.settled += done.length;
    result.written += sent.written;
    result.refused += refused.size;
    after = rows[rows.length - 1].revision;
    if (rows.length < PAGE) break;
  }
  return result;
}

/** The newest revision with follow-up due, per portal (what the sweep leaves for the next tick). */
export async function pendingWatermarks(deps: Pick<AppDeps, 'db'>): Promise<Map<number, number>> {
  const { rows } = await deps.db.query<{ portal_id: string; r: string }>(
    `SELECT portal_id::text, max(revision)::text AS r FROM evaluations
      WHERE settled_revision < revision GROUP BY portal_id`,
  );
  return new Map(rows.map((x) => [Number(x.portal_id), Number(x.r)]));
}
