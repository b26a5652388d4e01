-- Up Migration
-- The help-desk console (src-server/console): supervisors' sessions, kept by the SHA-256 of
-- their random token only, with an idle and an absolute expiry.
CREATE TABLE console_sessions (
  token_digest bytea       PRIMARY KEY,
  staff_id     text        NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX console_sessions_expires_at ON console_sessions (expires_at);

-- Every console action (sign-in, refused or not, sign-out, views, exports): who, from where,
-- what, with which filters. Never a password.
CREATE TABLE console_audit (
  id        bigserial   PRIMARY KEY,
  at        timestamptz NOT NULL,
  staff_id  text,
  client    text        NOT NULL,
  action    text        NOT NULL,
  outcome   text        NOT NULL,
  detail    jsonb
);
CREATE INDEX console_audit_at ON console_audit (at);

-- Audit uploads the service refused (the 422 of POST /v1/audit/events): which kiosk, when, the
-- typed reason and the entry it stopped at, for the console's kiosk page.
CREATE TABLE audit_refusals (
  id        bigserial   PRIMARY KEY,
  device_id text        NOT NULL,
  at        timestamptz NOT NULL,
  code      text        NOT NULL,
  seq       integer     NOT NULL,
  entries   integer     NOT NULL
);
CREATE INDEX audit_refusals_device ON audit_refusals (device_id, at);

-- Down Migration
DROP TABLE audit_refusals;
DROP TABLE console_audit;
DROP TABLE console_sessions;
