import pg from 'pg';
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

/** Type ids whose parsing differs between pg and PGlite by default. */
const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;
const TIMESTAMP = 1114;
const TEXT_ARRAY = 1009;

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
const builtinParser = (oid: number, format: 'text' | 'binary' = 'text') =>
  pg.types.getTypeParser(oid as TypeId, format);

function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/**
 * Parsers matching PGlite's results (see db.ts), set per pool so the global
 * pg defaults (used by pg-boss's own pool) stay untouched.
 */
export const pgliteCompatibleTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === 'binary') return builtinParser(oid, 'binary');
    switch (oid) {
      case INT8:
        return parseInt8;
      case INT8_ARRAY: {
        const parseTextArray = builtinParser(TEXT_ARRAY) as (t: string) => (string | null)[];
        return (text: string) =>
          parseTextArray(text).map((v) => (v === null ? null : parseInt8(v)));
      }
      case DATE:
        // PGlite: midnight UTC. pg's default would be local midnight.
        return (text: string) => new Date(`${text}T00:00:00Z`);
      case TIMESTAMP:
        return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
      default:
        return builtinParser(oid);
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object = Row>(
      sql: string,
      params?: readonly unknown[],
    ): Promise<QueryResult<T>> {
      const res = await client.query<T>(sql, normalizeParams(params));
      return { rows: res.rows, rowCount: res.rowCount ?? res.rows.length };
    },
    async exec(sql: string) {
      // No parameters → simple query protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

export interface PostgresDbOptions {
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  applicationName?: string;
}

/** PostgreSQL through a pg.Pool: any number of processes may share the database. */
export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  readonly #direct: Queryable;
  readonly #url: string;
  #closed = false;

  constructor(options: PostgresDbOptions) {
    this.#url = options.url;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'kam',
      types: pgliteCompatibleTypes,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
    this.#direct = queryable(this.pool);
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
    const client = await this.pool.connect();
    const { tx, close } = guardTx(queryable(client));
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await runInTxContext(this, () => fn(tx));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: tell the pool to discard it.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      close();
      client.release(broken);
    }
  }

  /** The connection string (holds the password: never log it). pg-boss opens its own pool with it. */
  connectionString(): string {
    return this.#url;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }
}
