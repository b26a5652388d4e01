-- Up Migration
-- Each upload must continue the chain stored for its kiosk (continueChain): one entry per place
-- in a kiosk's chain, and where each kiosk's chain ends with when that entry was accepted (what
-- a supervisor reads as "verified up to entry N at T").
DROP INDEX audit_entries_seq;
CREATE UNIQUE INDEX audit_entries_seq ON audit_entries (device_id, seq);

CREATE TABLE audit_heads (
  device_id   text        PRIMARY KEY,
  seq         integer     NOT NULL,
  hash        text        NOT NULL,
  verified_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE audit_heads;
DROP INDEX audit_entries_seq;
CREATE INDEX audit_entries_seq ON audit_entries (device_id, seq);
