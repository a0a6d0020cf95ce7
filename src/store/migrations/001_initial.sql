-- 001 initial schema. Runs unchanged on PGlite and PostgreSQL ≥ 15.
-- Conventions:
--   * every tenant table has portal_id (HubSpot portal/hub id) first in its key,
--     and every query filters on it; purgePortal() finds tenant tables through it;
--   * HubSpot object ids are text (the API sends strings);
--   * times are timestamptz; JSON is jsonb; scores are double precision.
--   * never edit an applied migration: add NNN_next.sql instead.

-- Portals (tenants) -----------------------------------------------------------

CREATE TABLE portals (
  portal_id              bigint PRIMARY KEY,
  install_state          text NOT NULL DEFAULT 'installing'
                           CHECK (install_state IN ('installing', 'installed', 'uninstalled')),
  hub_domain             text,
  time_zone              text NOT NULL DEFAULT 'UTC',
  currency               text,
  installed_at           timestamptz,
  uninstalled_at         timestamptz,
  -- HubSpot app objects (kam_account_review, kam_alert) usable in this portal.
  app_objects_available  boolean NOT NULL DEFAULT false,
  -- Version of the data model (properties, groups) last provisioned into the portal.
  provisioning_version   integer NOT NULL DEFAULT 0,
  scopes                 text[] NOT NULL DEFAULT '{}',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portals_install_state_idx ON portals (install_state);

-- Tokens are AES-256-GCM ciphertexts (crypto.ts); key_id names the key used so
-- rows still on an old key can be found and re-encrypted after a rotation.
CREATE TABLE oauth_tokens (
  portal_id          bigint PRIMARY KEY REFERENCES portals (portal_id) ON DELETE CASCADE,
  access_token_enc   text NOT NULL,
  refresh_token_enc  text NOT NULL,
  key_id             text NOT NULL,
  expires_at         timestamptz NOT NULL,
  refreshed_at       timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oauth_tokens_expires_at_idx ON oauth_tokens (expires_at);
CREATE INDEX oauth_tokens_key_id_idx ON oauth_tokens (key_id);

-- version is an optimistic-concurrency counter: UPDATE ... WHERE version = $n.
CREATE TABLE portal_settings (
  portal_id   bigint PRIMARY KEY REFERENCES portals (portal_id) ON DELETE CASCADE,
  settings    jsonb NOT NULL DEFAULT '{}',
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text
);

-- Webhook inbox -------------------------------------------------------------
-- Durable before the 200 is sent. HubSpot does not promise unique event ids,
-- so the dedupe key is (subscription, eventId, objectId, occurredAt, property).

CREATE TABLE webhook_inbox (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  portal_id          bigint NOT NULL,
  subscription_type  text NOT NULL,
  event_id           text NOT NULL,
  object_id          text NOT NULL,
  occurred_at        timestamptz NOT NULL,
  property_name      text,
  payload            jsonb NOT NULL,
  received_at        timestamptz NOT NULL DEFAULT now(),
  status             text NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'processing', 'done', 'ignored', 'failed')),
  attempts           integer NOT NULL DEFAULT 0,
  last_error         text,
  next_attempt_at    timestamptz NOT NULL DEFAULT now(),
  processed_at       timestamptz
);
CREATE UNIQUE INDEX webhook_inbox_dedupe_idx
  ON webhook_inbox (portal_id, subscription_type, event_id, object_id, occurred_at, (COALESCE(property_name, '')));
CREATE INDEX webhook_inbox_pending_idx
  ON webhook_inbox (next_attempt_at, id) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_inbox_portal_received_idx ON webhook_inbox (portal_id, received_at);

-- Mirror of HubSpot records: only the properties the engine reads -------------

CREATE TABLE mirror_companies (
  portal_id            bigint NOT NULL,
  id                   text NOT NULL,
  properties           jsonb NOT NULL DEFAULT '{}',
  hs_lastmodifieddate  timestamptz,
  archived             boolean NOT NULL DEFAULT false,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, id)
);
CREATE INDEX mirror_companies_modified_idx ON mirror_companies (portal_id, hs_lastmodifieddate);

CREATE TABLE mirror_contacts (
  portal_id            bigint NOT NULL,
  id                   text NOT NULL,
  properties           jsonb NOT NULL DEFAULT '{}',
  hs_lastmodifieddate  timestamptz,
  archived             boolean NOT NULL DEFAULT false,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, id)
);
CREATE INDEX mirror_contacts_modified_idx ON mirror_contacts (portal_id, hs_lastmodifieddate);

