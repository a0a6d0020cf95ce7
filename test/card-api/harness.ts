import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { AppDeps } from '../../src/app/deps.js';
import type { CardApiOptions } from '../../src/card-api/router.js';
import { createCardApiRouter } from '../../src/card-api/router.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { createHubSpotAccess } from '../../src/hubspot/access.js';
import { saveTokens } from '../../src/hubspot/tokens.js';
import { createQueue, type Queue } from '../../src/jobs/queue.js';
import { defineQueues } from '../../src/jobs/workers.js';
import { silentLogger } from '../../src/logger.js';
import { SandboxClock } from '../../src/sandbox/clock.js';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEMO_APP_ID,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { signV3 } from '../../src/sandbox/webhooks/signature.js';
import { evaluationSchema, type Evaluation } from '../../src/domain/evaluation.js';
import { createHttpApp } from '../../src/server/app.js';
import { loadKeyRing, TokenCipher } from '../../src/store/crypto.js';
import { backfillPortal } from '../../src/sync/backfill.js';
import { signatureUri } from '../../src/webhooks/signature.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';

/**
 * The card API as it runs: the sandbox over HTTP seeded with a small demo
 * portal, our backfill and full recompute (the engine) filling PGlite in
 * memory, the real api-client, pg-boss on the same PGlite, and the server
 * (createHttpApp) with the card router on loopback. Requests are signed the
 * way HubSpot signs `hubspot.fetch` calls.
 */

export const BASE_URL = 'https://kam.example.com';
export const START = Date.parse('2026-03-02T15:00:00Z');

export interface CardEnv {
  sb: RunningSandbox;
  clock: SandboxClock;
  store: TestStore;
  deps: AppDeps;
  config: AppConfig;
  queue: Queue | null;
  portalId: number;
  url: string;
  close(): Promise<void>;
}

