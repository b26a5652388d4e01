/**
 * The accounts behind a kiosk's sealed audit subjects, for the console's supervisors: a kiosk
 * writes an account as `@<tag>:<jwe>` (its keyed tag, and the identifier sealed to the API's
 * key, which only the service holds: src-main/core/audit-subject.ts), so the kiosk's own disk
 * names nobody; the service opens the JWE for the console. A dead letter from a heartbeat names
 * its account by the tag's first characters only: the kiosk's uploaded lines with that tag give
 * the identifier.
 */
import type { HeartbeatDeadLetterWire } from '../../src-main/api/wire-fleet';
import type { AuditEventWire } from '../../src-main/api/wire-staff';
import { openAuditSubject, type SimulatorSealingKey } from '../../src-main/simulator/sealing-key';
import type { Database } from '../postgres/outage';

/** An audit entry as stored, and the account it is about when its subject is sealed. */
export type OpenedAuditEntry = AuditEventWire & { identifier: string | null };
/** A heartbeat's dead letter, and its account's identifier when the kiosk's lines tell it. */
export type OpenedDeadLetter = HeartbeatDeadLetterWire & { identifier: string | null };

export async function openEntries(
  key: SimulatorSealingKey | null,
  entries: readonly AuditEventWire[],
): Promise<OpenedAuditEntry[]> {
  return Promise.all(
    entries.map(async (entry) => ({
      ...entry,
      identifier: key ? await openAuditSubject(key, entry.subject) : null,
    })),
  );
}

export async function openDeadLetters(
  db: Database,
  key: SimulatorSealingKey | null,
  deviceId: string,
  letters: readonly HeartbeatDeadLetterWire[],
): Promise<OpenedDeadLetter[]> {
  return Promise.all(
    letters.map(async (letter) => {
      if (!key || letter.account === null) return { ...letter, identifier: null };
      // A tag is hex: nothing in it is a LIKE wildcard.
      const { rows } = await db.query<{ subject: string }>(
        `SELECT body->>'subject' AS subject FROM audit_entries
          WHERE device_id = $1 AND body->>'subject' LIKE $2 ORDER BY seq DESC LIMIT 1`,
        [deviceId, `@${letter.account}%:%`],
      );
      const subject = rows[0]?.subject ?? null;
      return { ...letter, identifier: await openAuditSubject(key, subject) };
    }),
  );
}
