import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEMO_APP_ID,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createTestDatabase } from '../helpers/test-db.js';
import {
  freePort,
  installThroughSandbox,
  PUBLIC_BASE_URL,
  spawnAppProcess,
  startEdge,
  stopAppProcess,
  until,
  type AppProcess,
} from '../resilience/harness.js';

/**
 * Scale-out on PostgreSQL (issue 8): the sandbox portal in this process, two
 * `web` and two `worker` processes of our app (src/cli/start.ts, as the
 * Procfile runs them) on one fresh database, HubSpot's deliveries spread over
 * both web processes by the edge. The test keeps its own connection to the
 * database to look at inbox, jobs and alert episodes.
 */

export interface ScaleOutEnv {
  sandbox: RunningSandbox;
  portalId: number;
  /** The test's own connection to the app's database. */
  store: Store;
  webUrls: string[];
  webs: AppProcess[];
  workers: AppProcess[];
  /** Deliveries forwarded to each web process. */
  deliveries: number[];
  /** kill -9 of every worker; resolves when they are gone. */
  killWorkers(): Promise<void>;
  /** kill -9 of one web process (the edge's deliveries to it fail until it is back). */
  killWeb(index: number): Promise<void>;
  /** Starts that web process again on its port; resolves when it is ready. */
  startWeb(index: number): Promise<void>;
  /** Starts the workers again (after a kill). */
  startWorkers(): Promise<void>;
  /** Everything our processes printed (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

export interface ScaleOutOptions {
  companies: number;
  /** KAM_WORKER_LEASE_SECONDS of every process. */
  leaseSeconds: number;
}

export async function startScaleOutEnv(options: ScaleOutOptions): Promise<ScaleOutEnv> {
  const database = await createTestDatabase();
  // Migrated once here, as the Procfile's release phase does before the processes start.
  const store = await openStore({ database: { kind: 'postgres', url: database.url, poolSize: 3 } });
  const ports = [await freePort(), await freePort()];
  const webUrls = ports.map((p) => `http://127.0.0.1:${p}`);
  const deliveries = [0, 0];
  let turn = 0;
  const edge = await startEdge(() => {
    const i = turn++ % webUrls.length;
    deliveries[i]++;
    return webUrls[i];
  });
  const sandbox = await startSandbox({
    seed: { source: 'demo', companies: options.companies, seed: 42 },
    defaultPortal: { timeZone: 'America/New_York', currency: 'USD', appObjects: true },
    installDemoApp: false,
    demoApp: { webhookUrl: `${edge.url}/webhooks/hubspot` },
    // Small batches: more deliveries, so a 5 % drop rate loses some for sure.
    delivery: {
      retryDelaysMs: [200, 500, 1000, 2000, 5000],
      maxAttempts: 50,
      timeScale: 1,
      maxBatchSize: 10,
    },
  });
  const portalId = sandbox.sandbox.defaultPortalId as number;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kam-scale-out-'));
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    HUBSPOT_CLIENT_ID: DEFAULT_CLIENT_ID,
    HUBSPOT_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
    HUBSPOT_APP_ID: String(DEMO_APP_ID),
    HUBSPOT_BASE_URL: sandbox.url,
    PUBLIC_BASE_URL,
    DATABASE_URL: database.url,
    KAM_DB_POOL_SIZE: '4',
    KAM_DATA_DIR: dataDir,
    KAM_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    KAM_WORKER_LEASE_SECONDS: String(options.leaseSeconds),
    // The statistics catch up with the last changes within the test's wait.
    KAM_STATS_REFRESH_SECONDS: '5',
    LOG_LEVEL: 'warn',
  };
  const spawnWeb = (port: number) =>
    spawnAppProcess({ ...common, KAM_PROCESS_ROLE: 'web', PORT: String(port) });
  const spawnWorker = () => spawnAppProcess({ ...common, KAM_PROCESS_ROLE: 'worker' });
  const webs = ports.map(spawnWeb);
  let workers = [spawnWorker(), spawnWorker()];
  const workersReady = (list: AppProcess[]) =>
    until(
      async () => list.every((w) => w.output.join('').includes('worker running')),
      120_000,
      'the workers did not start',
    );
  const all = () => [...webs, ...workers];
  const webReady = (url: string) =>
    until(
      async () => (await fetch(`${url}/readyz`).catch(() => null))?.ok === true,
      120_000,
      `${url} did not become ready`,
    );
  const env: ScaleOutEnv = {
    sandbox,
    portalId,
    store,
    webUrls,
    webs,
    get workers() {
      return workers;
    },
    deliveries,
    async killWorkers() {
      for (const w of workers) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
    },
    async startWorkers() {
      workers = [spawnWorker(), spawnWorker()];
      await workersReady(workers);
    },
    async killWeb(index) {
      webs[index].child.kill('SIGKILL');
      await webs[index].exited;
    },
    async startWeb(index) {
      webs[index] = spawnWeb(ports[index]);
      await webReady(webUrls[index]);
    },
    output() {
      const outcomes = new Map<string, number>();
      for (const d of sandbox.runtime.webhooks.log.list({ portalId, limit: 100_000 })) {
        const k = `${d.outcome}${d.httpStatus ? ` ${d.httpStatus}` : ''}`;
        outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
      }
      const state = (p: AppProcess) => p.child.exitCode ?? p.child.signalCode ?? 'running';
      return [
        `webs: ${webs.map(state).join(', ')}; workers: ${workers.map(state).join(', ')}`,
        `forwarded per web: ${deliveries.join('/')}; sandbox deliveries: ${JSON.stringify([...outcomes])}`,
        ...all().map((p) => p.output.join('').slice(-1500)),
      ].join('\n---\n');
    },
    async close() {
      await Promise.all(all().map((p) => stopAppProcess(p)));
      await sandbox.close();
      await new Promise((r) => edge.server.close(r));
      await store.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all(webUrls.map(webReady));
    await workersReady(workers);
    await installThroughSandbox(webUrls[0], sandbox.url, portalId);
  } catch (error) {
    const output = env.output();
    await env.close();
    throw new Error(`${String(error)}\n${output}`);
  }
  return env;
}