export interface CardEnvOptions {
  companies?: number;
  queue?: boolean;
  api?: CardApiOptions;
  /** Sandbox mode (no HubSpot credentials): the loopback bypass applies. */
  sandboxMode?: boolean;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startCardEnv(options: CardEnvOptions = {}): Promise<CardEnv> {
  const clock = new SandboxClock({ start: START, frozen: true });
  const sb = await startSandbox({
    clock,
    webhooksFile: false,
    installDemoApp: false,
    rateLimits: { enabled: false },
    seed: { source: 'demo', companies: options.companies ?? 16, seed: 7 },
  });
  const env: Record<string, string> = {
    HUBSPOT_BASE_URL: sb.url,
    KAM_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    KAM_DATA_DIR: '/tmp/kam-card-api-unused',
    LOG_LEVEL: 'silent',
  };
  if (!options.sandboxMode)
    Object.assign(env, {
      HUBSPOT_CLIENT_ID: DEFAULT_CLIENT_ID,
      HUBSPOT_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
      HUBSPOT_APP_ID: String(DEMO_APP_ID),
      PUBLIC_BASE_URL: BASE_URL,
    });
  const config = loadConfig(env);
  const store = await openTestStore({ kind: 'pglite' });
  const queue = options.queue
    ? await createQueue(store, { supervise: false, schedule: false, stopTimeoutMs: 5_000 })
    : null;
  if (queue) await defineQueues(queue);
  const base = {
    config,
    db: store.db,
    queue,
    logger: silentLogger(),
    cipher: new TokenCipher(await loadKeyRing(config)),
    now: () => new Date(clock.now()),
  };
  const deps: AppDeps = { ...base, hubspot: createHubSpotAccess(base) };

  const portalId = sb.sandbox.defaultPortalId as number;
  const installed = sb.runtime.install(portalId, DEMO_APP_ID);
  await store.db.query(
    `INSERT INTO portals (portal_id, install_state, installed_at, currency, time_zone)
     VALUES ($1, 'installed', $2, 'USD', 'America/New_York')`,
    [portalId, deps.now()],
  );
  await saveTokens(
    store.db,
    deps.cipher,
    portalId,
    {
      accessToken: installed.accessToken,
      refreshToken: installed.refreshToken,
      expiresAt: new Date(installed.expiresAt),
    },
    deps.now(),
  );
  const owners = await sb
    .client({ accessToken: installed.accessToken })
    .crm.owners.ownersApi.getPage();
  for (const o of owners.results)
    await store.db.query(
      `INSERT INTO mirror_owners (portal_id, id, user_id, email, first_name, last_name) VALUES ($1, $2, $3, $4, $5, $6)`,
      [portalId, o.id, o.userId ?? null, o.email ?? null, o.firstName ?? null, o.lastName ?? null],
    );
  await backfillPortal(deps, portalId);

  const app = createHttpApp(deps, {
    routes: [{ kind: 'router', path: '/', router: (d) => createCardApiRouter(d, options.api) }],
  });
  const server = app.listen(0, '127.0.0.1');
  const url = await listen(server);
  return {
    sb,
    clock,
    store,
    deps,
    config,
    queue,
    portalId,
    url,
    async close() {
      await new Promise((r) => server.close(r));
      await queue?.stop();
      await store.close();
      await sb.close();
    },
  };
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text instead of JSON.stringify(body). */
  rawBody?: string;
  portalId?: number;
  userId?: string;
  /** Extra query parameters the UI adds (before HubSpot's). */
  query?: Record<string, string>;
  idempotencyKey?: string;
  /** Sign with this timestamp (default: the env clock). */
  timestamp?: number;
  secret?: string;
  /** false = no signature headers at all. */
  sign?: boolean;
  /** Sign a different body than the one sent (a forgery). */
  signedBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A `hubspot.fetch` as HubSpot makes it: its identity parameters appended, then signed. */
export async function call<T = unknown>(
  env: CardEnv,
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<CallResult<T>> {
  const params = new URLSearchParams(o.query ?? {});
  params.append('userId', o.userId ?? '7001');
  params.append('userEmail', 'rep@example.com');
  params.append('appId', String(DEMO_APP_ID));
  params.append('portalId', String(o.portalId ?? env.portalId));
  const pathAndQuery = `${path}?${params.toString()}`;
  const body = o.rawBody ?? (o.body === undefined ? '' : JSON.stringify(o.body));
  const timestamp = o.timestamp ?? env.clock.now();
  const headers: Record<string, string> = { ...o.headers };
  if (body !== '') headers['content-type'] = 'application/json';
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  if (o.sign !== false) {
    headers['x-hubspot-signature-v3'] = signV3(
      o.secret ?? DEFAULT_CLIENT_SECRET,
      method,
      signatureUri(`${BASE_URL}${pathAndQuery}`),
      o.signedBody ?? body,
      timestamp,
    );
    headers['x-hubspot-request-timestamp'] = String(timestamp);
  }
  const res = await fetch(`${env.url}${pathAndQuery}`, {
    method,
    headers,
    ...(body === '' ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** Company ids of the portal's mirror, in id order. */
export async function companyIds(env: CardEnv): Promise<string[]> {
  const { rows } = await env.store.db.query<{ id: string }>(
    'SELECT id FROM mirror_companies WHERE portal_id = $1 AND NOT archived ORDER BY length(id), id',
    [env.portalId],
  );
  return rows.map((r) => r.id);
}

/** The evaluations the full recompute stored for the env's portal. */
export async function storedEvaluations(env: CardEnv): Promise<Evaluation[]> {
  const { rows } = await env.store.db.query<{ evaluation: unknown }>(
    'SELECT evaluation FROM evaluations WHERE portal_id = $1',
    [env.portalId],
  );
  return rows.map((r) => evaluationSchema.parse(r.evaluation));
}

/** Another installed, fully synced portal with a company of its own. */
export const OTHER_PORTAL = 777001;
export const OTHER_COMPANY = '88888888';
/** An installed portal whose first backfill has not listed its companies yet. */
export const SYNCING_PORTAL = 777002;

export async function addOtherPortals(env: CardEnv): Promise<void> {
  for (const id of [OTHER_PORTAL, SYNCING_PORTAL])
    await env.store.db.query(
      `INSERT INTO portals (portal_id, install_state, installed_at) VALUES ($1, 'installed', now())`,
      [id],
    );
  await env.store.db.query(
    `INSERT INTO mirror_companies (portal_id, id, properties) VALUES ($1, $2, '{"name":"Elsewhere Inc"}')`,
    [OTHER_PORTAL, OTHER_COMPANY],
  );
  await env.store.db.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, progress)
     VALUES ($1, 'backfill:companies', '{"finished":true}')`,
    [OTHER_PORTAL],
  );
}

/** pg-boss jobs of a queue and key not finished yet. */
export async function pendingJobs(
  env: CardEnv,
  queue: string,
  singletonKey: string,
): Promise<string[]> {
  const { rows } = await env.store.db.query<{ id: string }>(
    `SELECT id::text AS id FROM pgboss.job
      WHERE name = $1 AND singleton_key = $2 AND state < 'completed'`,
    [queue, singletonKey],
  );
  return rows.map((r) => r.id);
}
