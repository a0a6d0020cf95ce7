-- 400 alert lifecycle and 3R tasks (src/alerts/). Runs unchanged on PGlite and PostgreSQL ≥ 15.

-- An episode is one stretch of time during which a root (reasons that share a
-- task, e.g. revenue and frequency falling) has at least one open reason. It
-- carries the 3R deadlines and the HubSpot task ids: one respond task, then one
-- plan task once the respond task is completed (never both open). `generation`
-- counts the episodes of a (company, root), so the deterministic task key
-- (portal, company, root, generation, kind) is new for a new episode and the
-- same for every retry of the same one. Workflow-action tasks are episodes
-- with source 'workflow' and root 'wf:<hash of the reason text>'.
CREATE TABLE alert_episodes (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  portal_id              bigint NOT NULL,
  company_id             text NOT NULL,
  root                   text NOT NULL,
  generation             integer NOT NULL,
  source                 text NOT NULL DEFAULT 'engine' CHECK (source IN ('engine', 'workflow')),
  -- Worst level among the episode's open reasons (the task's priority).
  level                  text NOT NULL CHECK (level IN ('red', 'yellow', 'green')),
  owner_id               text,
  opened_at              timestamptz NOT NULL,
  closed_at              timestamptz,
  -- Opened by the baseline evaluation after install: no task.
  baseline               boolean NOT NULL DEFAULT false,
  -- What noise control decided: no task, a task, or a line in the owner's daily digest.
  task_mode              text NOT NULL DEFAULT 'none' CHECK (task_mode IN ('none', 'task', 'digest')),
  -- The owner's local day the task (or digest line) counts against (daily budget).
  task_day               date,
  respond_by             timestamptz,
  plan_by                timestamptz,
  respond_task_id        text,
  respond_completed_at   timestamptz,
  plan_task_id           text,
  plan_completed_at      timestamptz,
  -- Its tasks were completed by us because the reasons cleared (reopened within the quiet period → reopened).
  tasks_closed_on_clear  boolean NOT NULL DEFAULT false,
  -- The task ids we completed on clear (only these are reopened; a task the owner completed stays done).
  auto_completed_task_ids text[] NOT NULL DEFAULT '{}',
  escalated_at           timestamptz,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (portal_id, company_id, root, generation)
);
CREATE UNIQUE INDEX alert_episodes_open_idx
  ON alert_episodes (portal_id, company_id, root) WHERE closed_at IS NULL;
CREATE INDEX alert_episodes_respond_task_idx
  ON alert_episodes (portal_id, respond_task_id) WHERE respond_task_id IS NOT NULL;
CREATE INDEX alert_episodes_plan_task_idx
  ON alert_episodes (portal_id, plan_task_id) WHERE plan_task_id IS NOT NULL;
CREATE INDEX alert_episodes_budget_idx ON alert_episodes (portal_id, owner_id, task_day);

ALTER TABLE alerts
  ADD COLUMN episode_id  bigint,
  -- The reason's message parameters (rendered in the reader's language).
  ADD COLUMN params      jsonb NOT NULL DEFAULT '{}',
  -- Why it closed, as a message reference {code, params}; close_reason holds its code.
  ADD COLUMN close_ref   jsonb,
  -- Times it reopened within the quiet period (the same row, no new task).
  ADD COLUMN reopened    integer NOT NULL DEFAULT 0;
CREATE INDEX alerts_episode_idx ON alerts (episode_id);
CREATE INDEX alerts_recently_closed_idx
  ON alerts (portal_id, company_id, code, closed_at) WHERE closed_at IS NOT NULL;

-- Outbox rows that describe "make HubSpot match our current state" (an app
-- object record, a digest task) are queued again when the state changes; a
-- change while one is in flight sets requeue, so the run after it sees it.
ALTER TABLE hubspot_outbox ADD COLUMN requeue boolean NOT NULL DEFAULT false;

-- Workflow-action calls by HubSpot's callbackId: a repeated call answers the
-- stored response instead of acting twice.
CREATE TABLE workflow_callbacks (
  portal_id    bigint NOT NULL,
  callback_id  text NOT NULL,
  action       text NOT NULL,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, callback_id)
);
CREATE INDEX workflow_callbacks_created_idx ON workflow_callbacks (created_at);

-- Per portal: when the baseline alert sync ran (the first after install opens
-- alerts without tasks). A tenant table, so an uninstall's purge forgets it and
-- a reinstall starts with a baseline again.
CREATE TABLE alert_portal_state (
  portal_id    bigint PRIMARY KEY,
  baseline_at  timestamptz NOT NULL
);
