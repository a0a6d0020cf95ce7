import type { DatabaseTarget } from '../config.js';
import type { Db, DbKind } from './db.js';
import { migrate, type MigrateResult } from './migrate.js';
import { PgliteDb } from './pglite-db.js';
import { PostgresDb } from './postgres-db.js';

export interface Store {
  db: Db;
  kind: DbKind;
  /** What the startup migration did. */
  migrations: MigrateResult;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Run pending migrations (default true). */
  migrate?: boolean;
  applicationName?: string;
}

export async function openDb(target: DatabaseTarget, options: OpenStoreOptions = {}): Promise<Db> {
  if (target.kind === 'pglite') return PgliteDb.open(target.dataDir);
  const url = typeof target.url === 'string' ? target.url : target.url.reveal();
  return new PostgresDb({
    url,
    poolSize: target.poolSize,
    applicationName: options.applicationName,
  });
}

/** Opens the database named by the configuration and brings its schema up to date. */
export async function openStore(
  config: { database: DatabaseTarget },
  options: OpenStoreOptions = {},
): Promise<Store> {
  const db = await openDb(config.database, options);
  try {
    const migrations = options.migrate === false ? { applied: [], unknown: [] } : await migrate(db);
    return { db, kind: db.kind, migrations, close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
}
