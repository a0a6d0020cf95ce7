import { alertStoriesSuite } from '../alerts/alert-stories-suite.js';

// The alert stories (issue 6) on PostgreSQL.
alertStoriesSuite('postgres');
