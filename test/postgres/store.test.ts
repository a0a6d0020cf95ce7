import { takeTokens } from '../../src/store/rate-limit.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, openTestStore, type TestStore } from '../helpers/test-db.js';
import { dbSuite } from '../store/suites/db-suite.js';
import { inboxSuite } from '../store/suites/inbox-suite.js';
import { jobRunsSuite } from '../store/suites/job-runs-suite.js';
import { migrationsSuite } from '../store/suites/migrations-suite.js';
import { rateLimitSuite } from '../store/suites/rate-limit-suite.js';
import { tenancySuite } from '../store/suites/tenancy-suite.js';

// The PGlite suites, on a database of their own on the PostgreSQL server.
let store: TestStore;
beforeAll(async () => {
  store = await openTestStore({ kind: 'postgres' });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

const getStore = () => store;
dbSuite(getStore);
migrationsSuite(getStore);
tenancySuite(getStore);
inboxSuite(getStore);
rateLimitSuite(getStore);
jobRunsSuite(getStore);

describe('several processes on one database', () => {
  test('start at once on an empty database: one applies the migrations, the others wait and find them done', async () => {
    const database = await createTestDatabase();
    try {
      const stores = await Promise.all(
        [1, 2, 3].map(() =>
          openStore({ database: { kind: 'postgres', url: database.url, poolSize: 2 } }),
        ),
      );
      const applied = stores.map((s) => s.migrations.applied.length).sort();
      expect(applied[0]).toBe(0);
      expect(applied[1]).toBe(0);
      expect(applied[2]).toBeGreaterThan(0);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await database.drop();
    }
  }, 60_000);

  test('share one token bucket per portal across connection pools', async () => {
    const other = await store.openSibling();
    const at = new Date('2026-06-01T00:00:00Z');
    const waits = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        takeTokens(i % 2 === 0 ? store.db : other.db, 901, 1, { at }),
      ),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(new Set(waits).size).toBe(146); // 0 plus 145 distinct, increasing waits
  }, 30_000);
});
