import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@hubspot/api-client';
import { baseSyncOps, composeApp, type ComposedApp } from '../../src/app/compose.js';
import { installThroughOAuth } from '../../src/cli/install-flow.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import type { DbKind } from '../../src/store/db.js';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { serverlessRoutes } from '../../serverless/index.js';
import { withAlerts } from '../../src/alerts/sync-hooks.js';
import { type AlertScheduleOps } from '../../src/jobs/alert-schedules.js';
import { openTestStore, waitFor, type TestStore } from '../helpers/test-db.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';
import { freePort } from '../helpers/free-port.js';

/**
 * The whole path for the alert stories, in-process over loopback HTTP: the
 * sandbox seeded with a small demo portal; our app (web + worker, with the
 * alert hooks, the alert workers and the workflow-action routes) installed
 * into it through OAuth; webhooks from the sandbox reach our endpoint signed.
 * Waits are polls with a bounded timeout, never timings.
 */

export const STORY_START = Date.parse('2026-03-10T14:00:00Z'); // a Tuesday, in 2026Q1

export interface StorySession {
  store: TestStore;
  sandbox: RunningSandbox;
  app: ComposedApp;
  clock: SandboxClock;
  portalId: number;
  ops: AlertScheduleOps;
  /** An api-client acting as a HubSpot user (the static token: its writes are not ours). */
  user: Client;
  tasks(companyId?: string): Promise<StoryTask[]>;
  close(): Promise<void>;
}

export interface StoryTask {
  id: string;
  subject: string;
  body: string;
  status: string;
  priority: string;
  due: string;
  ownerId: string | null;
  companyIds: string[];
}

export async function startStorySession(kind?: DbKind, companies = 6): Promise<StorySession> {
  const clock = new SandboxClock({ start: STORY_START, frozen: true });
  const store = await openTestStore({ kind });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kam-alert-stories-'));
  const port = await freePort();
  const loaded = loadConfig({ KAM_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' });
  const publicBaseUrl = `http://127.0.0.1:${port}`;
  const sandbox = await startSandbox({
    clock,
    defaultPortal: { timeZone: 'UTC', currency: 'USD', appObjects: true },
    seed: { source: 'demo', companies, seed: 7 },
    installDemoApp: false,
    demoApp: { webhookUrl: `${publicBaseUrl}/webhooks/hubspot` },
    // A frozen clock never frees the rate-limit windows; limits are not what these stories are about.
    rateLimits: { enabled: false },
  });
  const config: AppConfig = {
    ...loaded,
    publicBaseUrl,
    hubspot: { ...loaded.hubspot, baseUrl: sandbox.url },
    sandbox: { ...loaded.sandbox, port: 0 },
  };
  const base = baseSyncOps();
  const ops = withAlerts(base);
  let app: ComposedApp | null = null;
  try {
    app = await composeApp(config, {
      role: 'all',
      store,
      port,
      host: '127.0.0.1',
      logger: silentLogger(),
      now: () => new Date(clock.now()),
      ops,
      routes: serverlessRoutes,
      schedules: [],
      queueOptions: fastQueueOptions,
      workers: { pollingIntervalSeconds: 0.5, sweepIntervalMs: 1000 },
    });
    if (!app.http || !app.deps.queue)
      throw new Error('the app did not start its web and worker parts');
    const portalId = sandbox.sandbox.defaultPortalId as number;
    await installThroughOAuth(app.http.url, { portalId });
    const deps = app.deps;
    // Installed, backfilled and the baseline alert sync done.
    await waitFor(
      async () => {
        const { rows } = await deps.db.query(
          'SELECT 1 FROM alert_portal_state WHERE portal_id = $1',
          [portalId],
        );
        return rows.length > 0;
      },
      90_000,
      200,
    );
    const user = sandbox.client({ accessToken: sandbox.sandbox.staticToken });
    const running = app;
    return {
      store,
      sandbox,
      app: running,
      clock,
      portalId,
      ops: {
        recomputeCompanies: ops.recomputeCompanies,
        recomputePortal: (d, p) => ops.recomputePortal(d, p),
      },
      user,
      async tasks(companyId) {
        const out: StoryTask[] = [];
        let after: string | undefined;
        do {
          const page = await user.crm.objects.tasks.basicApi.getPage(
            100,
            after,
            [
              'hs_task_subject',
              'hs_task_body',
              'hs_task_status',
              'hs_task_priority',
              'hs_timestamp',
              'hubspot_owner_id',
            ],
            undefined,
            ['companies'],
          );
          for (const t of page.results) {
            out.push({
              id: t.id,
              subject: t.properties.hs_task_subject ?? '',
              body: t.properties.hs_task_body ?? '',
              status: t.properties.hs_task_status ?? '',
              priority: t.properties.hs_task_priority ?? '',
              due: t.properties.hs_timestamp ?? '',
              ownerId: t.properties.hubspot_owner_id ?? null,
              companyIds: (t.associations?.companies?.results ?? []).map((a) => a.id),
            });
          }
          after = page.paging?.next?.after;
        } while (after);
        return companyId === undefined ? out : out.filter((t) => t.companyIds.includes(companyId));
      },
      async close() {
        await running.close();
        await sandbox.close();
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await sandbox.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
