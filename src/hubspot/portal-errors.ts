import { NotFoundError, UpstreamError } from '../errors.js';

/**
 * The portal has no live install: never installed, uninstalled, or HubSpot
 * refused its refresh token (the app was uninstalled there). Jobs for it
 * should be dropped, not retried.
 */
export class PortalNotInstalledError extends NotFoundError {
  readonly portalId: number;
  constructor(portalId: number, reason: 'not_installed' | 'uninstalled') {
    super(`HubSpot portal ${portalId} does not have KAM for HubSpot installed`, {
      portalId,
      reason,
    });
    this.portalId = portalId;
  }
}

/** HubSpot answered BAD_REFRESH_TOKEN / invalid_grant to a refresh: the install is gone. */
export class RefreshTokenRevokedError extends UpstreamError {
  constructor(hubspotStatus: string | null) {
    super('HubSpot refused the refresh token: the app was uninstalled from the portal', 400, {
      hubspotStatus,
    });
  }
}
