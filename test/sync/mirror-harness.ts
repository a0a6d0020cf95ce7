import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../src/app/deps.js';
import { loadConfig, Secret } from '../../src/config.js';
import { evaluatePortfolio } from '../../src/domain/portfolio.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import type { Settings } from '../../src/domain/settings.js';
import type { PortfolioStats } from '../../src/domain/stats.js';
import { CallCounter } from '../../src/hubspot/client.js';
import { createHubSpotAccess } from '../../src/hubspot/access.js';
import { engineReadProperties, type EngineObjectType } from '../../src/hubspot/data-model.js';
import { saveTokens } from '../../src/hubspot/tokens.js';
import { silentLogger } from '../../src/logger.js';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import type { PortalState } from '../../src/sandbox/portal/portal-state.js';
import { TokenCipher } from '../../src/store/crypto.js';
import { groupAccountRecords, type FlatRecords } from '../../src/sync/group-records.js';
import { engagementsFrom, sortRecords } from '../../src/sync/load-accounts.js';
import { clearPortfolioCache } from '../../src/sync/portfolio-cache.js';
import type { Association, CrmObjectType, HubSpotRecord } from '../../src/sync/records.js';
import { getSettings } from '../../src/sync/settings-store.js';
import { toAccount } from '../../src/sync/to-account.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';

/**
 * A sandbox portal seeded with demo companies, the demo app installed (its
 * OAuth tokens stored encrypted as after a real install), PGlite in memory,
 * and AppDeps built with the real HubSpot access (api-client over HTTP,
 * shared token bucket). `calls` counts every request the app makes.
 */

export const START = Date.parse('2026-11-16T15:00:00Z');
export const TIME_ZONE = 'America/New_York';

export interface Harness {
  sb: RunningSandbox;
  store: TestStore;
  deps: AppDeps;
  portalId: number;
  portal: PortalState;
  clock: SandboxClock;
  calls: CallCounter;
  close(): Promise<void>;
}

export async function startHarness(options: { companies?: number } = {}): Promise<Harness> {
  const clock = new SandboxClock({ start: START, frozen: true });
  const sb = await startSandbox({
    clock,
    seed: { source: 'demo', companies: options.companies ?? 30, seed: 42 },
    defaultPortal: { timeZone: TIME_ZONE, currency: 'USD' },
    webhooksFile: false,
  });
  // The frozen clock would never free the sandbox's rolling windows; limits have their own tests.
  sb.runtime.limiter.configure({ enabled: false });
  const store = await openTestStore();
  const install = sb.runtime.demoInstall;
  if (!install) throw new Error('the demo app is not installed');
  const portalId = install.portalId;
  const config = loadConfig({ KAM_DATA_DIR: '/tmp/kam-be2-test', HUBSPOT_BASE_URL: sb.url });
  const cipher = new TokenCipher({
    current: { keyId: 't1', key: new Secret(randomBytes(32)) },
    previous: [],
  });
  const now = () => new Date(clock.now());
  await store.db.query(
    `INSERT INTO portals (portal_id, install_state, time_zone, currency, installed_at)
     VALUES ($1, 'installed', $2, 'USD', now())`,
    [portalId, TIME_ZONE],
  );
  await saveTokens(
    store.db,
    cipher,
    portalId,
    {
      accessToken: install.accessToken,
      refreshToken: install.refreshToken,
      expiresAt: new Date(install.expiresAt),
    },
    now(),
  );
  const calls = new CallCounter();
  const base = { config, db: store.db, queue: null, logger: silentLogger(), cipher, now };
  const deps: AppDeps = { ...base, hubspot: createHubSpotAccess(base, { recorder: calls }) };
  clearPortfolioCache();
  return {
    sb,
    store,
    deps,
    portalId,
    portal: sb.runtime.portal(portalId),
    clock,
    calls,
    close: async () => {
      await sb.close();
      await store.close();
    },
  };
}

/** Calls by operation since the counter was last reset. */
export function resetCalls(calls: CallCounter): void {
  calls.byOperation.clear();
  calls.byStatus.clear();
  calls.total = 0;
}