CREATE TABLE mirror_deals (
  portal_id            bigint NOT NULL,
  id                   text NOT NULL,
  properties           jsonb NOT NULL DEFAULT '{}',
  hs_lastmodifieddate  timestamptz,
  archived             boolean NOT NULL DEFAULT false,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, id)
);
CREATE INDEX mirror_deals_modified_idx ON mirror_deals (portal_id, hs_lastmodifieddate);

-- Meetings, calls and emails in one table; occurred_at (hs_timestamp) bounds the look-back window.
CREATE TABLE mirror_engagements (
  portal_id            bigint NOT NULL,
  id                   text NOT NULL,
  engagement_type      text NOT NULL CHECK (engagement_type IN ('meeting', 'call', 'email')),
  occurred_at          timestamptz,
  properties           jsonb NOT NULL DEFAULT '{}',
  hs_lastmodifieddate  timestamptz,
  archived             boolean NOT NULL DEFAULT false,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, id)
);
CREATE INDEX mirror_engagements_modified_idx ON mirror_engagements (portal_id, hs_lastmodifieddate);
CREATE INDEX mirror_engagements_occurred_idx ON mirror_engagements (portal_id, occurred_at);

CREATE TABLE mirror_owners (
  portal_id   bigint NOT NULL,
  id          text NOT NULL,
  user_id     bigint,
  email       text,
  first_name  text,
  last_name   text,
  archived    boolean NOT NULL DEFAULT false,
  data        jsonb NOT NULL DEFAULT '{}',
  synced_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, id)
);

-- Associations: keyed from the "many" side, indexed from the company/contact side.
-- is_primary marks HubSpot's Primary label (a contact's or deal's primary company).

CREATE TABLE assoc_contact_company (
  portal_id   bigint NOT NULL,
  contact_id  text NOT NULL,
  company_id  text NOT NULL,
  is_primary  boolean NOT NULL DEFAULT false,
  type_ids    integer[] NOT NULL DEFAULT '{}',
  synced_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, contact_id, company_id)
);
CREATE INDEX assoc_contact_company_company_idx ON assoc_contact_company (portal_id, company_id);

CREATE TABLE assoc_deal_company (
  portal_id   bigint NOT NULL,
  deal_id     text NOT NULL,
  company_id  text NOT NULL,
  is_primary  boolean NOT NULL DEFAULT false,
  type_ids    integer[] NOT NULL DEFAULT '{}',
  synced_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, deal_id, company_id)
);
CREATE INDEX assoc_deal_company_company_idx ON assoc_deal_company (portal_id, company_id);

CREATE TABLE assoc_engagement_company (
  portal_id      bigint NOT NULL,
  engagement_id  text NOT NULL,
  company_id     text NOT NULL,
  synced_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, engagement_id, company_id)
);
CREATE INDEX assoc_engagement_company_company_idx ON assoc_engagement_company (portal_id, company_id);

CREATE TABLE assoc_engagement_contact (
  portal_id      bigint NOT NULL,
  engagement_id  text NOT NULL,
  contact_id     text NOT NULL,
  synced_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, engagement_id, contact_id)
);
CREATE INDEX assoc_engagement_contact_contact_idx ON assoc_engagement_contact (portal_id, contact_id);

-- Engine results ---------------------------------------------------------------

-- One row per company: the latest evaluation. Scalar columns are copies of
-- fields in `evaluation` kept for the portfolio and card queries. `written`
-- holds the kam_* values last written to HubSpot, so only changes are written.
CREATE TABLE evaluations (
  portal_id     bigint NOT NULL,
  company_id    text NOT NULL,
  evaluation    jsonb NOT NULL,
  state         jsonb NOT NULL DEFAULT '{}',
  score         double precision,
  rank          integer,
  rank_pct      integer,
  is_key        boolean NOT NULL DEFAULT false,
  tier          text,
  stage         text,
  health        double precision,
  health_band   text,
  alert_level   text,
  owner_id      text,
  segment       text,
  evaluated_at  timestamptz NOT NULL,
  input_hash    text NOT NULL,
  written       jsonb NOT NULL DEFAULT '{}',
  written_at    timestamptz,
  PRIMARY KEY (portal_id, company_id)
);
CREATE INDEX evaluations_rank_idx ON evaluations (portal_id, rank);
CREATE INDEX evaluations_owner_idx ON evaluations (portal_id, owner_id);
CREATE INDEX evaluations_key_idx ON evaluations (portal_id, is_key) WHERE is_key;

-- Quarterly snapshots per account (the quarterly health report and trend rules).
CREATE TABLE account_snapshots (
  portal_id   bigint NOT NULL,
  company_id  text NOT NULL,
  quarter     text NOT NULL,
  snapshot    jsonb NOT NULL,
  taken_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, company_id, quarter)
);

