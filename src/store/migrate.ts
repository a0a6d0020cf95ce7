import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../errors.js';
import type { Db } from './db.js';

/**
 * Ordered, checksummed SQL migrations (`migrations/NNN_name.sql`), recorded in
 * `schema_migrations`. All pending migrations run in one transaction holding a
 * transaction-level advisory lock, so several processes may start at once on
 * PostgreSQL: the first applies them, the others wait and then find nothing to
 * do. A migration therefore cannot use statements that refuse a transaction
 * (CREATE INDEX CONCURRENTLY).
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  /** Versions recorded in the database that this code does not know (a newer release ran). */
  unknown: number[];
}

const FILE_PATTERN = /^(\d{3,})_([a-z0-9_]+)\.sql$/;
/** Arbitrary constant: the advisory lock key of our migrations (pg-boss uses its own keys). */
const LOCK_KEY = 482_913_117;

/** The migrations folder next to this module (source or build output). */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, 'migrations'),
    // Built code in dist/ without the .sql files copied: fall back to the sources.
    path.resolve(here, '..', '..', '..', 'src', 'store', 'migrations'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export async function loadMigrations(dir = defaultMigrationsDir()): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match)
      throw new InternalError(`migration file ${file} must be named NNN_lowercase_name.sql`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new InternalError(`two migrations share version ${version} (${file})`);
    }
    migrations.push({ version, name: file, sql, checksum: checksumOf(sql) });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

export async function migrate(
  db: Db,
  options: { dir?: string; migrations?: Migration[] } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? (await loadMigrations(options.dir));
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
        checksum    text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await tx.query<AppliedRow>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const applied = new Map(rows.map((r) => [r.version, r]));
    for (const m of migrations) {
      const row = applied.get(m.version);
      if (row && row.checksum !== m.checksum) {
        throw new InternalError(
          `migration ${m.name} changed after it was applied (checksum ${m.checksum.slice(0, 12)} ≠ recorded ${row.checksum.slice(0, 12)}); never edit an applied migration, add a new one`,
        );
      }
    }
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      try {
        await tx.exec(m.sql);
      } catch (error) {
        throw new InternalError(
          `migration ${m.name} failed: ${error instanceof Error ? error.message : String(error)}`,
          undefined,
          {
            cause: error,
          },
        );
      }
      await tx.query(
        'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [m.version, m.name, m.checksum],
      );
      done.push(m.name);
    }
    const known = new Set(migrations.map((m) => m.version));
    return { applied: done, unknown: rows.map((r) => r.version).filter((v) => !known.has(v)) };
  });
}
