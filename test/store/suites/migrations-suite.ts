import { loadMigrations, migrate, type Migration } from '../../../src/store/migrate.js';
import type { TestStore } from '../../helpers/test-db.js';

export const expectedTables = [
  'account_snapshots',
  'alerts',
  'api_call_counts',
  'assoc_contact_company',
  'assoc_deal_company',
  'assoc_engagement_company',
  'assoc_engagement_contact',
  'dead_letters',
  'evaluations',
  'hubspot_outbox',
  'job_runs',
  'mirror_companies',
  'mirror_contacts',
  'mirror_deals',
  'mirror_engagements',
  'mirror_owners',
  'oauth_tokens',
  'portal_settings',
  'portals',
  'portfolio_stats',
  'rate_limit_buckets',
  'schema_migrations',
  'sync_checkpoints',
  'webhook_inbox',
];

export function migrationsSuite(getStore: () => TestStore): void {
  describe('migrations', () => {
    const db = () => getStore().db;
    let migrations: Migration[];
    beforeAll(async () => {
      migrations = await loadMigrations();
    });

    test('create the whole schema and record each migration with its checksum', async () => {
      const { rows } = await db().query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'test_scratch'`,
      );
      expect(rows.map((r) => r.table_name).sort()).toEqual(expect.arrayContaining(expectedTables));
      const recorded = await db().query<{ version: number; name: string; checksum: string }>(
        'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
      );
      expect(recorded.rows).toEqual(
        migrations.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })),
      );
    });

    test('are idempotent, also when started twice at once', async () => {
      const [a, b] = await Promise.all([migrate(db()), migrate(db())]);
      expect(a).toEqual({ applied: [], unknown: [] });
      expect(b).toEqual({ applied: [], unknown: [] });
    });

    test('refuse an applied migration whose file changed', async () => {
      const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
      await expect(migrate(db(), { migrations: edited })).rejects.toThrow(
        /changed after it was applied/,
      );
    });

    test('roll back a failing migration entirely', async () => {
      const bad: Migration = {
        version: 998,
        name: '998_broken.sql',
        sql: 'CREATE TABLE t998 (x integer); SELECT 1 / 0;',
        checksum: 'x',
      };
      await expect(migrate(db(), { migrations: [...migrations, bad] })).rejects.toThrow(
        /998_broken.sql failed/,
      );
      const { rows } = await db().query("SELECT to_regclass('t998') AS t");
      expect(rows[0]).toEqual({ t: null });
      expect(
        (await db().query('SELECT 1 FROM schema_migrations WHERE version = 998')).rowCount,
      ).toBe(0);
    });

    test('apply a new migration once, in order after the others', async () => {
      const extra: Migration = {
        version: 999,
        name: '999_extra.sql',
        sql: 'CREATE TABLE test_extra (portal_id bigint NOT NULL, id text NOT NULL, PRIMARY KEY (portal_id, id));',
        checksum: 'e',
      };
      try {
        expect(await migrate(db(), { migrations: [...migrations, extra] })).toEqual({
          applied: ['999_extra.sql'],
          unknown: [],
        });
        expect(await migrate(db(), { migrations: [...migrations, extra] })).toEqual({
          applied: [],
          unknown: [],
        });
        // Code that does not know 999 yet (an older release) still starts.
        expect(await migrate(db())).toEqual({ applied: [], unknown: [999] });
      } finally {
        await db().exec(
          'DROP TABLE IF EXISTS test_extra; DELETE FROM schema_migrations WHERE version = 999;',
        );
      }
    });
  });
}
