import {
  daily,
  defaultSchedules,
  every,
  pgliteAnalyze,
  runScheduleNow,
  startSchedules,
} from '../../src/jobs/schedules.js';
import { analyzeGrownTables } from '../../src/store/analyze.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { testDeps } from '../server/test-deps.js';

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
}, 60_000);
afterAll(async () => {
  await store?.close();
});

describe('schedules', () => {
  test('a daily period is the date of the latest run time at or before now', () => {
    const s = daily('x', '03:00', async () => undefined);
    expect(s.cron).toBe('0 3 * * *');
    expect(s.periodOf(new Date('2026-03-14T02:59:59Z'))).toBe('2026-03-13');
    expect(s.periodOf(new Date('2026-03-14T03:00:00Z'))).toBe('2026-03-14');
    expect(s.periodOf(new Date('2026-03-01T01:00:00Z'))).toBe('2026-02-28');
    const t = every('y', 10, async () => undefined);
    expect(t.cron).toBe('*/10 * * * *');
    expect(t.periodOf(new Date('2026-03-14T10:19:59Z'))).toBe('2026-03-14T10:10');
  });

  test('a schedule runs once per period however often it fires, and is recorded', async () => {
    let runs = 0;
    const s = daily('t-once', '03:00', async () => {
      runs++;
      return { ok: true };
    });
    const deps = testDeps(store.db);
    const at = new Date('2026-03-14T04:00:00Z');
    await Promise.all([runScheduleNow(deps, s, at), runScheduleNow(deps, s, at)]);
    await runScheduleNow(deps, s, new Date('2026-03-14T23:00:00Z'));
    expect(runs).toBe(1);
    await runScheduleNow(deps, s, new Date('2026-03-15T03:00:00Z'));
    expect(runs).toBe(2);
    const { rows } = await store.db.query<{ period_key: string; status: string }>(
      "SELECT period_key, status FROM job_runs WHERE schedule_name = 't-once' ORDER BY period_key",
    );
    expect(rows).toEqual([
      { period_key: '2026-03-14', status: 'done' },
      { period_key: '2026-03-15', status: 'done' },
    ]);
  });

  test('a failed run is recorded and runs again at the next fire', async () => {
    let runs = 0;
    const s = daily('t-fail', '03:00', async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
    });
    const deps = testDeps(store.db);
    const at = new Date('2026-03-14T04:00:00Z');
    await runScheduleNow(deps, s, at);
    await runScheduleNow(deps, s, at);
    expect(runs).toBe(2);
  });

  test('a period missed while the process was down is caught up at start', async () => {
    let runs = 0;
    const s = daily('t-catch-up', '03:00', async () => void runs++);
    // The worker was down at 03:00 and starts at 09:00: the day's run happens at start.
    const deps = testDeps(store.db, { now: () => new Date('2026-03-14T09:00:00Z') });
    const running = startSchedules(deps, [s]);
    await running.caughtUp;
    await running.stop();
    expect(runs).toBe(1);
    const again = startSchedules(deps, [s]);
    await again.caughtUp;
    await again.stop();
    expect(runs).toBe(1);
  });

  test('PGlite: tables that grew since their last ANALYZE are analyzed, the others left alone', async () => {
    const db = store.db;
    await db.query('CREATE TABLE analyze_probe (id int PRIMARY KEY, v text)');
    const stats = async () =>
      (
        await db.query<{ reltuples: number }>(
          "SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'analyze_probe'",
        )
      ).rows[0].reltuples;
    await db.query(
      "INSERT INTO analyze_probe SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g",
    );
    expect(await stats()).toBeLessThanOrEqual(0); // never analyzed: the planner guesses
    expect(defaultSchedules).toContain(pgliteAnalyze);
    const first = (await pgliteAnalyze.run({ deps: testDeps(db), periodKey: 'p1' })) as {
      analyzed: string[];
    };
    if (db.kind === 'pglite') {
      expect(first.analyzed).toContain('public.analyze_probe');
      expect(await stats()).toBe(20000);
    } else expect(first.analyzed).toEqual([]); // PostgreSQL: autovacuum's job
    // Nothing grew since: nothing to do.
    expect(await analyzeGrownTables(db)).not.toContain('public.analyze_probe');
    await db.query(
      "INSERT INTO analyze_probe SELECT g, repeat('x', 100) FROM generate_series(20001, 30000) g",
    );
    expect(await analyzeGrownTables(db)).toContain('public.analyze_probe');
    expect(await stats()).toBe(30000);
    await db.query('DROP TABLE analyze_probe');
  });
});
