-- Up Migration
-- The agent's free note on a staff action, kept by the service with the account's event (the
-- kiosk no longer keeps it in its journal).
ALTER TABLE account_events ADD COLUMN note text;

-- Down Migration
ALTER TABLE account_events DROP COLUMN note;
