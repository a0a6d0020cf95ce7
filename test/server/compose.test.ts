import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp } from '../../src/app/compose.js';
import { processRole } from '../../src/app/processes.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';

let store: TestStore;
let config: AppConfig;
let dataDir: string;
beforeAll(async () => {
  store = await openTestStore();
  dataDir = await mkdtemp(path.join(tmpdir(), 'kam-compose-'));
  config = loadConfig({ KAM_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
}, 60_000);
afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const common = () => ({
  store,
  logger: silentLogger(),
  port: 0,
  host: '127.0.0.1',
  schedules: [],
  queueOptions: fastQueueOptions,
  workers: { sweepIntervalMs: 0 },
});

describe('composition', () => {
  test('the embedded database runs one process with everything; PostgreSQL follows KAM_PROCESS_ROLE', () => {
    expect(processRole(config)).toBe('all');
    const pg = loadConfig({ DATABASE_URL: 'postgres://u@h/db', KAM_PROCESS_ROLE: 'worker' });
    expect(processRole(pg)).toBe('worker');
  });

  test('role web serves HTTP and runs no workers; it shuts down cleanly', async () => {
    const app = await composeApp(config, { ...common(), role: 'web' });
    try {
      expect(app.workers).toBeNull();
      expect(app.schedules).toBeNull();
      const res = await fetch(`${app.http!.url}/readyz`);
      expect(res.status).toBe(200);
      expect(app.deps.hubspot.appId).not.toBe('');
    } finally {
      await app.close();
    }
  }, 60_000);

  test('role worker runs workers and no HTTP', async () => {
    const app = await composeApp(config, { ...common(), role: 'worker' });
    try {
      expect(app.http).toBeNull();
      expect(app.workers).not.toBeNull();
    } finally {
      await app.close();
    }
  }, 60_000);
});
