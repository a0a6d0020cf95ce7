import { AsyncLocalStorage } from 'node:async_hooks';
import { InternalError } from '../errors.js';

/**
 * The one database interface the app uses, implemented on embedded PGlite and
 * on a PostgreSQL pool. Same SQL for both: `$1` parameters, PostgreSQL 15
 * features at most. Values come back the same on both backends:
 * int/bigint → number (bigint beyond 2^53 → BigInt), numeric → string,
 * timestamptz → Date, json/jsonb → parsed value, text[] → string[].
 *
 * Parameters: `undefined` is sent as NULL and plain objects are sent as JSON
 * text, so `$1::jsonb` takes an object directly; arrays are sent as PostgreSQL
 * arrays (`$1::text[]`) — wrap a JSON array with `JSON.stringify` for jsonb.
 */

export interface QueryResult<T> {
  rows: T[];
  /** Rows inserted, updated, deleted or returned by the statement. */
  rowCount: number;
}

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A transaction handle: only valid inside the callback that received it. */
export type Tx = Queryable;

export type DbKind = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DbKind;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when
   * it throws. Use only `tx` inside: calling this Db from within its own
   * transaction throws (on PGlite it would wait for itself forever).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface TxContext {
  owner: object;
  open: boolean;
}

const txContext = new AsyncLocalStorage<TxContext>();

/** Runs `fn` marked as inside a transaction of `owner` (for the re-entrance guard). */
export async function runInTxContext<T>(owner: object, fn: () => Promise<T>): Promise<T> {
  const ctx: TxContext = { owner, open: true };
  try {
    return await txContext.run(ctx, fn);
  } finally {
    ctx.open = false;
  }
}

/** True when the current async call chain is inside an open transaction of `owner`. */
export function isInsideTransactionOf(owner: object): boolean {
  const ctx = txContext.getStore();
  return ctx !== undefined && ctx.open && ctx.owner === owner;
}

export function assertNotInsideTransaction(owner: object, what: string): void {
  if (isInsideTransactionOf(owner)) {
    throw new InternalError(
      `${what} was called on the database from inside one of its own transactions; use the transaction handle (tx) instead`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Makes parameters behave the same on both drivers (see the module comment). */
export function normalizeParams(params: readonly unknown[] | undefined): unknown[] {
  if (params === undefined) return [];
  return params.map((p) => (p === undefined ? null : isPlainObject(p) ? JSON.stringify(p) : p));
}

/** A transaction handle that refuses use after its transaction ended. */
export function guardTx(inner: Queryable): { tx: Tx; close: () => void } {
  let closed = false;
  const check = () => {
    if (closed) throw new InternalError('transaction handle used after its transaction ended');
  };
  const tx: Tx = {
    async query<T extends object = Row>(sql: string, params?: readonly unknown[]) {
      check();
      return inner.query<T>(sql, params);
    },
    async exec(sql: string) {
      check();
      return inner.exec(sql);
    },
  };
  return { tx, close: () => (closed = true) };
}

/** The SQLSTATE of a database error (same on both drivers), e.g. '23505' for a unique violation. */
export function sqlState(error: unknown): string | null {
  if (error !== null && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';
