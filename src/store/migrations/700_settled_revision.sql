-- 700 durable follow-up of stored evaluations (src/sync/settle.ts): the
-- write-back of kam_* values and the alert sync run after an evaluation
-- commits; settled_revision is the revision they were done for, so a row
-- whose revision is above it still has follow-up due (a worker killed in
-- between, an update HubSpot refused) and the next settle does it.
ALTER TABLE evaluations ADD COLUMN settled_revision bigint NOT NULL DEFAULT 0;
UPDATE evaluations SET settled_revision = revision;
CREATE INDEX evaluations_unsettled_idx ON evaluations (portal_id, revision)
  WHERE settled_revision < revision;
