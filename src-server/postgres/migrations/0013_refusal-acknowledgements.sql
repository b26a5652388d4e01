-- Up Migration
-- A supervisor who has looked into a refused audit upload marks it seen in the console: it no
-- longer flags its kiosk (the kiosk's own report of uploads held back still does). Who and when.
ALTER TABLE audit_refusals ADD COLUMN acknowledged_at timestamptz;
ALTER TABLE audit_refusals ADD COLUMN acknowledged_by text;

-- Down Migration
ALTER TABLE audit_refusals DROP COLUMN acknowledged_by;
ALTER TABLE audit_refusals DROP COLUMN acknowledged_at;
