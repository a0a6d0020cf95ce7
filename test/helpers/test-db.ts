import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DbKind } from '../../src/store/db.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { MEMORY, PgliteDb } from '../../src/store/pglite-db.js';

/**
 * A fresh, migrated store for one test file, on either backend:
 * - PGlite in memory (default; fast, no server);
 * - PostgreSQL when `KAM_TEST_DATABASE=postgres` (or `kind: 'postgres'`): a new
 *   database `kam_test_<random>` on the server at KAM_TEST_POSTGRES_URL
 *   (default postgres://postgres@127.0.0.1:5432/postgres), dropped by close().
 * Integration tests call `openTestStore()` and so run on both backends.
 */

export const TEST_POSTGRES_URL =
  process.env.KAM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore extends Store {
  /** Connection string of the test database (postgres only). */
  url: string | null;
  /** Opens another store on the same database, as a second process would (postgres only). */
  openSibling(): Promise<Store>;
}

export function testDatabaseKind(): DbKind {
  return process.env.KAM_TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kam_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(TEST_POSTGRES_URL, name),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A fresh PGlite cluster costs an initdb (seconds on a busy machine), so the
 * first test file dumps a migrated database to the temp folder and the others
 * load it. The file name carries the PGlite version and the migration
 * checksums, so a changed migration makes a new template.
 */
const TEMPLATE_PREFIX = 'kam-pglite-template-';

async function pgliteTemplateFile(): Promise<string> {
  const migrations = await loadMigrations();
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(
    await readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const key = createHash('sha256')
    .update([pkg.version, ...migrations.map((m) => m.checksum)].join(':'))
    .digest('hex')
    .slice(0, 16);
  return path.join(tmpdir(), `${TEMPLATE_PREFIX}${key}.tar.gz`);
}

/**
 * PGlite's CommonJS build loads its parts with dynamic import(), which jest
 * runs only when the package is transformed (jest.config.cjs: PGlite in
 * `esmPackages` and a transform for its `.cjs`). Without that the jest worker
 * dies with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG and takes the whole
 * run down; fail this test file with the fix instead.
 */
function assertJestTransformsPglite(): void {
  if (process.env.JEST_WORKER_ID === undefined || process.env.KAM_JEST_PGLITE === 'transformed')
    return;
  const config = readFileSync(path.resolve('jest.config.cjs'), 'utf8');
  if (!config.includes('@electric-sql/pglite')) {
    throw new Error(
      "PGlite tests need jest.config.cjs to transform @electric-sql/pglite: add it to esmPackages and map '^.+\\.(m|c)js$' to swc (see docs/storage.md, Tests)",
    );
  }
}

/** Templates of older migration sets are dead weight in the temp folder. */
async function removeOtherTemplates(keep: string): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(TEMPLATE_PREFIX) && n !== keep && !n.endsWith('.partial'))
      .map((n) => rm(path.join(tmpdir(), n), { force: true })),
  );
}

/** A migrated PGlite database, in memory or in `dataDir`, started from the template. */
export async function openPgliteTestDb(dataDir = MEMORY): Promise<PgliteDb> {
  assertJestTransformsPglite();
  const file = await pgliteTemplateFile();
  const template = await readFile(file).catch(() => null);
  if (template) {
    const db = await PgliteDb.open(dataDir, {
      loadDataDir: new Blob([template], { type: 'application/x-gzip' }),
    });
    await migrate(db);
    return db;
  }
  const db = await PgliteDb.open(MEMORY);
  await migrate(db);
  const dump = Buffer.from(await (await db.dump()).arrayBuffer());
  // Written aside then renamed, so a parallel test file never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, dump);
  await rename(partial, file);
  await removeOtherTemplates(path.basename(file));
  if (dataDir === MEMORY) return db;
  await db.close();
  return openPgliteTestDb(dataDir);
}

export async function openTestStore(options: { kind?: DbKind } = {}): Promise<TestStore> {
  const kind = options.kind ?? testDatabaseKind();
  if (kind === 'pglite') {
    const db = await openPgliteTestDb();
    return {
      db,
      kind: 'pglite',
      migrations: { applied: [], unknown: [] },
      close: () => db.close(),
      url: null,
      openSibling: () =>
        Promise.reject(new Error('PGlite serves one process; siblings need PostgreSQL')),
    };
  }
  const database = await createTestDatabase();
  const siblings: Store[] = [];
  try {
    const store = await openStore({
      database: { kind: 'postgres', url: database.url, poolSize: 5 },
    });
    return {
      ...store,
      url: database.url,
      async openSibling() {
        const sibling = await openStore({
          database: { kind: 'postgres', url: database.url, poolSize: 5 },
        });
        siblings.push(sibling);
        return sibling;
      },
      async close() {
        await Promise.allSettled(siblings.map((s) => s.close()));
        await store.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  stepMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
