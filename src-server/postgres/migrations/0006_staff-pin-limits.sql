-- Up Migration
-- Staff PIN limits that one person cannot turn against an agent (issue 16): each wrong PIN is
-- kept with the kiosk it came from for a day, so a kiosk's delay stays at that kiosk and the
-- daily bound per identifier counts every kiosk (src-main/simulator/staff-pin-limits.ts). The
-- identifier's lock that followed the agent to every kiosk goes.
CREATE TABLE staff_pin_failures (
  staff_digest bytea       NOT NULL,
  device_id    text        NOT NULL,
  at           timestamptz NOT NULL,
  -- The right PIN was typed at this kiosk since: it no longer makes that kiosk wait.
  settled      boolean     NOT NULL DEFAULT false
);
CREATE INDEX staff_pin_failures_digest ON staff_pin_failures (staff_digest, at);
CREATE INDEX staff_pin_failures_at ON staff_pin_failures (at);

DROP TABLE staff_pin_lockouts;

-- Down Migration
CREATE TABLE staff_pin_lockouts (
  staff_digest bytea       PRIMARY KEY,
  failures     integer     NOT NULL,
  locked_until timestamptz
);
DROP TABLE staff_pin_failures;
