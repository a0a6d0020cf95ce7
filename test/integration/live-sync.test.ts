import { testDatabaseKind } from '../helpers/test-db.js';
import { liveSyncSuite } from './live-sync-suite.js';

// PGlite by default; KAM_TEST_DATABASE=postgres runs it on PostgreSQL.
liveSyncSuite(testDatabaseKind());
