import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Evaluation } from '../../src/domain/evaluation.js';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEMO_APP_ID,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { getSettings } from '../../src/sync/settings-store.js';
import { companyValues } from '../../src/sync/property-values.js';
import { renderContextFor } from '../../src/sync/write-back.js';
import { signV3 } from '../../src/sandbox/webhooks/signature.js';
import { openTestStore } from '../helpers/test-db.js';
import { evaluateDirectly } from '../sync/mirror-harness.js';
export { freePort } from '../helpers/free-port.js';
import { freePort } from '../helpers/free-port.js';

/**
 * The resilience suite's world: the sandbox portal in this process, our app as
 * a real child process (`src/cli/start.ts` with HubSpot credentials pointing
 * at the sandbox, PGlite in its own data folder), installed through the OAuth
 * flow over loopback. The end state is checked against the engine run here
 * on the sandbox's data.
 */

/** kam_* values that do not depend on an account's history (hysteresis, "since last time", alert timing). */
export const HISTORY_FREE = [
  'kam_score',
  'kam_score_sales',
  'kam_score_potential',
  'kam_score_reference',
  'kam_score_winnability',
  'kam_rank_pct',
  'kam_tier',
  'kam_lifecycle_stage',
  'kam_health',
  'kam_health_business',
  'kam_health_relationship',
  'kam_health_ecosystem',
  'kam_health_band',
];

export interface AppProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** Our app as `npm start` runs it (src/cli/start.ts), with its output kept for failure messages. */
export function spawnAppProcess(env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output, exited };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopAppProcess(app: AppProcess, graceMs = 15_000): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
  await app.exited;
  clearTimeout(timer);
}

