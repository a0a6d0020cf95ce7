import type { AppDeps } from '../app/deps.js';
import { ForbiddenError, InternalError, UpstreamError, ValidationError } from '../errors.js';
import { fetchAccountDetails, isKnownTimeZone } from '../hubspot/account-info.js';
import { accessTokenInfo, exchangeCode, oauthApp, type TokenSet } from '../hubspot/oauth.js';
import { provisionPortal } from '../hubspot/provisioning.js';
import { saveTokens } from '../hubspot/tokens.js';
import type { CallOptions } from '../hubspot/call.js';
import { childLogger } from '../logger.js';
import { apiBucketFor, TokenBucket } from '../store/rate-limit.js';
import { redirectUriOf } from './install-url.js';
import { consumeInstallState } from './state.js';
import { forgetCachedPortal } from './uninstall.js';

/**
 * The end of an install (or reinstall): HubSpot sent the browser back with a
 * code. We check the state, exchange the code, learn the portal from the
 * token, store the tokens encrypted, record the portal (time zone and
 * currency from HubSpot when it tells), provision the data model and queue
 * the backfill. Returns the portal id.
 */

export const BACKFILL_QUEUE = 'backfill';

export interface OAuthCallbackInput {
  code: string;
  state: string;
  /** The nonce from the browser's state cookie (see serverless/oauth.ts). */
  browserNonce?: string | null;
}

export interface OAuthCallbackOptions extends CallOptions {
  /** Default true: a reinstall re-checks the data model even at the same version. */
  forceProvisioning?: boolean;
}

async function exchange(deps: Pick<AppDeps, 'config'>, code: string, options: CallOptions) {
  try {
    return await exchangeCode(
      deps.config,
      { code, redirectUri: redirectUriOf(deps.config) },
      options,
    );
  } catch (error) {
    if (error instanceof UpstreamError && error.upstreamStatus === 400) {
      throw new ValidationError(
        'HubSpot did not accept the authorization code (it works once and for ten minutes); start the install again',
      );
    }
    throw error;
  }
}

async function recordInstall(
  deps: Pick<AppDeps, 'db' | 'cipher' | 'now'>,
  portalId: number,
  tokens: TokenSet,
  info: { hubDomain?: string; scopes: string[] },
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO portals (portal_id, install_state, hub_domain, scopes, installed_at, created_at, updated_at)
       VALUES ($1, 'installing', $2, $3::text[], $4, $4, $4)
       ON CONFLICT (portal_id) DO UPDATE SET
         install_state = 'installing',
         hub_domain = COALESCE(EXCLUDED.hub_domain, portals.hub_domain),
         scopes = EXCLUDED.scopes,
         installed_at = EXCLUDED.installed_at,
         uninstalled_at = NULL,
         updated_at = EXCLUDED.updated_at`,
      [portalId, info.hubDomain ?? null, info.scopes, now],
    );
    const expiresAt = new Date(now.getTime() + tokens.expiresInSeconds * 1000);
    await saveTokens(tx, deps.cipher, portalId, { ...tokens, expiresAt }, now);
  });
}

/** Time zone and currency as HubSpot reports them; the portal keeps its defaults otherwise. */
async function applyAccountDetails(
  deps: Pick<AppDeps, 'db' | 'config' | 'logger'>,
  portalId: number,
  accessToken: string,
  options: CallOptions,
): Promise<void> {
  await new TokenBucket(deps.db, apiBucketFor(deps.config.hubspot.requestsPer10s)).acquire(
    portalId,
  );
  const details = await fetchAccountDetails(deps.config.hubspot.baseUrl, accessToken, options);
  if (!details) {
    childLogger(deps.logger, { portalId }).info('account details unavailable; portal keeps UTC');
    return;
  }
  const zone = details.timeZone && isKnownTimeZone(details.timeZone) ? details.timeZone : null;
  await deps.db.query(
    `UPDATE portals SET time_zone = COALESCE($2, time_zone), currency = COALESCE($3, currency) WHERE portal_id = $1`,
    [portalId, zone, details.currency],
  );
}

export async function handleOAuthCallback(
  deps: AppDeps,
  input: OAuthCallbackInput,
  options: OAuthCallbackOptions = {},
): Promise<number> {
  await consumeInstallState(deps, input.state, input.browserNonce);
  const tokens = await exchange(deps, input.code, options);
  const info = await accessTokenInfo(deps.config, tokens.accessToken, options);
  const ourApp = oauthApp(deps.config).appId;
  if (ourApp !== null && info.appId !== undefined && String(info.appId) !== ourApp)
    throw new ForbiddenError('The token HubSpot issued belongs to another app');
  const portalId = info.hubId;
  const log = childLogger(deps.logger, { portalId });

  await recordInstall(deps, portalId, tokens, info);
  // A reinstall: whatever this process cached for an earlier install is stale.
  forgetCachedPortal(deps.hubspot, portalId);
  await applyAccountDetails(deps, portalId, tokens.accessToken, options);
  const report = await provisionPortal(deps, portalId, {
    ...options,
    force: options.forceProvisioning ?? true,
  });
  if (!deps.queue)
    throw new InternalError('the OAuth callback needs the job queue to start the backfill');
  await deps.queue.send(BACKFILL_QUEUE, { portalId }, { singletonKey: String(portalId) });
  await deps.db.query(
    `UPDATE portals SET install_state = 'installed', updated_at = $2 WHERE portal_id = $1`,
    [portalId, deps.now()],
  );
  log.info(
    { scopes: info.scopes.length, conflicts: report.conflicts.length },
    'app installed; backfill queued',
  );
  return portalId;
}
