import type { Queryable } from '../store/db.js';

/**
 * The portal a verified request is for. A portal without a `portals` row, or
 * one that is installing or uninstalled, is "not installed": every endpoint
 * then answers `{ status: 'not_installed' }` so the UI can say what to do.
 */

export interface PortalInfo {
  portalId: number;
  currency: string | null;
  timeZone: string;
  appObjectsAvailable: boolean;
}

export async function installedPortal(q: Queryable, portalId: number): Promise<PortalInfo | null> {
  const { rows } = await q.query<{
    currency: string | null;
    time_zone: string;
    app_objects_available: boolean;
  }>(
    `SELECT currency, time_zone, app_objects_available FROM portals
      WHERE portal_id = $1 AND install_state = 'installed'`,
    [portalId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    portalId,
    currency: r.currency,
    timeZone: r.time_zone,
    appObjectsAvailable: r.app_objects_available,
  };
}

/** HubSpot ids are decimal digits; anything else cannot be a record of any portal. */
export function isObjectId(id: string): boolean {
  return /^\d{1,20}$/.test(id);
}
