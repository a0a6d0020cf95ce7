import { defaultSettings } from '../../src/domain/settings.js';
import { ConflictError, NotFoundError, ValidationError } from '../../src/errors.js';
import { getSettings, getSettingsRecord, saveSettings } from '../../src/sync/settings-store.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';

const P = 77;

describe('portal settings', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
    await store.db.query(
      `INSERT INTO portals (portal_id, time_zone) VALUES ($1, 'Asia/Shanghai')`,
      [P],
    );
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it('are the defaults, in the portal time zone, before anything is saved', async () => {
    const record = await getSettingsRecord(store.db, P);
    expect(record.version).toBe(0);
    expect(record.settings).toEqual({ ...defaultSettings, timeZone: 'Asia/Shanghai' });
  });

  it('are validated, with the offending field named', async () => {
    const bad = {
      score: { weights: { sales: 0.5, potential: 0.3, reference: 0.15, winnability: 0.15 } },
    };
    const err = await saveSettings(store.db, P, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/^settings\.score\.weights: .*sum to 1/);
    await expect(saveSettings(store.db, P, { locale: 'fr' })).rejects.toThrow(/settings\.locale/);
    expect((await getSettingsRecord(store.db, P)).version).toBe(0);
  });

  it('are versioned: each save raises the version, keeps history, and refuses a stale version', async () => {
    const first = await saveSettings(
      store.db,
      P,
      { score: { keyAccountSharePct: 25 } },
      { updatedBy: 'u1' },
    );
    expect(first.version).toBe(1);
    expect(first.settings.score.keyAccountSharePct).toBe(25);
    expect(first.settings.timeZone).toBe('Asia/Shanghai');
    const second = await saveSettings(
      store.db,
      P,
      { locale: 'zh-CN', timeZone: 'UTC' },
      { expectedVersion: 1 },
    );
    expect(second.version).toBe(2);
    // A save replaces the admin's input: the share is back to its default.
    expect((await getSettings(store.db, P)).score.keyAccountSharePct).toBe(20);
    expect((await getSettings(store.db, P)).timeZone).toBe('UTC');
    await expect(saveSettings(store.db, P, {}, { expectedVersion: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const { rows } = await store.db.query<{ version: number; updated_by: string | null }>(
      'SELECT version, updated_by FROM portal_settings_history WHERE portal_id = $1 ORDER BY version',
      [P],
    );
    expect(rows).toEqual([
      { version: 1, updated_by: 'u1' },
      { version: 2, updated_by: null },
    ]);
  });

  it('need an installed portal', async () => {
    await expect(saveSettings(store.db, 999, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
