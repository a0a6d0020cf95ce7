import { settingsSchema, type Settings } from '../domain/settings.js';
import { ConflictError, NotFoundError, fromZodError } from '../errors.js';
import { sqlState, type Db, type Queryable } from '../store/db.js';

/**
 * Per-portal settings in `portal_settings`, validated with the engine's
 * `settingsSchema`. What the admin sent is stored as given (after validation),
 * so a default that changes in a later release reaches portals that never set
 * it; reads fill the defaults. Every save raises `version` (optimistic
 * concurrency: pass the version you read) and is kept in
 * `portal_settings_history`. The version is part of every evaluation's input
 * hash, so a change re-evaluates everything (recomputePortal).
 */

export interface StoredSettings {
  settings: Settings;
  /** 0 while the portal has never saved settings (all defaults). */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

interface SettingsRow {
  settings: unknown;
  version: number | null;
  updated_at: Date | null;
  updated_by: string | null;
  time_zone: string | null;
}

/** Validates settings; a ValidationError names each bad field (`settings.score.weights: must sum to 1`). */
export function parseSettings(input: unknown): Settings {
  const parsed = settingsSchema.safeParse(input ?? {});
  if (!parsed.success) throw fromZodError(parsed.error, 'settings', input);
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The portal's time zone (from HubSpot's account info) applies unless settings name one. */
function withPortalDefaults(input: unknown, timeZone: string | null): unknown {
  const base = isRecord(input) ? input : {};
  return timeZone && base.timeZone === undefined ? { ...base, timeZone } : base;
}

export async function getSettingsRecord(db: Queryable, portalId: number): Promise<StoredSettings> {
  const { rows } = await db.query<SettingsRow>(
    `SELECT s.settings, s.version, s.updated_at, s.updated_by, p.time_zone
       FROM (SELECT $1::bigint AS portal_id) k
       LEFT JOIN portals p ON p.portal_id = k.portal_id
       LEFT JOIN portal_settings s ON s.portal_id = k.portal_id`,
    [portalId],
  );
  const row = rows[0];
  const settings = parseSettings(withPortalDefaults(row?.settings ?? {}, row?.time_zone ?? null));
  return {
    settings,
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

export async function getSettings(db: Queryable, portalId: number): Promise<Settings> {
  return (await getSettingsRecord(db, portalId)).settings;
}

export interface SaveSettingsOptions {
  /** The version the change was based on; a newer stored version is a ConflictError. */
  expectedVersion?: number;
  updatedBy?: string;
}

/** Validates and stores a portal's settings (replacing the previous input); returns the new version. */
export async function saveSettings(
  db: Db,
  portalId: number,
  input: unknown,
  options: SaveSettingsOptions = {},
): Promise<StoredSettings> {
  parseSettings(input);
  const stored = isRecord(input) ? input : {};
  const save = async (tx: Queryable): Promise<StoredSettings> => {
    const current = await tx.query<{ version: number }>(
      'SELECT version FROM portal_settings WHERE portal_id = $1 FOR UPDATE',
      [portalId],
    );
    const version = current.rows[0]?.version ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new ConflictError(
        `settings were changed by someone else (version ${version}, yours ${options.expectedVersion}); reload and apply your change again`,
        { version, expectedVersion: options.expectedVersion },
      );
    }
    const next = version + 1;
    try {
      await tx.query(
        `INSERT INTO portal_settings (portal_id, settings, version, updated_at, updated_by)
         VALUES ($1, $2::jsonb, $3, now(), $4)
         ON CONFLICT (portal_id) DO UPDATE
           SET settings = EXCLUDED.settings, version = EXCLUDED.version,
               updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [portalId, JSON.stringify(stored), next, options.updatedBy ?? null],
      );
    } catch (error) {
      if (sqlState(error) === '23503')
        throw new NotFoundError(`portal ${portalId} is not installed`, { portalId });
      throw error;
    }
    await tx.query(
      `INSERT INTO portal_settings_history (portal_id, version, settings, updated_by)
       VALUES ($1, $2, $3::jsonb, $4)`,
      [portalId, next, JSON.stringify(stored), options.updatedBy ?? null],
    );
    return getSettingsRecord(tx, portalId);
  };
  return db.transaction(save);
}
