import type { Client } from '@hubspot/api-client';
import { createHubSpotClient, unlimited } from '../../src/hubspot/client.js';
import { silentLogger } from '../../src/logger.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { evaluatePortfolio } from '../../src/domain/portfolio.js';
import type { Account, AccountState } from '../../src/domain/snapshot.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import { settingsSchema, type SettingsInput } from '../../src/domain/settings.js';
import type { ExecDeps } from '../../src/alerts/executor-context.js';
import { syncAlerts } from '../../src/alerts/lifecycle.js';
import { drainAlertOutbox } from '../../src/alerts/task-outbox.js';
import { clearOwnerCache } from '../../src/alerts/owners.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { randomBytes } from 'node:crypto';
import { loadConfig, Secret } from '../../src/config.js';
import { TokenCipher } from '../../src/store/crypto.js';
import type { AppDeps } from '../../src/app/deps.js';

/**
 * The alert layers on their own: PGlite, the sandbox over HTTP and the real
 * api-client (static token of the default portal), the engine run in the test
 * on accounts built here. The full pipeline (webhook → mirror → recompute)
 * is exercised in alert-stories.test.ts once the backend pieces are there.
 */

export const START = Date.parse('2026-03-10T10:00:00.000Z'); // a Tuesday

export interface AlertHarness {
  store: TestStore;
  sb: RunningSandbox;
  clock: SandboxClock;
  client: Client;
  deps: ExecDeps;
  portalId: number;
  ownerIds: string[];
  /** Runs the engine on the accounts (keeping each one's state for the next run) and syncs alerts. */
  evaluate(accounts: Account[], options?: { baseline?: boolean }): Promise<Evaluation[]>;
  drain(): ReturnType<typeof drainAlertOutbox>;
  /** Full AppDeps (sandbox-mode config, no queue) for handlers that take them. */
  appDeps(): AppDeps;
  /** Back to an empty portal, empty alert tables, the start time and default test settings. */
  reset(): Promise<void>;
  settings(input: SettingsInput): Promise<void>;
  tasks(): Promise<TaskView[]>;
  close(): Promise<void>;
}

export interface TaskView {
  id: string;
  subject: string;
  body: string;
  status: string;
  priority: string;
  ownerId: string | null;
  due: string;
  companyIds: string[];
  contactIds: string[];
}

/**
 * Reasons that depend on the portfolio (a lone account is a key account with
 * no decision maker and one engaged contact) are off by default in these
 * tests, so each story states only the reason it is about.
 */
export const QUIET_DEFAULTS: SettingsInput = {
  alerts: {
    disabled: ['no_decision_maker', 'single_threaded', 'cadence_overdue', 'renewal_unclear'],
  },
};

export async function startAlertHarness(): Promise<AlertHarness> {
  clearOwnerCache();
  const clock = new SandboxClock({ start: START, frozen: true });
  const sb = await startSandbox({
    clock,
    webhooksFile: false,
    appMetaFile: false,
    installDemoApp: false,
    rateLimits: { enabled: false },
  });
  const store = await openTestStore();
  const portalId = sb.sandbox.defaultPortal.portalId;
  const client = createHubSpotClient({
    portalId,
    accessToken: sb.sandbox.staticToken,
    basePath: sb.url,
    limiter: unlimited,
  });
  await store.db.query(
    `INSERT INTO portals (portal_id, install_state, time_zone, installed_at) VALUES ($1, 'installed', 'UTC', now())`,
    [portalId],
  );
  const deps: ExecDeps = {
    db: store.db,
    queue: null,
    logger: silentLogger(),
    now: () => new Date(clock.now()),
    hubspot: { clientFor: async () => client, appId: '0' },
  };
  const states = new Map<string, AccountState>();
  let settingsInput: SettingsInput = QUIET_DEFAULTS;
  const h: AlertHarness = {
    store,
    sb,
    clock,
    client,
    deps,
    portalId,
    get ownerIds() {
      return sb.sandbox.defaultPortal.owners
        .list(false)
        .map((o) => o.id)
        .concat(sb.sandbox.defaultPortal.owners.list(true).map((o) => o.id))
        .sort();
    },
    async evaluate(accounts, options = {}) {
      const settings = settingsSchema.parse(settingsInput);
      const result = evaluatePortfolio(
        accounts.map((account) => ({ account, previous: states.get(account.id) ?? null })),
        settings,
        new Date(clock.now()).toISOString(),
      );
      for (const e of result.evaluations) states.set(e.accountId, e.state);
      await syncAlerts(deps, portalId, result.evaluations, { baseline: options.baseline ?? false });
      return result.evaluations;
    },
    drain: () => drainAlertOutbox(deps, portalId),
    appDeps: () => ({
      ...deps,
      config: loadConfig({ KAM_DATA_DIR: '/tmp/kam-alert-tests' }),
      cipher: new TokenCipher({
        current: { keyId: 'k1', key: new Secret(randomBytes(32)) },
        previous: [],
      }),
    }),
    async reset() {
      clearOwnerCache();
      states.clear();
      sb.runtime.reset({ seed: false });
      clock.set(START);
      await store.db.exec(
        'TRUNCATE alerts, alert_episodes, hubspot_outbox, workflow_callbacks, account_snapshots, job_runs, evaluations, mirror_companies, mirror_owners',
      );
      await h.settings(QUIET_DEFAULTS);
    },
    async settings(input) {
      settingsInput = input;
      await store.db.query(
        `INSERT INTO portal_settings (portal_id, settings, version) VALUES ($1, $2::jsonb, 1)
         ON CONFLICT (portal_id) DO UPDATE SET settings = EXCLUDED.settings, version = portal_settings.version + 1`,
        [portalId, JSON.stringify(input)],
      );
    },
    async tasks() {
      const page = await client.crm.objects.tasks.basicApi.getPage(
        100,
        undefined,
        [
          'hs_task_subject',
          'hs_task_body',
          'hs_task_status',
          'hs_task_priority',
          'hubspot_owner_id',
          'hs_timestamp',
        ],
        undefined,
        ['companies', 'contacts'],
      );
      return page.results.map((t) => ({
        id: t.id,
        subject: t.properties.hs_task_subject ?? '',
        body: t.properties.hs_task_body ?? '',
        status: t.properties.hs_task_status ?? '',
        priority: t.properties.hs_task_priority ?? '',
        ownerId: t.properties.hubspot_owner_id ?? null,
        due: t.properties.hs_timestamp ?? '',
        companyIds: (t.associations?.companies?.results ?? []).map((a) => a.id),
        contactIds: (t.associations?.contacts?.results ?? []).map((a) => a.id),
      }));
    },
    async close() {
      await store.close();
      await sb.close();
    },
  };
  await h.settings(QUIET_DEFAULTS);
  return h;
}

/** A company (and optionally contacts) in the sandbox; returns their ids. */
export function seedCompany(
  h: AlertHarness,
  name: string,
  contacts: string[] = [],
): { companyId: string; contactIds: string[] } {
  const portal = h.sb.sandbox.defaultPortal;
  const company = portal.createObject('companies', { name, hubspot_owner_id: h.ownerIds[0] });
  const contactIds = contacts.map((n) => {
    const [firstname, lastname] = n.split(' ');
    const c = portal.createObject('contacts', { firstname, lastname });
    portal.associate('contacts', c.id, 'companies', company.id);
    return String(c.id);
  });
  return { companyId: String(company.id), contactIds };
}
