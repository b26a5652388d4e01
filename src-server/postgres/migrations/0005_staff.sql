-- Up Migration
-- Staff mode on the server: the help-desk staff enrolled with a PIN (only a scrypt hash of it),
-- their wrong PINs counted per staff member and per kiosk, their sessions (bound to one kiosk),
-- the one-time grants they issue, each account's events, and the audit entries kiosks upload.
-- Tokens and grants are random and long: a SHA-256 digest is all that is kept.
CREATE TABLE staff_members (
  staff_id     text        PRIMARY KEY,
  display_name text        NOT NULL,
  -- NULL when the role comes from the directory's groups (read at every sign-in).
  role         text        CHECK (role IN ('agent', 'supervisor')),
  pin_salt     bytea       NOT NULL,
  pin_hash     bytea       NOT NULL,
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  removed_at   timestamptz
);

CREATE TABLE staff_pin_lockouts (
  staff_digest bytea       PRIMARY KEY,
  failures     integer     NOT NULL,
  locked_until timestamptz
);

CREATE TABLE staff_kiosk_failures (
  device_id text        NOT NULL,
  at        timestamptz NOT NULL
);
CREATE INDEX staff_kiosk_failures_device ON staff_kiosk_failures (device_id, at);

CREATE TABLE staff_sessions (
  token_digest bytea       PRIMARY KEY,
  staff_id     text        NOT NULL REFERENCES staff_members (staff_id) ON DELETE CASCADE,
  role         text        NOT NULL,
  device_id    text        NOT NULL,
  opened_at    timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL,
  ttl_seconds  integer     NOT NULL
);

CREATE TABLE staff_grants (
  identifier     text        NOT NULL,
  purpose        text        NOT NULL,
  digest         bytea       NOT NULL,
  staff_id       text        NOT NULL,
  expires_at     timestamptz NOT NULL,
  -- Set while an operation uses the grant; a crashed instance's reservation ends with it.
  reserved_until timestamptz,
  PRIMARY KEY (identifier, purpose)
);

CREATE TABLE account_events (
  id         bigserial   PRIMARY KEY,
  identifier text        NOT NULL,
  at         timestamptz NOT NULL,
  kind       text        NOT NULL,
  actor      text,
  reason     text,
  detail     text
);
CREATE INDEX account_events_identifier ON account_events (identifier, id);

CREATE TABLE audit_entries (
  device_id text    NOT NULL,
  event_id  text    NOT NULL,
  seq       integer NOT NULL,
  body      jsonb   NOT NULL,
  PRIMARY KEY (device_id, event_id)
);
CREATE INDEX audit_entries_seq ON audit_entries (device_id, seq);

-- An e-mail code held by the operation using it: a parallel use of one code is refused (a
-- crashed instance's hold ends with it).
ALTER TABLE journey_codes ADD COLUMN held_until timestamptz;

-- Staff search reads the change feed's copy of the directory: its folded names and numbers.
ALTER TABLE directory_records ADD COLUMN search_text text;

-- Down Migration
ALTER TABLE directory_records DROP COLUMN search_text;
ALTER TABLE journey_codes DROP COLUMN held_until;
DROP TABLE audit_entries;
DROP TABLE account_events;
DROP TABLE staff_grants;
DROP TABLE staff_sessions;
DROP TABLE staff_kiosk_failures;
DROP TABLE staff_pin_lockouts;
DROP TABLE staff_members;
