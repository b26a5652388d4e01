-- Up Migration
-- The Guichet server's own state, shared by every instance. Frozen once released: later changes
-- are new numbered files.

-- One row per (kiosk, Idempotency-Key): the first request claims it (lease), its final answer is
-- kept 24 h and handed back to every repeat, from any instance.
CREATE TABLE idempotency_keys (
  device_id   text        NOT NULL,
  key         text        NOT NULL,
  fingerprint text        NOT NULL,
  status      integer,
  reply       jsonb,
  leased_until timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Failed attempts (identification, passwords, codes) per subject and per kiosk, in a sliding
-- window. A check reserves a failure before the secret is looked at (check-and-reserve under a
-- per-key advisory lock), and a success gives the reservation back.
CREATE TABLE attempt_failures (
  id       bigserial   PRIMARY KEY,
  key      text        NOT NULL,
  at       timestamptz NOT NULL
);
CREATE INDEX attempt_failures_key_at ON attempt_failures (key, at);

-- Outgoing mail, written in the transaction of the change that sends it and delivered after
-- commit; a relay outage leaves rows here to retry with backoff.
CREATE TABLE mail_queue (
  id              bigserial   PRIMARY KEY,
  recipient       text        NOT NULL,
  subject         text        NOT NULL,
  body            text        NOT NULL,
  language        text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until   timestamptz,
  sent_at         timestamptz,
  last_error      text
);
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE sent_at IS NULL;

-- When the server first saw each enrolment value of a person (SupAnn does not say when an
-- enrolment was validated; activation opens 15 minutes after it).
CREATE TABLE enrolments_seen (
  person_id     text        NOT NULL,
  value         text        NOT NULL,
  first_seen_at timestamptz NOT NULL,
  PRIMARY KEY (person_id, value)
);

-- Down Migration
DROP TABLE enrolments_seen;
DROP TABLE mail_queue;
DROP TABLE attempt_failures;
DROP TABLE idempotency_keys;
