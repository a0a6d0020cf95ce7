import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { queueSuite } from './suites/queue-suite.js';

// pg-boss 10 on PGlite; test/postgres runs the same suite on PostgreSQL.
let store: TestStore;
beforeAll(async () => {
  store = await openTestStore({ kind: 'pglite' });
}, 120_000);
afterAll(async () => {
  await store?.close();
});

queueSuite(() => store);
