-- 200 mirror, recompute and write-back (src/sync/). Runs unchanged on PGlite and PostgreSQL ≥ 15.

-- Every write of an evaluation row takes a new revision, so a long full pass
-- can tell the rows an incremental recompute wrote while it ran (and not
-- overwrite them with older results). One sequence for all portals: only the
-- order matters.
CREATE SEQUENCE evaluation_revision_seq;

ALTER TABLE evaluations
  -- What the ranking needs besides score/segment/is_key, so the ranking can be
  -- rebuilt from these rows alone (portfolio-cache.ts).
  ADD COLUMN trailing_revenue  double precision NOT NULL DEFAULT 0,
  ADD COLUMN disqualified      boolean NOT NULL DEFAULT false,
  -- Problems the mapper found in this company's HubSpot values (shown on the card).
  ADD COLUMN mapping_warnings  jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN revision          bigint NOT NULL DEFAULT nextval('evaluation_revision_seq');

-- portfolio_stats.stats holds the PortfolioStats JSON of the last full pass.
-- version rises with every change of the cached ranking (any recompute), so a
-- process can tell whether its in-memory copy is current; settings_version is
-- the settings version the statistics were built with; changed_ids are the
-- companies re-evaluated since (the statistics are rebuilt past a share).
ALTER TABLE portfolio_stats
  ADD COLUMN version           bigint NOT NULL DEFAULT 0,
  ADD COLUMN settings_version  integer NOT NULL DEFAULT 0,
  ADD COLUMN changed_ids       jsonb NOT NULL DEFAULT '[]';

-- Every saved version of a portal's settings (who changed what, and rollback).
CREATE TABLE portal_settings_history (
  portal_id   bigint NOT NULL,
  version     integer NOT NULL,
  settings    jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text,
  PRIMARY KEY (portal_id, version)
);

-- Engagements by type for the look-back window of one type.
CREATE INDEX mirror_engagements_type_idx ON mirror_engagements (portal_id, engagement_type, occurred_at);
