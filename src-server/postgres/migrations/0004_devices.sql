-- Up Migration
-- Kiosk devices and their bearer tokens, shared by every instance (a kiosk behind a load
-- balancer reaches any of them). Secrets and tokens are random and long: a SHA-256 digest is
-- all that is kept; the secret itself is printed once, when the kiosk is registered.
CREATE TABLE devices (
  device_id     text        PRIMARY KEY,
  secret_digest bytea       NOT NULL,
  label         text        NOT NULL DEFAULT '',
  registered_at timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);

CREATE TABLE kiosk_tokens (
  token_digest bytea       PRIMARY KEY,
  device_id    text        NOT NULL REFERENCES devices (device_id),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX kiosk_tokens_expiry ON kiosk_tokens (expires_at);

-- Down Migration
DROP TABLE kiosk_tokens;
DROP TABLE devices;
