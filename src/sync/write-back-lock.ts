import type { Db } from '../store/db.js';
import { PostgresDb } from '../store/postgres-db.js';

/**
 * One write-back per portal at a time, across async tasks of this process and
 * across processes (PostgreSQL session advisory lock). Without it two workers
 * race: one reads a company's values, another patches its rank and writes the
 * newer value, then the first one's older value reaches HubSpot last and stays
 * (the scale-out suite caught a kam_rank_pct left one point behind). Held, a
 * write-back computes its diff from the latest committed evaluations.
 */

const WRITE_BACK_LOCK = 482_913_119;
const chains = new Map<number, Promise<unknown>>();

async function withAdvisoryLock<T>(db: Db, portalId: number, fn: () => Promise<T>): Promise<T> {
  if (!(db instanceof PostgresDb)) return fn();
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [WRITE_BACK_LOCK, portalId % 2 ** 31]);
    return await fn();
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1, $2)', [WRITE_BACK_LOCK, portalId % 2 ** 31])
      .catch(() => undefined);
    client.release();
  }
}

export function withWriteBackLock<T>(db: Db, portalId: number, fn: () => Promise<T>): Promise<T> {
  const previous = chains.get(portalId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => withAdvisoryLock(db, portalId, fn));
  const tail = run.catch(() => undefined);
  chains.set(portalId, tail);
  void tail.then(() => {
    if (chains.get(portalId) === tail) chains.delete(portalId);
  });
  return run;
}
