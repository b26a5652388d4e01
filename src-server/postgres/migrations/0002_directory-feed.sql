-- Up Migration
-- The directory change feed the server builds by scanning the directory (ldapts has no
-- syncrepl): the latest version of every record, keyed by the directory's entryUUID, and a
-- tombstone for a record that left. `version` comes from one sequence, so it orders the feed.
CREATE SEQUENCE directory_feed_seq;

CREATE TABLE directory_records (
  record_id  text        PRIMARY KEY,
  version    bigint      NOT NULL,
  -- A digest of what kiosks are served, so that an unchanged entry keeps its version.
  digest     text,
  -- { studentNumber, birthDate, student } as the feed serves it; NULL for a tombstone.
  body       jsonb,
  deleted_at timestamptz
);
CREATE UNIQUE INDEX directory_records_version ON directory_records (version);

-- One row: when the first scan finished (enrolments seen then count as validated long ago),
-- and the oldest version a cursor may still start after (older cursors get 410).
CREATE TABLE directory_feed_state (
  singleton     boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  first_scan_at timestamptz,
  horizon       bigint      NOT NULL DEFAULT 0,
  epoch         text        NOT NULL DEFAULT md5(random()::text)
);
INSERT INTO directory_feed_state DEFAULT VALUES;

-- Down Migration
DROP TABLE directory_feed_state;
DROP TABLE directory_records;
DROP SEQUENCE directory_feed_seq;
