/** What the server notes about an account beside the directory (account_notes). */
import type { Database } from './outage';

/** Records when the account's holder accepted the charter (activation). */
export async function noteCharterAccepted(
  db: Pick<Database, 'query'>,
  identifier: string,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO account_notes (identifier, charter_accepted_at) VALUES ($1, $2)
     ON CONFLICT (identifier) DO UPDATE SET charter_accepted_at = EXCLUDED.charter_accepted_at`,
    [identifier, at],
  );
}
