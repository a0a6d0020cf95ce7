import { mkdir } from 'node:fs/promises';
import { PGlite, type Results } from '@electric-sql/pglite';
import {
  assertNotInsideTransaction,
  guardTx,
  normalizeParams,
  runInTxContext,
  type Db,
  type QueryResult,
  type Queryable,
  type Row,
  type Tx,
} from './db.js';

export const MEMORY = 'memory://';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<Results<T>>;
  exec(sql: string): Promise<unknown>;
}

function toResult<T>(res: Results<T>): QueryResult<T> {
  // PGlite reports 0 affected rows for SELECT; pg counts the rows returned.
  return { rows: res.rows, rowCount: Math.max(res.affectedRows ?? 0, res.rows.length) };
}

function queryable(target: PgliteLike): Queryable {
  return {
    async query<T extends object = Row>(sql: string, params?: readonly unknown[]) {
      return toResult(await target.query<T>(sql, normalizeParams(params)));
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/**
 * Embedded PostgreSQL (one connection, one process). PGlite queues every
 * statement behind an open `transaction()`, so concurrent callers (pg-boss
 * polling, HTTP handlers) never run inside somebody else's transaction: they
 * wait for it to finish.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  readonly pglite: PGlite;
  readonly #direct: Queryable;
  #closed = false;

  private constructor(pglite: PGlite) {
    this.pglite = pglite;
    this.#direct = queryable(pglite);
  }

  /**
   * `dataDir` is a folder (created if missing) or `memory://`. `loadDataDir`
   * starts from a dump (`dumpDataDir()`), skipping initdb: tests use a migrated
   * template so each file does not pay for a fresh cluster.
   */
  static async open(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteDb> {
    if (!dataDir.startsWith(MEMORY)) await mkdir(dataDir, { recursive: true });
    const pglite = await PGlite.create(
      dataDir,
      options.loadDataDir ? { loadDataDir: options.loadDataDir } : {},
    );
    return new PgliteDb(pglite);
  }

  /** A tarball of the whole database (see `open`'s `loadDataDir`). */
  async dump(compression: 'gzip' | 'none' = 'gzip'): Promise<Blob> {
    return this.pglite.dumpDataDir(compression);
  }

  async query<T extends object = Row>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<T>> {
    assertNotInsideTransaction(this, 'query()');
    return this.#direct.query<T>(sql, params);
  }

  async exec(sql: string): Promise<void> {
    assertNotInsideTransaction(this, 'exec()');
    return this.#direct.exec(sql);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    assertNotInsideTransaction(this, 'transaction()');
    return this.pglite.transaction(async (ptx) => {
      const { tx, close } = guardTx(queryable(ptx));
      try {
        return await runInTxContext(this, () => fn(tx));
      } finally {
        close();
      }
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pglite.close();
  }
}