export function callsMatching(calls: CallCounter, pattern: RegExp): number {
  let n = 0;
  for (const [op, count] of calls.byOperation) if (pattern.test(op)) n += count;
  return n;
}

const PRIMARY_TYPE_IDS = new Set([1, 5]);
const TYPES: CrmObjectType[] = ['companies', 'contacts', 'deals', 'meetings', 'calls', 'emails'];

/** The sandbox portal's live records, straight from its state (no HTTP), as the mapper takes them. */
export function exportPortal(portal: PortalState, settings: Settings, asOf: Date): FlatRecords {
  const props = engineReadProperties(settings);
  const from = engagementsFrom(asOf, settings.mapping.engagementLookbackDays).getTime();
  const out: Record<CrmObjectType, HubSpotRecord[]> = {
    companies: [],
    contacts: [],
    deals: [],
    meetings: [],
    calls: [],
    emails: [],
  };
  const associations: Association[] = [];
  const live = new Set<string>();
  for (const type of TYPES) {
    const t = portal.type(type);
    for (const r of portal.core.store(t).all()) {
      if (r.archived) continue;
      const properties: Record<string, string | null> = {};
      for (const name of props[type as EngineObjectType])
        properties[name] = portal.getValue(type, r, name) ?? null;
      if (type === 'meetings' || type === 'calls' || type === 'emails') {
        const ts = properties.hs_timestamp;
        if (ts && Date.parse(ts) < from) continue;
      }
      out[type].push({ id: String(r.id), properties });
      live.add(`${type}:${r.id}`);
    }
  }
  for (const type of TYPES) {
    if (type === 'companies') continue;
    const targets: CrmObjectType[] =
      type === 'contacts' || type === 'deals' ? ['companies'] : ['companies', 'contacts'];
    for (const rec of out[type]) {
      for (const to of targets) {
        for (const a of portal.core.associations.targets(type, Number(rec.id), to)) {
          if (!live.has(`${to}:${a.toId}`)) continue;
          associations.push({
            fromType: type,
            fromId: rec.id,
            toType: to,
            toId: String(a.toId),
            primary: a.typeIds.some((id) => PRIMARY_TYPE_IDS.has(id)),
          });
        }
      }
    }
  }
  return { ...out, associations };
}

/** What the engine gives for the sandbox portal run directly (no mirror, no previous state). */
export function evaluateDirectly(
  portal: PortalState,
  settings: Settings,
  asOf: Date,
  /** Statistics to score against (default: built from the portal, as a full pass does). */
  stats?: PortfolioStats,
): Map<string, Evaluation> {
  const grouped = groupAccountRecords(exportPortal(portal, settings, asOf));
  const inputs = grouped.map((g) => ({
    account: toAccount(sortRecords(g), settings).account,
    previous: null,
  }));
  const result = evaluatePortfolio(inputs, settings, asOf.toISOString(), { stats });
  return new Map(result.evaluations.map((e) => [e.accountId, e]));
}

export async function storedEvaluations(h: Harness): Promise<Map<string, Evaluation>> {
  const { rows } = await h.store.db.query<{ company_id: string; evaluation: Evaluation }>(
    'SELECT company_id, evaluation FROM evaluations WHERE portal_id = $1',
    [h.portalId],
  );
  return new Map(rows.map((r) => [r.company_id, r.evaluation]));
}

export async function settingsOf(h: Harness): Promise<Settings> {
  return getSettings(h.store.db, h.portalId);
}

/** The kam_* values a company carries in the sandbox. */
export function kamValues(h: Harness, companyId: string): Record<string, string | null> {
  const r = h.portal.getObject('companies', companyId);
  if (!r) throw new Error(`company ${companyId} is not in the sandbox`);
  const out: Record<string, string | null> = {};
  for (const name of [
    'kam_score',
    'kam_rank_pct',
    'kam_is_key_account',
    'kam_tier',
    'kam_lifecycle_stage',
    'kam_health',
    'kam_health_band',
    'kam_alert_level',
    'kam_alert_reasons',
    'kam_next_touch_due',
    'kam_score_explanation',
    'kam_last_evaluated_at',
  ])
    out[name] = h.portal.getValue('companies', r, name) ?? null;
  return out;
}
