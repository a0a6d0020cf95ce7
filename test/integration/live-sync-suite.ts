import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultSyncOps } from '../../src/app/compose.js';
import { startSandboxSession, type SandboxSession } from '../../src/cli/sandbox-session.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import type { DbKind } from '../../src/store/db.js';
import { silentLogger } from '../../src/logger.js';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { getSettings } from '../../src/sync/settings-store.js';
import { companyValues } from '../../src/sync/property-values.js';
import { renderContextFor } from '../../src/sync/write-back.js';
import { openTestStore, waitFor, type TestStore } from '../helpers/test-db.js';
import { evaluateDirectly } from '../sync/mirror-harness.js';
import { fastQueueOptions } from '../store/suites/queue-suite.js';
import { freePort } from '../helpers/free-port.js';

/**
 * The whole path, in-process over loopback HTTP: the sandbox (a HubSpot the
 * real api-client talks to) seeded with a small demo portal; our app (web +
 * worker) installed into it through OAuth; backfill; then changes made in the
 * sandbox reach our webhook endpoint as signed deliveries and come back as
 * kam_* properties. Waits are polls with a bounded timeout, never timings.
 * Run on PGlite (test/integration) and PostgreSQL (test/postgres).
 */

/** Few companies: one changed account is past the statistics-rebuild share, so a full pass follows. */
const COMPANIES = 12;
const START = Date.parse('2026-11-16T15:00:00Z');

