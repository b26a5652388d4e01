-- Up Migration
-- Each kiosk's heartbeat, every minute (POST /v1/kiosk/heartbeats): counts, times, versions and
-- the kiosk's own state, no personal data. Housekeeping keeps a week.
CREATE TABLE kiosk_heartbeats (
  device_id   text        NOT NULL,
  received_at timestamptz NOT NULL,
  beat        jsonb       NOT NULL,
  PRIMARY KEY (device_id, received_at)
);
CREATE INDEX kiosk_heartbeats_received_at ON kiosk_heartbeats (received_at);

-- Down Migration
DROP TABLE kiosk_heartbeats;