/** Work still waiting anywhere in our pipeline for the portal: inbox, jobs, task outbox. */
export async function backlog(store: Store, portalId: number): Promise<Record<string, number>> {
  const one = async (sql: string, params: unknown[] = []) =>
    (await store.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
  return {
    inbox: await one(
      `SELECT count(*)::int AS n FROM webhook_inbox
        WHERE portal_id = $1 AND status IN ('pending', 'processing', 'failed')`,
      [portalId],
    ),
    jobs: await one(
      `SELECT count(*)::int AS n FROM pgboss.job
        WHERE state IN ('created', 'retry', 'active') AND name NOT LIKE '%__dead'
          -- Jobs due later (an escalation check hours ahead) are not waiting work.
          AND start_after <= now() + interval '1 minute'
          AND name NOT LIKE '__pgboss%' AND name NOT IN (SELECT name FROM pgboss.schedule)`,
    ),
    outbox: await one(
      `SELECT count(*)::int AS n FROM hubspot_outbox
        WHERE portal_id = $1 AND status IN ('pending', 'in_flight')`,
      [portalId],
    ),
  };
}

/** Waits until nothing is waiting (see backlog). */
export async function idle(store: Store, portalId: number, timeoutMs: number): Promise<void> {
  let last: Record<string, number> = {};
  try {
    await until(
      async () => Object.values((last = await backlog(store, portalId))).every((n) => n === 0),
      timeoutMs,
      'idle',
    );
  } catch {
    throw new Error(`still busy after ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }
}

/** What our store holds for companies whose HubSpot values diverge (for failure messages). */
export async function diagnose(
  store: Store,
  portalId: number,
  divergent: readonly {
    companyId: string;
    name: string;
    expected?: string;
    actual: string | null;
  }[],
): Promise<string> {
  const q = async (sql: string, params: unknown[] = []) =>
    JSON.stringify((await store.db.query(sql, params)).rows);
  const ids = [...new Set(divergent.map((d) => d.companyId))].slice(0, 6);
  return [
    `divergent (first): ${JSON.stringify(divergent.slice(0, 6))}`,
    `our rows: ${await q(
      `SELECT company_id, score, rank, rank_pct, is_key, revision, settled_revision,
              written->>'kam_rank_pct' AS written_pct, written->>'kam_score' AS written_score
         FROM evaluations WHERE portal_id = $1 AND company_id = ANY($2::text[])`,
      [portalId, ids],
    )}`,
    `rows with follow-up due: ${await q(
      `SELECT count(*)::int AS n FROM evaluations WHERE portal_id = $1 AND settled_revision < revision`,
      [portalId],
    )}`,
    `statistics: ${await q(
      `SELECT version, settings_version, built_at, jsonb_array_length(changed_ids) AS drift
         FROM portfolio_stats WHERE portal_id = $1`,
      [portalId],
    )}`,
    `portal jobs: ${await q(
      `SELECT name, state, singleton_key, retry_count, start_after, created_on, started_on, completed_on
         FROM pgboss.job WHERE name IN ('recompute-portal', 'recompute-company')
          AND state <> 'completed' ORDER BY created_on DESC LIMIT 12`,
    )}`,
    `recent full passes: ${await q(
      `SELECT state, singleton_key, data, retry_count, started_on, completed_on FROM pgboss.job
        WHERE name = 'recompute-portal' ORDER BY created_on DESC LIMIT 6`,
    )}`,
  ].join('\n');
}
