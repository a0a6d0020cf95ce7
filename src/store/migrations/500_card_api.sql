-- 500 card API (src/card-api/): idempotent writes, settings re-evaluation jobs,
-- and what the portfolio query needs. Runs unchanged on PGlite and PostgreSQL ≥ 15.

-- One row per Idempotency-Key of a state-changing card API call. The first
-- request claims the key ('running'), then stores its answer ('done'); a
-- repeat with the same request hash gets that answer, with another hash a 409.
-- A 5xx answer is not stored (the row is deleted), so HubSpot's one retry runs
-- the operation again — every operation behind these calls is idempotent.
CREATE TABLE card_api_requests (
  portal_id        bigint NOT NULL,
  idempotency_key  text NOT NULL,
  endpoint         text NOT NULL,
  request_hash     text NOT NULL,
  status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  response_status  integer,
  response         jsonb,
  user_id          text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  completed_at     timestamptz,
  PRIMARY KEY (portal_id, idempotency_key)
);
CREATE INDEX card_api_requests_created_idx ON card_api_requests (created_at);

-- A full re-evaluation started by saving settings: the id the settings page
-- polls, the pg-boss job behind it, and what progress is measured against
-- (evaluation rows written with a revision above base_revision, of total).
CREATE TABLE settings_jobs (
  portal_id         bigint NOT NULL,
  job_id            text NOT NULL,
  boss_job_id       text,
  settings_version  integer NOT NULL,
  base_revision     bigint NOT NULL,
  total             integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, job_id)
);
CREATE INDEX settings_jobs_created_idx ON settings_jobs (created_at);

-- Progress of a full pass: rows written since it started.
CREATE INDEX evaluations_revision_idx ON evaluations (portal_id, revision);

-- Open alert reasons per level, kept by PostgreSQL from the stored state, so
-- the portfolio sums them with the other scalar columns instead of reading
-- every state document.
ALTER TABLE evaluations
  ADD COLUMN open_red integer GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(state, '$.openAlerts[*] ? (@.level == "red")'))) STORED,
  ADD COLUMN open_yellow integer GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(state, '$.openAlerts[*] ? (@.level == "yellow")'))) STORED,
  ADD COLUMN open_green integer GENERATED ALWAYS AS
    (jsonb_array_length(jsonb_path_query_array(state, '$.openAlerts[*] ? (@.level == "green")'))) STORED;

-- 3R compliance of the portfolio page: tasked episodes by their respond deadline.
CREATE INDEX alert_episodes_respond_by_idx ON alert_episodes (portal_id, respond_by) WHERE task_mode = 'task';
