import type { Db, Queryable } from './db.js';

/**
 * PGlite runs no autovacuum, so nothing refreshes the planner's statistics
 * after bulk writes (a backfill, a full pass writing every evaluation row,
 * pg-boss's job table): plans made for a few rows then crawl over millions.
 * This is the part of autovacuum we need: ANALYZE each table whose file grew
 * by more than `growth` since its last ANALYZE (pg_class.relpages, which
 * ANALYZE sets). Checking is cheap (file sizes, no scans). PostgreSQL's own
 * autovacuum does this there, so `analyzeIfPglite` skips it.
 */

export interface AnalyzeOptions {
  /** Share of growth (in pages) that makes a table stale; default 0.2. */
  growth?: number;
  /** Tables smaller than this many pages are left alone; default 16 (128 kB). */
  minPages?: number;
}

const SCHEMAS = ['public', 'pgboss'];

/** Tables (schema-qualified, quoted) whose statistics are stale; then ANALYZEs them. */
export async function analyzeGrownTables(
  q: Queryable,
  options: AnalyzeOptions = {},
): Promise<string[]> {
  const growth = options.growth ?? 0.2;
  const minPages = options.minPages ?? 16;
  const { rows } = await q.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
        AND pg_relation_size(c.oid) / current_setting('block_size')::int >= $2
        AND pg_relation_size(c.oid) / current_setting('block_size')::int
            > GREATEST(c.relpages, 0) * (1 + $3::float8)
      ORDER BY 1`,
    [SCHEMAS, minPages, growth],
  );
  for (const r of rows) await q.query(`ANALYZE ${r.name}`);
  return rows.map((r) => r.name);
}

/** On PGlite only (PostgreSQL's autovacuum covers it). */
export async function analyzeIfPglite(db: Db, options: AnalyzeOptions = {}): Promise<string[]> {
  return db.kind === 'pglite' ? analyzeGrownTables(db, options) : [];
}
