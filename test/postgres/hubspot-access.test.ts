import { accessProcessesSuite } from '../hubspot/suites/access-processes-suite.js';

// Token refresh shared by two processes needs PostgreSQL's row locks.
accessProcessesSuite();
