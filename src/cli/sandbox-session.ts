import type { AppConfig } from '../config.js';
import {
  composeApp,
  defaultSyncOps,
  type ComposedApp,
  type ComposeOptions,
} from '../app/compose.js';
import type { SyncOps } from '../jobs/job-names.js';
import type { Logger } from '../logger.js';
import type { SandboxClock } from '../sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { saveTokens } from '../hubspot/tokens.js';
import { backfillPortal } from '../sync/backfill.js';
import { getSettingsRecord, saveSettings } from '../sync/settings-store.js';
import { installThroughOAuth } from './install-flow.js';
import { storePreviewRoute } from './preview-route.js';
import { serverlessRoutes } from '../../serverless/index.js';
import type { ProgressEvent } from './progress.js';

/**
 * `npm start` without HubSpot credentials: a seeded sandbox portal stands in
 * for HubSpot, our app (web + worker, PGlite) is installed into it through the
 * real OAuth flow over HTTP, backfills (progress reported) and recomputes;
 * then the sandbox's webhooks keep it in sync. Also what the end-to-end
 * integration test runs.
 *
 * The sandbox keeps nothing between starts, our data folder does: on a second
 * start the install is reused (portal, settings, history) — the new sandbox
 * grants it fresh tokens, and since the sandbox forgot every value we wrote,
 * the portal is read again and every kam_* value written again.
 */

export interface SandboxSessionOptions {
  config: AppConfig;
  logger: Logger;
  /** Demo portal size and generator seed. */
  companies?: number;
  seed?: number;
  timeZone?: string;
  clock?: SandboxClock;
  /** Called for every backfill progress event (the terminal's progress bar). */
  onProgress?: (p: ProgressEvent) => void;
  /** Passed through to composeApp (tests: a test store, faster polling, port 0). */
  compose?: Omit<ComposeOptions, 'role' | 'logger' | 'ops'>;
  /**
   * Settings saved for the portal when its first backfill starts, if it has
   * none yet (`npm start` lets the demo's baseline alerts create their tasks).
   */
  initialSettings?: Record<string, unknown>;
  /** Sandbox rate limits and webhook delivery settings (tests). */
  sandbox?: Pick<Parameters<typeof startSandbox>[0] & object, 'rateLimits' | 'delivery'>;
}

export interface SandboxSession {
  sandbox: RunningSandbox;
  app: ComposedApp;
  portalId: number;
  /** True when this start reused an install found in the data folder. */
  reused: boolean;
  close(): Promise<void>;
}

/** Resolves when a portal's backfill (and its full recompute) finished, in whichever job ran it. */
function trackingOps(
  onProgress: SandboxSessionOptions['onProgress'],
  initialSettings: SandboxSessionOptions['initialSettings'],
) {
  const base = defaultSyncOps();
  const waiters = new Map<
    number,
    { resolve: () => void; reject: (e: unknown) => void; promise: Promise<void> }
  >();
  const waiterFor = (portalId: number) => {
    let w = waiters.get(portalId);
    if (!w) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      w = { resolve, reject, promise };
      waiters.set(portalId, w);
    }
    return w;
  };
  const ops: SyncOps = {
    ...base,
    async backfillPortal(deps, portalId, options) {
      // Before any evaluation: the baseline alert sync at the end of the backfill reads them.
      if (initialSettings && (await getSettingsRecord(deps.db, portalId)).version === 0) {
        await saveSettings(deps.db, portalId, initialSettings, { updatedBy: 'npm start (demo)' });
      }
      const result = await base.backfillPortal(deps, portalId, {
        onProgress: (p) => {
          onProgress?.(p);
          options?.onProgress?.(p);
        },
      });
      waiterFor(portalId).resolve();
      return result;
    },
  };
  return { ops, backfilled: (portalId: number) => waiterFor(portalId).promise };
}

/** Rejects if the portal's backfill job used up its retries (it is then in dead_letters). */
function deadBackfill(
  app: ComposedApp,
  portalId: number,
): { promise: Promise<never>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      app.deps.db
        .query<{ error: unknown }>(
          "SELECT error FROM dead_letters WHERE queue = 'backfill' AND portal_id = $1 LIMIT 1",
          [portalId],
        )
        .then(({ rows }) => {
          if (rows.length > 0)
            reject(new Error(`the backfill failed for good: ${JSON.stringify(rows[0].error)}`));
        })
        .catch(() => undefined);
    }, 2000);
  });
  return { promise, stop: () => clearInterval(timer) };
}

async function installedHere(app: ComposedApp, portalId: number): Promise<boolean> {
  const { rows } = await app.deps.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM portals p JOIN oauth_tokens t USING (portal_id)
      WHERE p.portal_id = $1 AND p.install_state = 'installed'`,
    [portalId],
  );
  return (rows[0]?.n ?? 0) > 0;
}

export async function startSandboxSession(o: SandboxSessionOptions): Promise<SandboxSession> {
  const appPort = o.compose?.port ?? o.config.port;
  const publicBaseUrl = o.config.publicBaseUrl;
  const sandbox = await startSandbox({
    port: o.config.sandbox.port,
    staticToken: o.config.sandbox.accessToken.reveal(),
    clock: o.clock,
    defaultPortal: {
      timeZone: o.timeZone ?? 'America/New_York',
      currency: 'USD',
      appObjects: true,
    },
    seed: { source: 'demo', companies: o.companies ?? 200, seed: o.seed ?? 42 },
    // We install ourselves through OAuth; webhooks go to the URL HubSpot would call.
    installDemoApp: false,
    demoApp: { webhookUrl: `${publicBaseUrl}/webhooks/hubspot` },
    ...o.sandbox,
  });
  let app: ComposedApp | null = null;
  try {
    const config: AppConfig = {
      ...o.config,
      hubspot: { ...o.config.hubspot, baseUrl: sandbox.url },
    };
    const tracking = trackingOps(o.onProgress, o.initialSettings);
    app = await composeApp(config, {
      ...o.compose,
      // The card preview reads our store without a signature: sandbox sessions only.
      routes: [...(o.compose?.routes ?? serverlessRoutes), storePreviewRoute],
      port: appPort,
      role: 'all',
      logger: o.logger,
      ops: tracking.ops,
    });
    const portalId = sandbox.sandbox.defaultPortalId;
    if (portalId === undefined || !app.http) throw new Error('the sandbox has no default portal');
    const reused = await installedHere(app, portalId);
    if (reused) {
      const grant = sandbox.runtime.install(portalId);
      await saveTokens(
        app.deps.db,
        app.deps.cipher,
        portalId,
        {
          accessToken: grant.accessToken,
          refreshToken: grant.refreshToken,
          expiresAt: new Date(grant.expiresAt),
        },
        app.deps.now(),
      );
      // The new sandbox holds none of the values we wrote last time: write them all again.
      await app.deps.db.query("UPDATE evaluations SET written = '{}'::jsonb WHERE portal_id = $1", [
        portalId,
      ]);
      await backfillPortal(app.deps, portalId, { restart: true, onProgress: o.onProgress });
    } else {
      const backfilled = tracking.backfilled(portalId);
      const dead = deadBackfill(app, portalId);
      try {
        await installThroughOAuth(app.http.url, { portalId });
        await Promise.race([backfilled, dead.promise]);
      } finally {
        dead.stop();
      }
    }
    const running = app;
    return {
      sandbox,
      app: running,
      portalId,
      reused,
      async close() {
        await running.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await sandbox.close();
    throw error;
  }
}
