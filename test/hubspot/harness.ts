import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppDeps } from '../../src/app/deps.js';
import { loadConfig } from '../../src/config.js';
import { createHubSpotAccess, type KamHubSpotAccess } from '../../src/hubspot/access.js';
import { CallCounter } from '../../src/hubspot/client.js';
import { saveTokens } from '../../src/hubspot/tokens.js';
import { createQueue, type Queue } from '../../src/jobs/queue.js';
import { silentLogger } from '../../src/logger.js';
import { SandboxClock } from '../../src/sandbox/clock.js';
import {
  startSandbox,
  type RunningSandbox,
  type StartSandboxOptions,
} from '../../src/sandbox/index.js';
import { loadKeyRing, TokenCipher } from '../../src/store/crypto.js';
import type { DbKind } from '../../src/store/db.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';

/**
 * The real thing for BE1's tests: the sandbox over HTTP (its clock drives our
 * clock), the real api-client, PGlite in memory, and AppDeps as the app builds
 * them. Sandbox rate limits are off (a frozen clock never frees its window);
 * our own token bucket still runs.
 */

export const START = Date.parse('2026-03-02T09:00:00Z');
export const MIN = 60_000;
/** Retries without waiting. */
export const noWait = { retry: { sleep: async () => undefined, random: () => 0 } };

export interface Harness {
  sb: RunningSandbox;
  clock: SandboxClock;
  store: TestStore;
  deps: AppDeps;
  access: KamHubSpotAccess;
  /** Calls our clients made (per operation), reset freely. */
  counter: CallCounter;
  queue: Queue | null;
  dataDir: string;
  /** Installs the demo app without the browser and stores its tokens as the callback would. */
  installDirect(portalId?: number, scopes?: string[]): Promise<number>;
  /** Another process's access over the same database (PostgreSQL only). */
  siblingAccess(): Promise<KamHubSpotAccess>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  queue?: boolean;
  /** Default PGlite; PostgreSQL exercises the cross-process row lock. */
  kind?: DbKind;
  sandbox?: Partial<StartSandboxOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new SandboxClock({ start: START, frozen: true });
  const sb = await startSandbox({
    clock,
    webhooksFile: false,
    installDemoApp: false,
    rateLimits: { enabled: false },
    ...options.sandbox,
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kam-be1-'));
  const config = loadConfig({
    HUBSPOT_BASE_URL: sb.url,
    KAM_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    KAM_DATA_DIR: dataDir,
    PORT: '3999',
    LOG_LEVEL: 'silent',
  });
  const store = await openTestStore({ kind: options.kind ?? 'pglite' });
  const queue = options.queue
    ? await createQueue(store, { supervise: false, schedule: false, stopTimeoutMs: 5_000 })
    : null;
  const cipher = new TokenCipher(await loadKeyRing(config));
  const base = {
    config,
    db: store.db,
    queue,
    logger: silentLogger(),
    cipher,
    now: () => new Date(clock.now()),
  };
  const counter = new CallCounter();
  const access = createHubSpotAccess(base, { recorder: counter, retry: noWait.retry });
  const deps: AppDeps = { ...base, hubspot: access };

  return {
    sb,
    clock,
    store,
    deps,
    access,
    counter,
    queue,
    dataDir,
    async installDirect(portalId = sb.sandbox.defaultPortalId ?? 0, scopes) {
      const installed = sb.runtime.install(portalId, undefined, scopes);
      await store.db.query(
        `INSERT INTO portals (portal_id, install_state, scopes, installed_at) VALUES ($1, 'installed', $2::text[], $3)
         ON CONFLICT (portal_id) DO UPDATE SET install_state = 'installed', uninstalled_at = NULL`,
        [portalId, scopes ?? [], deps.now()],
      );
      await saveTokens(
        store.db,
        cipher,
        portalId,
        {
          accessToken: installed.accessToken,
          refreshToken: installed.refreshToken,
          expiresAt: new Date(installed.expiresAt),
        },
        deps.now(),
      );
      access.forget(portalId);
      return portalId;
    },
    async siblingAccess() {
      const sibling = await store.openSibling();
      return createHubSpotAccess({ ...base, db: sibling.db }, { retry: noWait.retry });
    },
    async close() {
      await queue?.stop();
      await store.close();
      await sb.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Token-endpoint calls the sandbox saw (refreshes and code exchanges). */
export function tokenCalls(sb: RunningSandbox): number {
  return sb.runtime.calls
    .countsFor()
    .filter((c) => c.operation === 'POST /oauth/v1/token')
    .reduce((n, c) => n + c.count, 0);
}