/** kam_* values that do not depend on an account's history (hysteresis, "since last time", alert timing). */
const HISTORY_FREE = [
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

export function liveSyncSuite(kind: DbKind): void {
  describe(`live sync through the sandbox (${kind})`, () => {
    let store: TestStore;
    let session: SandboxSession;
    let dataDir: string;
    const clock = new SandboxClock({ start: START, frozen: true });

    beforeAll(async () => {
      store = await openTestStore({ kind });
      dataDir = await mkdtemp(path.join(tmpdir(), 'kam-live-sync-'));
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
        companies: COMPANIES,
        seed: 42,
        clock,
        compose: {
          store,
          port,
          host: '127.0.0.1',
          now: () => new Date(clock.now()),
          queueOptions: fastQueueOptions,
          workers: { pollingIntervalSeconds: 0.5, sweepIntervalMs: 1000 },
          schedules: [],
        },
        // A frozen clock never frees the rate-limit windows; limits are not what this test is about.
        sandbox: { rateLimits: { enabled: false } },
      });
    }, 120_000);

    afterAll(async () => {
      await session?.close();
      await store?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    const db = () => store.db;
    const portal = () => session.sandbox.runtime.portal(session.portalId);
    const sandboxValue = (companyId: string, name: string) => {
      const r = portal().getObject('companies', companyId);
      return r ? (portal().getValue('companies', r, name) ?? '') : null;
    };
    const stored = async (companyId: string): Promise<Evaluation | null> => {
      const { rows } = await db().query<{ evaluation: Evaluation }>(
        'SELECT evaluation FROM evaluations WHERE portal_id = $1 AND company_id = $2',
        [session.portalId, companyId],
      );
      return rows[0]?.evaluation ?? null;
    };
    /** What the engine computes from the sandbox's data as it is now, run directly. */
    const direct = async () =>
      evaluateDirectly(portal(), await getSettings(db(), session.portalId), new Date(clock.now()));

    test('installing through OAuth stores encrypted tokens, backfills and writes every company', async () => {
      const { rows } = await db().query<{ install_state: string; access_token_enc: string }>(
        `SELECT p.install_state, t.access_token_enc FROM portals p JOIN oauth_tokens t USING (portal_id)
          WHERE p.portal_id = $1`,
        [session.portalId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].install_state).toBe('installed');
      expect(rows[0].access_token_enc).not.toMatch(/^sbx-/);
      const { rows: evals } = await db().query<{ company_id: string; evaluation: Evaluation }>(
        'SELECT company_id, evaluation FROM evaluations WHERE portal_id = $1',
        [session.portalId],
      );
      expect(evals).toHaveLength(COMPANIES);
      const ctx = await renderContextFor({ db: db() }, session.portalId);
      for (const { company_id, evaluation } of evals) {
        const values = companyValues(evaluation, ctx);
        for (const name of ['kam_score', 'kam_tier', 'kam_is_key_account', 'kam_alert_level']) {
          expect({ company_id, name, value: sandboxValue(company_id, name) }).toEqual({
            company_id,
            name,
            value: values[name],
          });
        }
      }
    });

    test('a deal amount changed in the sandbox reaches the company’s kam_* properties', async () => {
      const settings = await getSettings(db(), session.portalId);
      const before = await direct();
      // The won deal of the account with the least revenue: ten times its amount moves its sales score.
      const p = portal();
      const candidates: { dealId: string; companyId: string; revenue: number }[] = [];
      for (const deal of p.core.store(p.type('deals')).all()) {
        if (deal.archived || p.getValue('deals', deal, 'dealstage') !== 'closedwon') continue;
        // Well inside the trailing sales window (12 months by default).
        const closed = Date.parse(p.getValue('deals', deal, 'closedate') ?? '');
        if (!(clock.now() - closed < 180 * 86_400_000)) continue;
        const company = p.core.associations
          .targets('deals', deal.id, 'companies')
          .find((a) => a.typeIds.includes(5));
        const ev = company ? before.get(String(company.toId)) : undefined;
        if (company && ev && ev.score.trailingRevenue > 0)
          candidates.push({
            dealId: String(deal.id),
            companyId: String(company.toId),
            revenue: ev.score.trailingRevenue,
          });
      }
      candidates.sort((a, b) => a.revenue - b.revenue);
      expect(candidates.length).toBeGreaterThan(0);
      const { dealId, companyId } = candidates[0];
      const amount = Number(p.getValue('deals', p.getObject('deals', dealId)!, 'amount') ?? '0');
      const newAmount = String(Math.max(1, amount) * 10 + 12345);

      const actual = () =>
        Object.fromEntries(HISTORY_FREE.map((n) => [n, sandboxValue(companyId, n)]));
      const shownBefore = actual();
      // A user's change through the API (the static token: not our app), as HubSpot would see it.
      // The demo deals store amount_in_home_currency, which the sandbox then no longer derives
      // from amount (HubSpot would): set both, as a currency-aware change does.
      const client = session.sandbox.client({ accessToken: session.sandbox.sandbox.staticToken });
      await client.crm.deals.basicApi.update(dealId, {
        properties: { amount: newAmount, amount_in_home_currency: newAmount },
      });

      const after = await direct();
      const expected = Object.fromEntries(
        Object.entries(
          companyValues(
            after.get(companyId)!,
            await renderContextFor({ db: db() }, session.portalId),
          ),
        ).filter(([name]) => HISTORY_FREE.includes(name)),
      );
      expect(after.get(companyId)!.score.trailingRevenue).toBeGreaterThan(
        before.get(companyId)!.score.trailingRevenue,
      );
      // The change matters: the engine now gives this account other values than it shows.
      expect(expected).not.toEqual(shownBefore);
      await waitFor(
        async () => JSON.stringify(actual()) === JSON.stringify(expected),
        30_000,
        200,
      ).catch(() => undefined);
      expect(actual()).toEqual(expected);
      const { rows } = await db().query<{ amount: string }>(
        "SELECT properties->>'amount' AS amount FROM mirror_deals WHERE portal_id = $1 AND id = $2",
        [session.portalId, dealId],
      );
      expect(rows[0].amount).toBe(newAmount);
      expect(settings.locale).toBeDefined();
    }, 60_000);

    test('archiving a decision maker turns the account red', async () => {
      const { rows } = await db().query<{ company_id: string; evaluation: Evaluation }>(
        'SELECT company_id, evaluation FROM evaluations WHERE portal_id = $1 ORDER BY company_id',
        [session.portalId],
      );
      const target = rows.find(
        (r) =>
          r.evaluation.committee.decisionMakerIds.length === 1 &&
          r.evaluation.alerts.level !== 'red',
      );
      if (!target)
        throw new Error(
          'the demo portal has no account with exactly one decision maker and no red alert',
        );
      const contactId = target.evaluation.committee.decisionMakerIds[0];
      const client = session.sandbox.client({ accessToken: session.sandbox.sandbox.staticToken });
      await client.crm.contacts.basicApi.archive(contactId);
      await waitFor(
        async () => sandboxValue(target.company_id, 'kam_alert_level') === 'red',
        30_000,
        200,
      ).catch(() => undefined);
      expect(sandboxValue(target.company_id, 'kam_alert_level')).toBe('red');
      const ev = await stored(target.company_id);
      expect(ev?.alerts.open.map((a) => a.code)).toContain('decision_maker_left');
    }, 60_000);

    test('reconciliation repairs a change whose webhook was lost, and skips our own writes', async () => {
      const { rows } = await db().query<{ id: string }>(
        'SELECT id FROM mirror_companies WHERE portal_id = $1 AND NOT archived ORDER BY id LIMIT 1',
        [session.portalId],
      );
      const companyId = rows[0].id;
      // HubSpot's delivery of this change is lost (the sandbox drops every webhook meanwhile).
      const faults = (dropRate: number) =>
        fetch(`${session.sandbox.url}/_sandbox/faults/webhooks`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ dropRate }),
        });
      expect((await faults(1)).status).toBe(200);
      clock.advance(1_000);
      const client = session.sandbox.client({ accessToken: session.sandbox.sandbox.staticToken });
      await client.crm.companies.basicApi.update(companyId, {
        properties: { name: 'Renamed While Nobody Listened' },
      });
      await session.sandbox.runtime.webhooks.whenIdle();
      expect((await faults(0)).status).toBe(200);
      clock.advance(60_000);
      const result = await defaultSyncOps().reconcilePortal(session.app.deps, session.portalId);
      // Every company was written back since install (so HubSpot lists them as modified), yet
      // only the renamed one differs from the mirror.
      expect(result.seen).toBeGreaterThanOrEqual(COMPANIES);
      expect(result.changed).toBe(1);
      expect(result.companies).toContain(companyId);
      const { rows: mirrored } = await db().query<{ name: string }>(
        "SELECT properties->>'name' AS name FROM mirror_companies WHERE portal_id = $1 AND id = $2",
        [session.portalId, companyId],
      );
      expect(mirrored[0].name).toBe('Renamed While Nobody Listened');
      const again = await defaultSyncOps().reconcilePortal(session.app.deps, session.portalId);
      expect(again.changed).toBe(0);
    }, 60_000);

    test('every delivered event was processed: nothing pending, failed or dead', async () => {
      await waitFor(async () => {
        const { rows } = await db().query<{ n: number }>(
          "SELECT count(*)::int AS n FROM webhook_inbox WHERE portal_id = $1 AND status IN ('pending', 'processing', 'failed')",
          [session.portalId],
        );
        return rows[0].n === 0;
      }, 10_000);
      const { rows } = await db().query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM webhook_inbox WHERE portal_id = $1 GROUP BY status',
        [session.portalId],
      );
      // Only processed rows, and our own writes (e.g. the alert tasks we create) stored as ignored.
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      expect(Object.keys(byStatus).filter((s) => s !== 'done' && s !== 'ignored')).toEqual([]);
      expect(byStatus.done).toEqual(expect.any(Number));
      const dead = await db().query('SELECT 1 FROM dead_letters WHERE portal_id = $1', [
        session.portalId,
      ]);
      expect(dead.rowCount).toBe(0);
    });
  });
}
