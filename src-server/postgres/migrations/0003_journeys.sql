-- Up Migration
-- The student journeys' short-lived secrets and the little the directory does not hold.

-- One live e-mail code per account and purpose. Only a keyed digest is kept (HMAC with the
-- server's secret key): eight digits are too few for a plain hash to hide them from whoever
-- reads the database.
CREATE TABLE journey_codes (
  identifier text        NOT NULL,
  purpose    text        NOT NULL,
  digest     bytea       NOT NULL,
  expires_at timestamptz NOT NULL,
  failures   integer     NOT NULL DEFAULT 0,
  PRIMARY KEY (identifier, purpose)
);

-- Student sessions (login before mail settings), by keyed digest of the token.
CREATE TABLE student_sessions (
  token_digest bytea       PRIMARY KEY,
  identifier   text        NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX student_sessions_expiry ON student_sessions (expires_at);

-- What the directory does not say: when the charter was accepted, when the forwarding changed.
CREATE TABLE account_notes (
  identifier             text PRIMARY KEY,
  charter_accepted_at    timestamptz,
  redirection_changed_at timestamptz
);

-- Down Migration
DROP TABLE account_notes;
DROP TABLE student_sessions;
DROP TABLE journey_codes;