-- Portfolio statistics (segment percentiles etc.), rebuilt when enough accounts changed.
CREATE TABLE portfolio_stats (
  portal_id               bigint PRIMARY KEY,
  stats                   jsonb NOT NULL,
  built_at                timestamptz NOT NULL DEFAULT now(),
  accounts_changed_since  integer NOT NULL DEFAULT 0
);

-- Alerts: one open row per (portal, company, code); closed rows are history.
CREATE TABLE alerts (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  portal_id         bigint NOT NULL,
  company_id        text NOT NULL,
  code              text NOT NULL,
  level             text NOT NULL CHECK (level IN ('red', 'yellow', 'green')),
  -- Reasons sharing a root share one task.
  root              text NOT NULL,
  evidence          jsonb NOT NULL DEFAULT '{}',
  owner_id          text,
  opened_at         timestamptz NOT NULL DEFAULT now(),
  respond_by        timestamptz,
  plan_by           timestamptz,
  closed_at         timestamptz,
  close_reason      text,
  respond_task_id   text,
  plan_task_id      text,
  hubspot_alert_id  text,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alerts_open_idx ON alerts (portal_id, company_id, code) WHERE closed_at IS NULL;
CREATE INDEX alerts_company_idx ON alerts (portal_id, company_id, opened_at);
CREATE INDEX alerts_open_level_idx ON alerts (portal_id, level) WHERE closed_at IS NULL;
CREATE INDEX alerts_respond_task_idx ON alerts (portal_id, respond_task_id) WHERE respond_task_id IS NOT NULL;
CREATE INDEX alerts_plan_task_idx ON alerts (portal_id, plan_task_id) WHERE plan_task_id IS NOT NULL;

-- Writes to HubSpot ------------------------------------------------------------

-- A row is written before the HubSpot call, so a crash between the call and
-- recording its result never repeats the write under a new key.
CREATE TABLE hubspot_outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  portal_id        bigint NOT NULL,
  idempotency_key  text NOT NULL,
  kind             text NOT NULL,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'in_flight', 'done', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  result           jsonb,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  done_at          timestamptz,
  UNIQUE (portal_id, idempotency_key)
);
CREATE INDEX hubspot_outbox_pending_idx ON hubspot_outbox (next_attempt_at, id) WHERE status IN ('pending', 'in_flight');

-- Rate limits and accounting ---------------------------------------------------

-- A token bucket per portal shared by every process (rate-limit.ts).
CREATE TABLE rate_limit_buckets (
  portal_id   bigint NOT NULL,
  bucket      text NOT NULL DEFAULT 'api',
  tokens      double precision NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (portal_id, bucket)
);

-- HubSpot calls per portal, minute and category (for the bench floor and /metrics).
CREATE TABLE api_call_counts (
  portal_id     bigint NOT NULL,
  window_start  timestamptz NOT NULL,
  category      text NOT NULL,
  calls         integer NOT NULL DEFAULT 0,
  errors        integer NOT NULL DEFAULT 0,
  rate_limited  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (portal_id, window_start, category)
);

-- Sync state and schedules -------------------------------------------------------

-- Backfill cursors and reconciliation watermarks, per portal and kind
-- (e.g. 'backfill:companies', 'reconcile:deals').
CREATE TABLE sync_checkpoints (
  portal_id   bigint NOT NULL,
  kind        text NOT NULL,
  cursor      text,
  watermark   timestamptz,
  progress    jsonb NOT NULL DEFAULT '{}',
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, kind)
);

-- One row per run of a schedule and period ('nightly-reconcile', '2026-03-14'),
-- so a schedule firing in several processes runs once.
CREATE TABLE job_runs (
  schedule_name  text NOT NULL,
  period_key     text NOT NULL,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  status         text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  detail         jsonb,
  PRIMARY KEY (schedule_name, period_key)
);

-- Jobs that failed their last retry, copied out of pg-boss's dead-letter queues
-- so they are never dropped by its retention (queue.ts).
CREATE TABLE dead_letters (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id      text NOT NULL UNIQUE,
  queue       text NOT NULL,
  portal_id   bigint,
  data        jsonb,
  error       jsonb,
  failed_at   timestamptz NOT NULL DEFAULT now(),
  replayed_at timestamptz
);
CREATE INDEX dead_letters_queue_idx ON dead_letters (queue, failed_at);
CREATE INDEX dead_letters_portal_idx ON dead_letters (portal_id, failed_at);
