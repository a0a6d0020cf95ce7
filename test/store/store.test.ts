import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { dbSuite } from './suites/db-suite.js';
import { inboxSuite } from './suites/inbox-suite.js';
import { jobRunsSuite } from './suites/job-runs-suite.js';
import { migrationsSuite } from './suites/migrations-suite.js';
import { rateLimitSuite } from './suites/rate-limit-suite.js';
import { tenancySuite } from './suites/tenancy-suite.js';

// PGlite in memory; test/postgres runs the same suites on PostgreSQL.
let store: TestStore;
beforeAll(async () => {
  store = await openTestStore({ kind: 'pglite' });
}, 120_000);
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
