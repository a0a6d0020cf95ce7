import type { Queryable } from '../../../src/store/db.js';
import { purgePortal, tenantTables } from '../../../src/store/purge-portal.js';
import type { TestStore } from '../../helpers/test-db.js';

/** One row in (almost) every tenant table for a portal. */
async function seedPortal(db: Queryable, portalId: number): Promise<void> {
  const p = [portalId];
  await db.query(
    `INSERT INTO portals (portal_id, install_state, hub_domain, installed_at) VALUES ($1, 'installed', 'x.hubspot.com', now())`,
    p,
  );
  await db.query(
    `INSERT INTO oauth_tokens (portal_id, access_token_enc, refresh_token_enc, key_id, expires_at) VALUES ($1, 'a', 'r', 'k1', now())`,
    p,
  );
  await db.query(`INSERT INTO portal_settings (portal_id, settings) VALUES ($1, $2)`, [
    portalId,
    { locale: 'en' },
  ]);
  await db.query(
    `INSERT INTO webhook_inbox (portal_id, subscription_type, event_id, object_id, occurred_at, payload) VALUES ($1, 'company.creation', '1', '10', now(), '{}')`,
    p,
  );
  for (const table of ['mirror_companies', 'mirror_contacts', 'mirror_deals']) {
    await db.query(`INSERT INTO ${table} (portal_id, id, properties) VALUES ($1, '10', $2)`, [
      portalId,
      { name: `p${portalId}` },
    ]);
  }
  await db.query(
    `INSERT INTO mirror_engagements (portal_id, id, engagement_type, occurred_at) VALUES ($1, '30', 'call', now())`,
    p,
  );
  await db.query(`INSERT INTO mirror_owners (portal_id, id, email) VALUES ($1, '7', 'o@x.com')`, p);
  await db.query(
    `INSERT INTO assoc_contact_company (portal_id, contact_id, company_id, is_primary) VALUES ($1, '10', '10', true)`,
    p,
  );
  await db.query(
    `INSERT INTO assoc_deal_company (portal_id, deal_id, company_id) VALUES ($1, '10', '10')`,
    p,
  );
  await db.query(
    `INSERT INTO assoc_engagement_company (portal_id, engagement_id, company_id) VALUES ($1, '30', '10')`,
    p,
  );
  await db.query(
    `INSERT INTO assoc_engagement_contact (portal_id, engagement_id, contact_id) VALUES ($1, '30', '10')`,
    p,
  );
  await db.query(
    `INSERT INTO evaluations (portal_id, company_id, evaluation, score, evaluated_at, input_hash) VALUES ($1, '10', '{}', 50.5, now(), 'h')`,
    p,
  );
  await db.query(
    `INSERT INTO account_snapshots (portal_id, company_id, quarter, snapshot) VALUES ($1, '10', '2026Q1', '{}')`,
    p,
  );
  await db.query(`INSERT INTO portfolio_stats (portal_id, stats) VALUES ($1, '{}')`, p);
  await db.query(
    `INSERT INTO alerts (portal_id, company_id, code, level, root) VALUES ($1, '10', 'budget_frozen', 'red', 'budget')`,
    p,
  );
  await db.query(
    `INSERT INTO hubspot_outbox (portal_id, idempotency_key, kind, payload) VALUES ($1, 'task:10:budget', 'task', '{}')`,
    p,
  );
  await db.query(
    `INSERT INTO rate_limit_buckets (portal_id, tokens, updated_at) VALUES ($1, 5, now())`,
    p,
  );
  await db.query(
    `INSERT INTO api_call_counts (portal_id, window_start, category, calls) VALUES ($1, now(), 'crm.read', 3)`,
    p,
  );
  await db.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, cursor) VALUES ($1, 'backfill:companies', 'abc')`,
    p,
  );
  await db.query(`INSERT INTO dead_letters (job_id, queue, portal_id) VALUES ($1, 'q', $2)`, [
    `job-${portalId}`,
    portalId,
  ]);
}

const seededTables = [
  'portals',
  'oauth_tokens',
  'portal_settings',
  'webhook_inbox',
  'mirror_companies',
  'mirror_contacts',
  'mirror_deals',
  'mirror_engagements',
  'mirror_owners',
  'assoc_contact_company',
  'assoc_deal_company',
  'assoc_engagement_company',
  'assoc_engagement_contact',
  'evaluations',
  'account_snapshots',
  'portfolio_stats',
  'alerts',
  'hubspot_outbox',
  'rate_limit_buckets',
  'api_call_counts',
  'sync_checkpoints',
  'dead_letters',
];

async function rowsPerTable(db: Queryable, portalId: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables(db)) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM ${table} WHERE portal_id = $1`,
      [portalId],
    );
    counts[table] = rows[0].n;
  }
  return counts;
}

