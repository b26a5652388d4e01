-- Up Migration
-- The account an uploaded audit line is about, opened once when the line is accepted: a kiosk
-- seals it to the service's key (@tag:JWE), so the console could neither show nor filter it.
-- NULL when the subject is no sealed account (an outbox reference) or does not open.
ALTER TABLE audit_entries ADD COLUMN account text;
CREATE INDEX audit_entries_account ON audit_entries (account) WHERE account IS NOT NULL;

-- Down Migration
DROP INDEX audit_entries_account;
ALTER TABLE audit_entries DROP COLUMN account;
