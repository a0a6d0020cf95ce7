import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { openPgliteTestDb } from '../helpers/test-db.js';

// The default mode: PGlite in a data folder, kept across restarts.
test('a PGlite data folder keeps its data across restarts', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kam-pgdata-'));
  try {
    const first = await openPgliteTestDb(dir);
    await first.query('INSERT INTO portals (portal_id, time_zone) VALUES ($1, $2)', [
      7,
      'Asia/Shanghai',
    ]);
    await first.close();
    const again = await openStore({ database: { kind: 'pglite', dataDir: dir } });
    expect(again.migrations).toEqual({ applied: [], unknown: [] });
    const { rows } = await again.db.query('SELECT portal_id, time_zone FROM portals');
    expect(rows).toEqual([{ portal_id: 7, time_zone: 'Asia/Shanghai' }]);
    await again.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
