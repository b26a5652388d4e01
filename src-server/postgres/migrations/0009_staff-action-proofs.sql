-- Up Migration
-- Proofs a live staff session gets for the writes a kiosk may queue (unlock, resend to the
-- address on file): each for one kiosk, agent, account and action, kept by its SHA-256 only,
-- spent by the write whose Idempotency-Key is recorded (its retries still pass).
CREATE TABLE staff_action_proofs (
  digest     bytea       PRIMARY KEY,
  staff_id   text        NOT NULL,
  role       text        NOT NULL,
  device_id  text        NOT NULL,
  identifier text        NOT NULL,
  action     text        NOT NULL,
  expires_at timestamptz NOT NULL,
  spent_by   text
);
CREATE INDEX staff_action_proofs_expires_at ON staff_action_proofs (expires_at);

-- Down Migration
DROP TABLE staff_action_proofs;
