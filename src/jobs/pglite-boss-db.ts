import type PgBoss from 'pg-boss';
import { normalizeParams } from '../store/db.js';
import type { PgliteDb } from '../store/pglite-db.js';

/**
 * pg-boss's `db` option on the app's PGlite instance. What it takes to run
 * pg-boss 10 on PGlite:
 * - pg-boss sends parameterless scripts of several statements (its schema
 *   creation and maintenance, wrapped in BEGIN … COMMIT with an advisory lock);
 *   PGlite's `query` takes one statement, so those go through `exec`, inside a
 *   PGlite transaction so that a failure is rolled back rather than leaving the
 *   single connection in an aborted transaction;
 * - `undefined` parameters become NULL and objects JSON (pg does this itself);
 * - pg-boss completes and fails jobs without awaiting: after `close()` every
 *   call answers an empty result instead of touching a closed database, and
 *   `drain()` waits for calls already under way.
 * Everything else (partitioned job tables, plpgsql, SKIP LOCKED, advisory
 * locks, sha224, gen_random_uuid) works unchanged.
 */
export interface PgliteBossDb extends PgBoss.Db {
  close(): void;
  drain(): Promise<void>;
}

interface SqlResult {
  rows: unknown[];
}

export function pgliteBossDb(db: PgliteDb): PgliteBossDb {
  const inFlight = new Set<Promise<SqlResult>>();
  let closed = false;

  async function run(text: string, values: unknown[] | undefined): Promise<SqlResult> {
    if (values === undefined || values.length === 0) {
      const results = await db.pglite.transaction((tx) => tx.exec(text));
      return results[results.length - 1] ?? { rows: [] };
    }
    return db.pglite.query(text, normalizeParams(values));
  }

  return {
    executeSql(text: string, values?: unknown[]): Promise<SqlResult> {
      if (closed || db.closed) return Promise.resolve({ rows: [] });
      const pending = run(text, values);
      inFlight.add(pending);
      const forget = () => inFlight.delete(pending);
      pending.then(forget, forget);
      return pending;
    },
    close() {
      closed = true;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
