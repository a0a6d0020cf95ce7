import type { AppDeps } from '../app/deps.js';
import { childLogger } from '../logger.js';
import { purgePortal, type PurgeResult } from '../store/purge-portal.js';

/**
 * The app was uninstalled from a portal (a refresh answered BAD_REFRESH_TOKEN,
 * or HubSpot's app-uninstall event): everything we stored for it goes, tokens
 * included. The portals row stays, marked uninstalled, so a reinstall is
 * recognised. Safe to repeat; a portal we never knew is left alone.
 * What stays in the HubSpot portal itself is listed in docs/install.md.
 */
/** Drops what this process's HubSpot access cached for a portal (when it keeps such a cache). */
export function forgetCachedPortal(access: unknown, portalId: number): void {
  if (typeof access !== 'object' || access === null || !('forget' in access)) return;
  const forget = access.forget;
  if (typeof forget === 'function') (forget as (portalId: number) => void)(portalId);
}

export async function handleUninstall(
  deps: Pick<AppDeps, 'db' | 'logger'> & { hubspot?: AppDeps['hubspot'] },
  portalId: number,
): Promise<PurgeResult> {
  const { rows } = await deps.db.query<{ install_state: string }>(
    'SELECT install_state FROM portals WHERE portal_id = $1',
    [portalId],
  );
  if (rows.length === 0) return { deleted: {} };
  const result = await purgePortal(deps.db, portalId, { keepPortalRow: true });
  forgetCachedPortal(deps.hubspot, portalId);
  childLogger(deps.logger, { portalId }).info(
    { deleted: result.deleted, previousState: rows[0].install_state },
    'portal uninstalled: its data was deleted from our store',
  );
  return result;
}
