-- 100 install: OAuth state nonces and the provisioning report (BE1).

-- One row per /install: the nonce inside the signed `state`, used once by the
-- callback. Not a tenant table (no portal yet), so purgePortal leaves it alone;
-- expired rows are deleted as new ones are made.
CREATE TABLE oauth_states (
  nonce       text PRIMARY KEY,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at);

-- What the last provisioning run did (created, updated, conflicts, errors),
-- shown by the status endpoint; conflicting kam_* properties are never written.
ALTER TABLE portals ADD COLUMN provisioning_report jsonb;
ALTER TABLE portals ADD COLUMN provisioned_at timestamptz;
