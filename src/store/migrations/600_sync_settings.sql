-- 600 per-portal sync settings (src/sync/sync-settings.ts). NULL = the default,
-- so a default changed in a later release reaches portals that never set one.

-- The backfill's share of the portal's API limit (0.1 … 0.9; default 0.5).
ALTER TABLE portals ADD COLUMN backfill_share double precision
  CHECK (backfill_share IS NULL OR (backfill_share >= 0.1 AND backfill_share <= 0.9));
