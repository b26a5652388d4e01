/**
 * Offline staff sign-in's verifiers in the journal (migration 5): one row per agent seen online
 * on this kiosk, under a keyed hash of the staff identifier, with the keyed scrypt verifier of
 * their PIN (secrets/staff-verifier.ts), never the PIN. Times are epoch ms.
 */
import type { StaffRole } from '../core/staff-roles';
import type { PinVerifier } from '../secrets/staff-verifier';
import type { Db } from './database';

export interface StoredStaffVerifier extends PinVerifier {
  displayName: string;
  role: StaffRole;
  seenAt: number;
}

interface Row {
  display_name: string;
  role: StaffRole;
  salt: string;
  verifier: string;
  seen_at: number;
}

/** The verifiers' queries, prepared once. */
export function createStaffVerifierStore(db: Db) {
  const select = db.prepare<[string], Row>(
    'SELECT display_name, role, salt, verifier, seen_at FROM staff_verifier WHERE staff_key = ?',
  );
  const upsert = db.prepare(`
    INSERT INTO staff_verifier (staff_key, display_name, role, salt, verifier, seen_at)
    VALUES (@key, @displayName, @role, @salt, @verifier, @seenAt)
    ON CONFLICT (staff_key) DO UPDATE SET display_name = excluded.display_name,
      role = excluded.role, salt = excluded.salt, verifier = excluded.verifier,
      seen_at = excluded.seen_at`);
  return {
    get(key: string): StoredStaffVerifier | null {
      const row = select.get(key);
      return row
        ? {
            displayName: row.display_name,
            role: row.role,
            salt: row.salt,
            verifier: row.verifier,
            seenAt: row.seen_at,
          }
        : null;
    },
    put(key: string, entry: StoredStaffVerifier): void {
      upsert.run({ key, ...entry });
    },
  };
}
export type StaffVerifierStore = ReturnType<typeof createStaffVerifierStore>;