export interface ResilienceEnv {
  sandbox: RunningSandbox;
  portalId: number;
  appUrl: string;
  app: AppProcess;
  /** Starts our app again on the same data folder (after a kill). */
  /** The app's data folder (its PGlite database is `pgdata` inside; open it only while the app is stopped). */
  dataDir: string;
  restart(): Promise<void>;
  kill9(): Promise<void>;
  /** A graceful stop (SIGTERM): running jobs finish, the database is closed cleanly. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The https address our app believes it has (HubSpot mode requires https). */
export const PUBLIC_BASE_URL = 'https://kam.resilience.test';

/**
 * HubSpot's edge, in front of our loopback http server: the sandbox signs the
 * URL it calls, HubSpot signs our public https URL, so deliveries are signed
 * again for PUBLIC_BASE_URL and forwarded; our answer (or a 502 while our
 * process is down) goes back to the sandbox, whose retries then apply.
 * `target` picks the web process per request (a load balancer over several).
 */
export async function startEdge(
  target: string | (() => string),
): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = Date.now();
      const appUrl = typeof target === 'string' ? target : target();
      fetch(`${appUrl}${req.url ?? ''}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature-v3': signV3(
            DEFAULT_CLIENT_SECRET,
            'POST',
            `${PUBLIC_BASE_URL}${req.url ?? ''}`,
            body,
            timestamp,
          ),
          'x-hubspot-request-timestamp': String(timestamp),
        },
      })
        .then(async (r) => {
          res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text());
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

export async function startResilienceEnv(companies: number): Promise<ResilienceEnv> {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const edge = await startEdge(appUrl);
  const sandbox = await startSandbox({
    seed: { source: 'demo', companies, seed: 42 },
    defaultPortal: { timeZone: 'America/New_York', currency: 'USD', appObjects: true },
    installDemoApp: false,
    demoApp: { webhookUrl: `${edge.url}/webhooks/hubspot` },
    // Retries come within seconds of a restart and keep coming for minutes (a slow restart).
    delivery: { retryDelaysMs: [200, 500, 1000, 2000, 5000], maxAttempts: 50, timeScale: 1 },
  });
  const portalId = sandbox.sandbox.defaultPortalId as number;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kam-resilience-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUBSPOT_CLIENT_ID: DEFAULT_CLIENT_ID,
    HUBSPOT_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
    HUBSPOT_APP_ID: String(DEMO_APP_ID),
    HUBSPOT_BASE_URL: sandbox.url,
    PUBLIC_BASE_URL,
    PORT: String(port),
    KAM_DATA_DIR: dataDir,
    KAM_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // The statistics catch up with the last changes within the test's wait.
    KAM_STATS_REFRESH_SECONDS: '5',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  };
  const spawnApp = () => spawnAppProcess(env);
  const ready = () =>
    until(
      async () => (await fetch(`${appUrl}/readyz`)).ok,
      // A cold start (tsx compiling, PGlite and pg-boss creating their schemas) on a busy 2-core CI machine.
      300_000,
      'our app did not become ready',
    );

  const result: ResilienceEnv = {
    sandbox,
    portalId,
    appUrl,
    app: spawnApp(),
    async restart() {
      result.app = spawnApp();
      await ready();
    },
    dataDir,
    async stop() {
      await stopAppProcess(result.app);
    },
    async kill9() {
      result.app.child.kill('SIGKILL');
      await result.app.exited;
    },
    async close() {
      await stopAppProcess(result.app);
      await sandbox.close();
      await new Promise((r) => edge.server.close(r));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await ready();
    await installThroughSandbox(appUrl, sandbox.url, portalId);
  } catch (error) {
    await result.close();
    throw new Error(`${String(error)}\n${result.app.output.join('').slice(-3000)}`);
  }
  return result;
}

/** `/install` sends the browser to app.hubspot.com; we send it to the sandbox's authorize page instead. */
export async function installThroughSandbox(
  appUrl: string,
  sandboxUrl: string,
  portalId: number,
): Promise<void> {
  const start = await fetch(`${appUrl}/install`, { redirect: 'manual' });
  const cookies = start.headers.getSetCookie().map((c) => c.split(';')[0]);
  const hubspot = new URL(start.headers.get('location') ?? '');
  const authorize = new URL(`${sandboxUrl}/oauth/authorize${hubspot.search}`);
  authorize.searchParams.set('portalId', String(portalId));
  const grant = await fetch(authorize, { redirect: 'manual' });
  const callback = grant.headers.get('location');
  if (!callback) throw new Error(`the sandbox did not grant the install (${grant.status})`);
  const target = new URL(callback, authorize);
  const done = await fetch(`${appUrl}${target.pathname}${target.search}`, {
    redirect: 'manual',
    headers: { cookie: cookies.join('; ') },
  });
  if (done.status >= 400)
    throw new Error(`the OAuth callback failed (${done.status}): ${await done.text()}`);
}

/** Our settings as the app stores them for a fresh install of this portal (defaults + its time zone). */
async function defaultContext(timeZone: string) {
  const store = await openTestStore({ kind: 'pglite' });
  try {
    await store.db.query(
      `INSERT INTO portals (portal_id, install_state, installed_at, currency, time_zone) VALUES (1, 'installed', now(), 'USD', $1)`,
      [timeZone],
    );
    return {
      settings: await getSettings(store.db, 1),
      render: await renderContextFor({ db: store.db }, 1),
    };
  } finally {
    await store.close();
  }
}

export interface Divergence {
  companyId: string;
  name: string;
  expected: string | undefined;
  actual: string | null;
}

/** Every company's history-free kam_* values in the sandbox vs. what the engine computes from the sandbox's data. */
export async function divergences(
  sandbox: RunningSandbox,
  portalId: number,
): Promise<Divergence[]> {
  const portal = sandbox.runtime.portal(portalId);
  const { settings, render } = await defaultContext('America/New_York');
  const expected: Map<string, Evaluation> = evaluateDirectly(
    portal,
    settings,
    new Date(sandbox.runtime.now()),
  );
  const out: Divergence[] = [];
  for (const [companyId, evaluation] of expected) {
    const values = companyValues(evaluation, render);
    const record = portal.getObject('companies', companyId);
    for (const name of HISTORY_FREE) {
      const actual = record ? (portal.getValue('companies', record, name) ?? '') : null;
      if (actual !== values[name]) out.push({ companyId, name, expected: values[name], actual });
    }
  }
  return out;
}

/** Waits until the sandbox holds exactly the engine's values; returns the time it took. */
export async function converge(
  sandbox: RunningSandbox,
  portalId: number,
  timeoutMs: number,
): Promise<number> {
  const t0 = Date.now();
  let last: Divergence[] = [];
  try {
    await until(
      async () => (last = await divergences(sandbox, portalId)).length === 0,
      timeoutMs,
      'convergence',
    );
  } catch {
    throw new Error(
      `not converged: ${last.length} values differ, e.g. ${JSON.stringify(last.slice(0, 3))}`,
    );
  }
  return Date.now() - t0;
}
