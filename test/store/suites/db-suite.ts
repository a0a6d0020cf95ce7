import { isUniqueViolation, sqlState, type Tx } from '../../../src/store/db.js';
import type { TestStore } from '../../helpers/test-db.js';

/** Db behaviour that must be identical on PGlite and PostgreSQL. */
export function dbSuite(getStore: () => TestStore): void {
  describe('Db', () => {
    const db = () => getStore().db;

    beforeAll(async () => {
      await db().exec('CREATE TABLE IF NOT EXISTS test_scratch (id integer PRIMARY KEY, v text)');
    });
    beforeEach(async () => {
      await db().query('DELETE FROM test_scratch');
    });

    test('returns values with the same JavaScript types on both backends', async () => {
      const { rows } = await db().query<Record<string, unknown>>(
        `SELECT 1::int8 AS i8, 7::int4 AS i4, 2.5::numeric AS num, 1.5::float8 AS f8, true AS b,
                '2026-03-01T10:00:00Z'::timestamptz AS ts, '2026-03-01'::date AS d,
                '{"a":[1,2]}'::jsonb AS j, ARRAY['x','y'] AS arr, NULL::text AS nothing`,
      );
      expect(rows[0]).toEqual({
        i8: 1,
        i4: 7,
        num: '2.5',
        f8: 1.5,
        b: true,
        ts: new Date('2026-03-01T10:00:00Z'),
        d: new Date('2026-03-01T00:00:00Z'),
        j: { a: [1, 2] },
        arr: ['x', 'y'],
        nothing: null,
      });
    });

    test('sends objects as JSON, undefined as NULL, arrays as arrays and dates as instants', async () => {
      const at = new Date('2026-01-02T03:04:05.678Z');
      const { rows } = await db().query<Record<string, unknown>>(
        'SELECT $1::jsonb AS j, $2::text AS u, $3::text[] AS arr, $4::timestamptz AS ts, $5::jsonb AS list',
        [{ a: { b: [1, 'x'] } }, undefined, ['p', 'q'], at, JSON.stringify([1, 2])],
      );
      expect(rows[0]).toEqual({
        j: { a: { b: [1, 'x'] } },
        u: null,
        arr: ['p', 'q'],
        ts: at,
        list: [1, 2],
      });
    });

    test('counts rows for SELECT, INSERT, UPDATE and DELETE alike', async () => {
      expect(
        (await db().query('INSERT INTO test_scratch VALUES (1, $1), (2, $1)', ['a'])).rowCount,
      ).toBe(2);
      expect((await db().query('SELECT * FROM test_scratch')).rowCount).toBe(2);
      expect((await db().query("UPDATE test_scratch SET v = 'b' WHERE id = 1")).rowCount).toBe(1);
      expect(
        (await db().query('DELETE FROM test_scratch WHERE id > 0 RETURNING id')).rowCount,
      ).toBe(2);
    });

    test('commits a transaction that resolves and rolls back one that throws', async () => {
      const value = await db().transaction(async (tx) => {
        await tx.query("INSERT INTO test_scratch VALUES (1, 'kept')");
        return 42;
      });
      expect(value).toBe(42);
      await expect(
        db().transaction(async (tx) => {
          await tx.query("INSERT INTO test_scratch VALUES (2, 'dropped')");
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      const { rows } = await db().query<{ id: number }>('SELECT id FROM test_scratch ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual([1]);
    });

    test('a caller outside a transaction never writes into it', async () => {
      let opened = () => undefined as void;
      const isOpen = new Promise<void>((r) => (opened = r));
      // Started outside the transaction; it writes while the transaction is open
      // (PostgreSQL) or waits for it to end (PGlite); either way it is not rolled back with it.
      const outside = (async () => {
        await isOpen;
        await db().query("INSERT INTO test_scratch VALUES (2, 'outside')");
      })();
      await expect(
        db().transaction(async (tx) => {
          await tx.query("INSERT INTO test_scratch VALUES (1, 'inside')");
          opened();
          await Promise.race([outside, new Promise((r) => setTimeout(r, 50))]);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await outside;
      const { rows } = await db().query<{ v: string }>('SELECT v FROM test_scratch ORDER BY id');
      expect(rows.map((r) => r.v)).toEqual(['outside']);
    });

    test('refuses the Db itself inside its own transaction instead of deadlocking', async () => {
      await expect(db().transaction(async () => db().query('SELECT 1'))).rejects.toThrow(
        /transaction handle/,
      );
      await expect(db().transaction(async () => db().transaction(async () => 1))).rejects.toThrow(
        /transaction handle/,
      );
    });

    test('refuses a transaction handle after its transaction ended', async () => {
      let leaked: Tx | undefined;
      await db().transaction(async (tx) => {
        leaked = tx;
      });
      await expect((leaked as Tx).query('SELECT 1')).rejects.toThrow(/after its transaction ended/);
    });

    test('reports SQLSTATE codes the same way', async () => {
      await db().query("INSERT INTO test_scratch VALUES (1, 'a')");
      const error = await db()
        .query("INSERT INTO test_scratch VALUES (1, 'b')")
        .catch((e: unknown) => e);
      expect(sqlState(error)).toBe('23505');
      expect(isUniqueViolation(error)).toBe(true);
    });
  });
}
