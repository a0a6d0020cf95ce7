import { alertStoriesSuite } from './alert-stories-suite.js';

alertStoriesSuite('pglite');
