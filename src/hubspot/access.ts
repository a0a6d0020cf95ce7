import type { Client } from '@hubspot/api-client';
import type { AppDeps, HubSpotAccess } from '../app/deps.js';
import { childLogger } from '../logger.js';
import { handleUninstall } from '../install/uninstall.js';
import { hubspotCalls, hubspotResponses } from '../server/metrics.js';
import type { Queryable } from '../store/db.js';
import { apiBucketFor, TokenBucket } from '../store/rate-limit.js';
import { createHubSpotClient, type CallRecorder, type PortalLimiter } from './client.js';
import { oauthApp, refreshTokens } from './oauth.js';
import { PortalNotInstalledError, RefreshTokenRevokedError } from './portal-errors.js';
import type { RetryOptions } from './retry.js';
import { loadTokens, saveTokens } from './tokens.js';

/**
 * Authenticated api-clients per portal. The token comes from the store
 * (decrypted) and is refreshed when less than five minutes remain, once per
 * portal however many callers ask at the same time: in this process through a
 * shared promise, across processes (PostgreSQL) through a row lock on the
 * token row, after which a waiting process finds the fresh token and uses it.
 *
 * A 401 from HubSpot marks the token rejected; the next request refreshes it
 * once. A 401 on a token got that way causes no further refresh (no refresh
 * storms): the call fails with an UpstreamError. A refresh answered with
 * BAD_REFRESH_TOKEN means the app was uninstalled: the portal's data is
 * purged (handleUninstall) and calls fail with PortalNotInstalledError.
 */

export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface HubSpotAccessOptions {
  /** Refresh when less than this remains (default five minutes). */
  refreshMarginMs?: number;
  /** Another recorder besides the Prometheus metrics (benchmarks, tests). */
  recorder?: CallRecorder;
  /** Default: the portal's token bucket in the database, shared by every process. */
  limiter?: PortalLimiter;
  /** Retry tuning of token refreshes (tests pass a no-op sleep). */
  retry?: Partial<RetryOptions>;
}

export interface KamHubSpotAccess extends HubSpotAccess {
  /** The portal's current access token, refreshed if needed. */
  accessToken(portalId: number): Promise<string>;
  /** Drops what this process cached for a portal (after an uninstall or reinstall). */
  forget(portalId: number): void;
  /** Refreshes this process made (tests, diagnostics). */
  readonly refreshes: number;
}

interface Entry {
  token: string;
  expiresAt: number;
  /** Got because HubSpot rejected the previous token: a 401 on it refreshes no more. */
  afterRejection: boolean;
  /** HubSpot answered 401 to this token. */
  rejected: boolean;
}

type Outcome = { kind: 'ok'; entry: Entry } | { kind: 'missing' } | { kind: 'revoked' };

export function createHubSpotAccess(
  deps: Omit<AppDeps, 'hubspot'>,
  options: HubSpotAccessOptions = {},
): KamHubSpotAccess {
  const margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const entries = new Map<number, Entry>();
  const inflight = new Map<number, Promise<Entry>>();
  const clients = new Map<number, Client>();
  const bucket = new TokenBucket(deps.db, apiBucketFor(deps.config.hubspot.requestsPer10s));
  const limiter: PortalLimiter = options.limiter ?? {
    acquire: (portalId, cost = 1) => bucket.acquire(portalId, cost),
  };
  let refreshes = 0;
  const nowMs = () => deps.now().getTime();

  const recorder: CallRecorder = {
    request(portalId, operation) {
      hubspotCalls.inc({ operation });
      options.recorder?.request(portalId, operation);
    },
    response(portalId, status) {
      hubspotResponses.inc({ status: String(status) });
      options.recorder?.response(portalId, status);
      if (status === 401) rejectCurrent(portalId);
    },
  };

  function rejectCurrent(portalId: number): void {
    const entry = entries.get(portalId);
    if (entry && !entry.afterRejection) entry.rejected = true;
  }

  function forget(portalId: number): void {
    entries.delete(portalId);
    clients.delete(portalId);
  }

  /** Reads the stored token and refreshes it if it is near expiry or was rejected. */
  async function decide(q: Queryable, portalId: number, prev: Entry | undefined, lock: boolean) {
    const stored = await loadTokens(q, deps.cipher, portalId, { forUpdate: lock });
    if (!stored) return { kind: 'missing' } as const;
    const afterRejection = prev?.rejected === true;
    const stillRejected = afterRejection && stored.accessToken === prev?.token;
    if (stored.expiresAt.getTime() - nowMs() > margin && !stillRejected) {
      // Fresh (maybe refreshed by another process meanwhile); re-encrypt after a key rotation.
      if (stored.needsReencryption) await saveTokens(q, deps.cipher, portalId, stored, deps.now());
      const entry = {
        token: stored.accessToken,
        expiresAt: stored.expiresAt.getTime(),
        afterRejection,
        rejected: false,
      };
      return { kind: 'ok', entry } as const;
    }
    let set;
    try {
      set = await refreshTokens(deps.config, stored.refreshToken, { retry: options.retry });
    } catch (error) {
      if (error instanceof RefreshTokenRevokedError) return { kind: 'revoked' } as const;
      throw error;
    }
    const expiresAt = new Date(nowMs() + set.expiresInSeconds * 1000);
    const tokens = { accessToken: set.accessToken, refreshToken: set.refreshToken, expiresAt };
    await saveTokens(q, deps.cipher, portalId, tokens, deps.now(), { refreshed: true });
    refreshes++;
    const entry = {
      token: set.accessToken,
      expiresAt: expiresAt.getTime(),
      afterRejection,
      rejected: false,
    };
    return { kind: 'ok', entry } as const;
  }

  async function obtain(portalId: number, prev: Entry | undefined): Promise<Entry> {
    const outcome: Outcome =
      deps.db.kind === 'postgres'
        ? await deps.db.transaction((tx) => decide(tx, portalId, prev, true))
        : await decide(deps.db, portalId, prev, false);
    if (outcome.kind === 'ok') {
      entries.set(portalId, outcome.entry);
      return outcome.entry;
    }
    forget(portalId);
    if (outcome.kind === 'missing') throw new PortalNotInstalledError(portalId, 'not_installed');
    childLogger(deps.logger, { portalId }).warn(
      'HubSpot refused the refresh token (BAD_REFRESH_TOKEN): the app was uninstalled; purging the portal',
    );
    await handleUninstall(deps, portalId);
    throw new PortalNotInstalledError(portalId, 'uninstalled');
  }

  async function accessToken(portalId: number): Promise<string> {
    const entry = entries.get(portalId);
    if (entry && !entry.rejected && entry.expiresAt - nowMs() > margin) return entry.token;
    let pending = inflight.get(portalId);
    if (!pending) {
      pending = obtain(portalId, entry).finally(() => inflight.delete(portalId));
      inflight.set(portalId, pending);
    }
    return (await pending).token;
  }

  return {
    get appId(): string {
      return deps.config.hubspot.appId ?? oauthApp(deps.config).appId ?? '';
    },
    get refreshes() {
      return refreshes;
    },
    accessToken,
    forget,
    async clientFor(portalId: number): Promise<Client> {
      const token = await accessToken(portalId);
      let client = clients.get(portalId);
      if (!client) {
        client = createHubSpotClient({
          portalId,
          accessToken: token,
          basePath: deps.config.hubspot.baseUrl,
          limiter,
          recorder,
          token: () => accessToken(portalId),
        });
        clients.set(portalId, client);
      }
      return client;
    },
  };
}

export { PortalNotInstalledError } from './portal-errors.js';