export function tenancySuite(getStore: () => TestStore): void {
  describe('tenancy', () => {
    const db = () => getStore().db;
    const A = 101;
    const B = 202;

    beforeAll(async () => {
      await db().transaction(async (tx) => {
        await seedPortal(tx, A);
        await seedPortal(tx, B);
      });
    });

    test('every tenant table is found through its portal_id column', async () => {
      const tables = await tenantTables(db());
      // Later migrations add tables; the ones seeded here must all be found.
      expect(tables).toEqual(expect.arrayContaining(seededTables));
      const counts = await rowsPerTable(db(), A);
      expect(seededTables.filter((t) => counts[t] === 0)).toEqual([]);
    });

    test('queries scoped by portal id see only their own rows', async () => {
      const { rows } = await db().query<{ name: string }>(
        `SELECT properties->>'name' AS name FROM mirror_companies WHERE portal_id = $1 AND id = $2`,
        [A, '10'],
      );
      expect(rows).toEqual([{ name: `p${A}` }]);
    });

    test('one open alert per company and code; a closed one can open again', async () => {
      const insert = `INSERT INTO alerts (portal_id, company_id, code, level, root) VALUES ($1, '10', 'budget_frozen', 'red', 'budget')`;
      await expect(db().query(insert, [A])).rejects.toMatchObject({ code: '23505' });
      await db().query(
        `UPDATE alerts SET closed_at = now(), close_reason = 'cleared' WHERE portal_id = $1`,
        [A],
      );
      await db().query(insert, [A]);
      const { rows } = await db().query<{ n: number }>(
        'SELECT count(*) AS n FROM alerts WHERE portal_id = $1',
        [A],
      );
      expect(rows[0].n).toBe(2);
    });

    test('an outbox idempotency key is unique within a portal only', async () => {
      const insert = `INSERT INTO hubspot_outbox (portal_id, idempotency_key, kind, payload) VALUES ($1, 'k-same', 'task', '{}') ON CONFLICT DO NOTHING`;
      expect((await db().query(insert, [A])).rowCount).toBe(1);
      expect((await db().query(insert, [A])).rowCount).toBe(0);
      expect((await db().query(insert, [B])).rowCount).toBe(1);
    });

    test('purging a portal removes its rows from every tenant table and nothing of another portal', async () => {
      const before = await rowsPerTable(db(), B);
      const result = await purgePortal(db(), A);
      expect(result.deleted.mirror_companies).toBe(1);
      expect(result.deleted.portals).toBe(1);
      const after = await rowsPerTable(db(), A);
      expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
      expect(await rowsPerTable(db(), B)).toEqual(before);
    });

    test('purging can keep the portal row, marked uninstalled', async () => {
      await purgePortal(db(), B, { keepPortalRow: true });
      const { rows } = await db().query<{ install_state: string; uninstalled_at: Date | null }>(
        'SELECT install_state, uninstalled_at FROM portals WHERE portal_id = $1',
        [B],
      );
      expect(rows[0].install_state).toBe('uninstalled');
      expect(rows[0].uninstalled_at).toBeInstanceOf(Date);
      const counts = await rowsPerTable(db(), B);
      expect(Object.entries(counts).filter(([t, n]) => n > 0 && t !== 'portals')).toEqual([]);
    });
  });
}
