import { z } from 'zod';
import { fromZodError, NotFoundError } from '../errors.js';
import type { Queryable } from '../store/db.js';
import { DEFAULT_BACKFILL_SHARE } from './backfill-budget.js';

/**
 * Per-portal sync settings, apart from the engine's settings: changing them
 * must not re-evaluate the portfolio (the engine's settings version is part of
 * every input hash). Stored in `portals` (NULL = default).
 *
 * `backfillShare`: the share of the portal's API limit the backfill may use.
 * At least 0.1 (a backfill of a large portal must finish) and at most 0.9 (live
 * changes always keep a tenth of the budget, so they land in seconds).
 */

const backfillShare = z.number().min(0.1).max(0.9);

export const syncSettingsSchema = z.object({
  backfillShare: backfillShare.default(DEFAULT_BACKFILL_SHARE),
});
/** A change: only the fields sent (no defaults filled in, so a left-out field keeps its value). */
const syncSettingsChangeSchema = z.object({ backfillShare: backfillShare.optional() }).strict();

export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export type SyncSettingsInput = z.input<typeof syncSettingsSchema>;

export async function getSyncSettings(db: Queryable, portalId: number): Promise<SyncSettings> {
  const { rows } = await db.query<{ backfill_share: number | null }>(
    'SELECT backfill_share FROM portals WHERE portal_id = $1',
    [portalId],
  );
  return syncSettingsSchema.parse({ backfillShare: rows[0]?.backfill_share ?? undefined });
}

/** Validates (a ValidationError names the field) and stores; a value left out keeps the stored one. */
export async function saveSyncSettings(
  db: Queryable,
  portalId: number,
  input: unknown,
): Promise<SyncSettings> {
  const parsed = syncSettingsChangeSchema.safeParse(input ?? {});
  if (!parsed.success) throw fromZodError(parsed.error, 'syncSettings', input);
  const { rowCount } = await db.query(
    `UPDATE portals SET backfill_share = COALESCE($2, backfill_share), updated_at = now()
      WHERE portal_id = $1`,
    [portalId, parsed.data.backfillShare ?? null],
  );
  if (!rowCount) throw new NotFoundError(`Portal ${portalId} is not known here`);
  return getSyncSettings(db, portalId);
}
