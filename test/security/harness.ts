import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverlessRoutes } from '../../serverless/index.js';
import { cardDataRoutes } from '../../serverless/card-data.js';
import { startSandboxSession, type SandboxSession } from '../../src/cli/sandbox-session.js';
import { loadConfig, Secret, type AppConfig } from '../../src/config.js';
import { loadTokens } from '../../src/hubspot/tokens.js';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_CLIENT_SECRET, DEMO_APP_ID } from '../../src/sandbox/index.js';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { signV3 } from '../../src/sandbox/webhooks/signature.js';
import type { Queryable } from '../../src/store/db.js';
import { signatureUri } from '../../src/webhooks/signature.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';
import { freePort } from '../helpers/free-port.js';

/**
 * The security suite's world: the sandbox portal, our app (web + worker,
 * in-process, PGlite in memory) installed into it through the real OAuth flow
 * over loopback, with every log line our app writes captured (debug level) so
 * the suite can scan them for secrets. The client secret is set as well, so
 * signed card requests are checked as in production.
 */

export const START = Date.parse('2026-11-16T15:00:00Z');

export interface SecurityEnv {
  session: SandboxSession;
  store: TestStore;
  config: AppConfig;
  clock: SandboxClock;
  portalId: number;
  /** Every log line our app wrote so far. */
  logs: string[];
  /** The key our tokens are encrypted with (base64). */
  encryptionKey: string;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startSecurityEnv(companies = 10): Promise<SecurityEnv> {
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void logs.push(line) },
  });
  const store = await openTestStore({ kind: 'pglite' });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kam-security-'));
  const port = await freePort();
  const encryptionKey = randomBytes(32).toString('base64');
  const loaded = loadConfig({
    KAM_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'debug',
    KAM_ENCRYPTION_KEY: encryptionKey,
  });
  const config: AppConfig = {
    ...loaded,
    publicBaseUrl: `http://127.0.0.1:${port}`,
    sandbox: { ...loaded.sandbox, port: 0 },
    hubspot: { ...loaded.hubspot, clientSecret: new Secret(DEFAULT_CLIENT_SECRET) },
  };
  const clock = new SandboxClock({ start: START, frozen: true });
  const session = await startSandboxSession({
    config,
    logger,
    companies,
    seed: 42,
    clock,
    compose: {
      store,
      port,
      host: '127.0.0.1',
      now: () => new Date(clock.now()),
      queueOptions: fastQueueOptions,
      workers: { pollingIntervalSeconds: 0.5, sweepIntervalMs: 500 },
      schedules: [],
      routes: [...serverlessRoutes, ...cardDataRoutes],
    },
    sandbox: { rateLimits: { enabled: false } },
  });
  return {
    session,
    store,
    config,
    clock,
    portalId: session.portalId,
    logs,
    encryptionKey,
    baseUrl: config.publicBaseUrl,
    async close() {
      await session.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The portal's current access and refresh tokens, decrypted (what must never leak). */
export async function plaintextTokens(env: SecurityEnv): Promise<string[]> {
  const t = await loadTokens(env.store.db, env.session.app.deps.cipher, env.portalId);
  return t ? [t.accessToken, t.refreshToken] : [];
}

export interface HttpResult {
  status: number;
  text: string;
  json: unknown;
}

async function result(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

export interface WebhookPost {
  body: string;
  timestamp?: number;
  secret?: string;
  signedBody?: string;
  omit?: string[];
}

/** A webhook delivery as HubSpot makes it (v3 over the public URL), with optional forgeries. */
export async function postWebhook(env: SecurityEnv, o: WebhookPost): Promise<HttpResult> {
  const timestamp = o.timestamp ?? Date.now();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-hubspot-signature-v3': signV3(
      o.secret ?? DEFAULT_CLIENT_SECRET,
      'POST',
      `${env.baseUrl}/webhooks/hubspot`,
      o.signedBody ?? o.body,
      timestamp,
    ),
    'x-hubspot-request-timestamp': String(timestamp),
  };
  for (const h of o.omit ?? []) delete headers[h];
  return result(
    await fetch(`${env.baseUrl}/webhooks/hubspot`, { method: 'POST', body: o.body, headers }),
  );
}

/** A signed `hubspot.fetch` from a card, as the given portal. */
export async function cardCall(
  env: SecurityEnv,
  method: string,
  pathname: string,
  o: { portalId?: number; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const params = new URLSearchParams({
    userId: '7001',
    userEmail: 'rep@example.com',
    appId: String(DEMO_APP_ID),
    portalId: String(o.portalId ?? env.portalId),
  });
  const pathAndQuery = `${pathname}?${params.toString()}`;
  const body = o.body === undefined ? '' : JSON.stringify(o.body);
  const timestamp = env.session.app.deps.now().getTime();
  const headers: Record<string, string> = {
    ...o.headers,
    'x-hubspot-signature-v3': signV3(
      DEFAULT_CLIENT_SECRET,
      method,
      signatureUri(`${env.baseUrl}${pathAndQuery}`),
      body,
      timestamp,
    ),
    'x-hubspot-request-timestamp': String(timestamp),
  };
  if (body !== '') headers['content-type'] = 'application/json';
  return result(
    await fetch(`${env.baseUrl}${pathAndQuery}`, { method, headers, ...(body ? { body } : {}) }),
  );
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A database dump, searched: every text-like column (text, varchar, json,
 * jsonb, bytea as text) of every table in every non-system schema, for each
 * needle. Returns "schema.table.column" for each hit.
 */
export async function dumpHits(db: Queryable, needles: readonly string[]): Promise<string[]> {
  const { rows: cols } = await db.query<{ s: string; t: string; c: string }>(
    `SELECT c.table_schema AS s, c.table_name AS t, c.column_name AS c
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE'
        AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')`,
  );
  const hits: string[] = [];
  for (const { s, t, c } of cols)
    for (const needle of needles) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${quote(s)}.${quote(t)} WHERE strpos(${quote(c)}::text, $1) > 0`,
        [needle],
      );
      if ((rows[0]?.n ?? 0) > 0) hits.push(`${s}.${t}.${c}`);
    }
  return hits;
}

/** Every table of ours with a portal_id column, and how many rows the portal has in each. */
export async function portalRowCounts(
  db: Queryable,
  portalId: number,
): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ t: string }>(
    `SELECT c.table_name AS t FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.column_name = 'portal_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { t } of tables) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${quote(t)} WHERE portal_id = $1`,
      [portalId],
    );
    counts[t] = rows[0]?.n ?? 0;
  }
  return counts;
}
