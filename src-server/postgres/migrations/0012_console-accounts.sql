-- Up Migration
-- For the console's staff actions: which account and where.
-- The account an uploaded audit line is about, opened once when the line is accepted: a kiosk
-- seals it to the service's key (@tag:JWE), so the console could neither show nor filter it.
-- NULL when the subject is no sealed account (an outbox reference) or does not open.
ALTER TABLE audit_entries ADD COLUMN account text;
CREATE INDEX audit_entries_account ON audit_entries (account) WHERE account IS NOT NULL;
-- The kiosk a staff action on an account came from (NULL for the rest, and before this).
ALTER TABLE account_events ADD COLUMN device_id text;

-- Down Migration
ALTER TABLE account_events DROP COLUMN device_id;
DROP INDEX audit_entries_account;
ALTER TABLE audit_entries DROP COLUMN account;
