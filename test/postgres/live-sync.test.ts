import { liveSyncSuite } from '../integration/live-sync-suite.js';

// The whole live-sync path (sandbox → webhook → inbox → jobs → write-back) on PostgreSQL.
liveSyncSuite('postgres');
