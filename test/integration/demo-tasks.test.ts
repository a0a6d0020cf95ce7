import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alertTaskCounts } from '../../src/cli/alert-tasks.js';
import { startSandboxSession, type SandboxSession } from '../../src/cli/sandbox-session.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { getSettingsRecord } from '../../src/sync/settings-store.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';
import { freePort } from '../helpers/free-port.js';

/**
 * `npm start`'s demo: the initial settings let the baseline alerts create
 * their HubSpot tasks, so a newcomer sees alert → task in the sandbox explorer
 * at once (a real install keeps `alerts.baselineWithoutTasks`); and the card
 * preview `npm start` serves renders our real card components from the store.
 */

let store: TestStore;
let session: SandboxSession;
let dataDir: string;

beforeAll(async () => {
  store = await openTestStore({ kind: 'pglite' });
  dataDir = await mkdtemp(path.join(tmpdir(), 'kam-demo-tasks-'));
  const port = await freePort();
  const loaded = loadConfig({ KAM_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' });
  const config: AppConfig = {
    ...loaded,
    publicBaseUrl: `http://127.0.0.1:${port}`,
    sandbox: { ...loaded.sandbox, port: 0 },
  };
  session = await startSandboxSession({
    config,
    logger: silentLogger(),
    companies: 40,
    seed: 42,
    initialSettings: { alerts: { baselineWithoutTasks: false } },
    compose: {
      store,
      port,
      host: '127.0.0.1',
      queueOptions: fastQueueOptions,
      workers: { pollingIntervalSeconds: 0.5, sweepIntervalMs: 1000 },
      schedules: [],
    },
    sandbox: { rateLimits: { enabled: false } },
  });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

test('the initial settings are stored before the first evaluation, by "npm start (demo)"', async () => {
  const record = await getSettingsRecord(store.db, session.portalId);
  expect(record.settings.alerts.baselineWithoutTasks).toBe(false);
  expect(record.updatedBy).toBe('npm start (demo)');
});

test('every open alert root with a task has it open in the sandbox, associated with its company', async () => {
  const counts = await alertTaskCounts(store.db, session.portalId, 180_000);
  expect(counts.pendingWrites).toBe(0);
  expect(counts.openEpisodes).toBeGreaterThan(0);
  expect(counts.tasks).toBeGreaterThan(0);
  const { rows } = await store.db.query<{ company_id: string; respond_task_id: string }>(
    `SELECT company_id, respond_task_id FROM alert_episodes
      WHERE portal_id = $1 AND closed_at IS NULL AND respond_task_id IS NOT NULL`,
    [session.portalId],
  );
  expect(rows.length).toBeGreaterThan(0);
  const portal = session.sandbox.runtime.portal(session.portalId);
  for (const row of rows) {
    const task = portal.getObject('tasks', row.respond_task_id);
    expect(task).toBeTruthy();
    if (!task) continue;
    expect(portal.getValue('tasks', task, 'hs_task_status')).not.toBe('COMPLETED');
    expect(portal.associatedIds('tasks', task.id, 'companies')).toContain(row.company_id);
  }
}, 240_000);

test('the card preview renders the Key account card from our store, for the sandbox session only', async () => {
  const { rows } = await store.db.query<{ company_id: string; score: string }>(
    `SELECT company_id, evaluation->'score'->>'value' AS score FROM evaluations
      WHERE portal_id = $1 ORDER BY company_id LIMIT 1`,
    [session.portalId],
  );
  const row = rows[0];
  const base = session.app.http?.url ?? '';
  const res = await fetch(`${base}/preview/company/${row.company_id}?portalId=${session.portalId}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('Account score');
  expect(html).toContain(Number(row.score).toFixed(1));
  const zh = await fetch(
    `${base}/preview/company/${row.company_id}?portalId=${session.portalId}&locale=zh-CN`,
  );
  expect(await zh.text()).toMatch(/[\u4e00-\u9fff]/);
  const other = await fetch(`${base}/preview/company/${row.company_id}?portalId=999`);
  expect(other.status).toBe(404);
}, 60_000);
