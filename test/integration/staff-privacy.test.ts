/**
 * The privacy scan of issue 16, on the bytes: after a staff session that touches one student
 * in every way (a PIN typed into the staff-identifier field, a search by number, the offline
 * search by number and birth date, the student's page, an unlock with a passport number in its
 * note, a resend queued while the API is away, the audit uploaded and a batch queued), neither
 * journal.db nor its WAL holds the note, the student's identifier, number or birth date, or the
 * typed PIN; nor does any audit batch queued for upload, opened with the kiosk's own key. The
 * central copy can still read whom each staff action was about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AUDIT_UPLOAD_KIND } from '../../src-main/app/staff/audit-upload';
import { createAtRest, payloadAad } from '../../src-main/outbox/at-rest';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { deriveJournalKey } from '../../src-main/secrets/lookup-keys';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { openAuditSubject } from '../../src-main/simulator/sealing-key';
import { useJourneyKiosk } from '../support/journey-kiosk';

const AGENT = { staffId: 'agent01', pin: '482913' };
// Sofia Ødegaard, locked (test/support/dataset.ts).
const STUDENT = { identifier: 'sodegaard', studentNumber: '21110005', birthDate: '2000-07-21' };
const NOTE = 'passeport 12AB34567';
const setup = useJourneyKiosk({ pinSealingKey: true });

/** What must never be on the kiosk's disk in clear, in the spellings it could take. */
function markers(): string[] {
  const [y, m, d] = STUDENT.birthDate.split('-') as [string, string, string];
  return [
    '12AB34567',
    STUDENT.identifier,
    STUDENT.studentNumber,
    STUDENT.birthDate,
    `${d}${m}${y}`,
    `${d}/${m}/${y}`,
    `${y}${m}${d}`,
    AGENT.pin,
  ];
}

function leaks(text: Buffer, where: string): string[] {
  return markers().flatMap((marker) =>
    (['utf8', 'utf16le'] as const)
      .filter((encoding) => text.includes(Buffer.from(marker, encoding)))
      .map((encoding) => `${marker} in ${where} (${encoding})`),
  );
}

const dataDir = () => join(setup.folder.path, 'data');

/** The audit batches waiting in the outbox (an applied one keeps no body), opened with the kiosk's own key. */
async function queuedBatches(): Promise<string[]> {
  const stored = await createKeytarStore(setup.current.service).get(SECRET_NAMES.lookupKey);
  const atRest = createAtRest(deriveJournalKey(Buffer.from(stored!, 'base64')));
  const db = new Database(join(dataDir(), 'journal.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT idempotency_key, payload_json FROM outbox WHERE kind = ? AND state = 'pending'",
      )
      .all(AUDIT_UPLOAD_KIND) as { idempotency_key: string; payload_json: string }[];
    return rows.map((row) => atRest.open(row.payload_json, payloadAad(row.idempotency_key))!);
  } finally {
    db.close();
  }
}

describe('privacy scan: the journal, its WAL and the upload queue', () => {
  it('hold no note, identifier, student number, birth date or typed PIN', async () => {
    const { kiosk, simulator } = setup.current;
    // A PIN typed into the staff-identifier field, then the right sign-in.
    const typo = await kiosk.dispatch('staff.signIn', { staffId: AGENT.pin, pin: AGENT.pin });
    expect(typo.ok).toBe(false);
    await setup.call('staff.signIn', AGENT);
    await setup.call('staff.search', { query: STUDENT.studentNumber });
    await setup.call('staff.searchOffline', {
      studentNumber: STUDENT.studentNumber,
      birthDate: '21072000',
    });
    await setup.call('staff.student', { identifier: STUDENT.identifier });
    await setup.call('staff.unlock', {
      identifier: STUDENT.identifier,
      verification: { document: 'passport' },
      reason: 'account_locked',
      note: NOTE,
    });
    const central = async () =>
      (await simulator.state.audit.list('kiosk-it-journeys', 0, 500)).events;
    // A pass may be under way already (the upload at start): the next one takes the unlock.
    await expect
      .poll(async () => {
        await kiosk.uploadAudit();
        return (await central()).some((e) => e.action === 'staff.unlock');
      })
      .toBe(true);

    // The API away: a resend waits in the outbox for this account, and so does an audit batch.
    simulator.faults.set({ down: true });
    const queued = await setup.call<{ receipt: { reference: string } | null }>(
      'staff.resendActivation',
      { identifier: STUDENT.identifier, reason: 'email_not_received' },
    );
    expect(queued.receipt?.reference).toEqual(expect.any(String));
    await kiosk.uploadAudit();
    const batches = await queuedBatches();
    expect(batches.length).toBeGreaterThan(0);

    const found: string[] = [];
    for (const file of ['journal.db', 'journal.db-wal']) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(dataDir(), file));
      } catch {
        continue; // no WAL left: nothing in it
      }
      found.push(...leaks(bytes, file));
    }
    batches.forEach((batch, i) => found.push(...leaks(Buffer.from(batch), `queued batch ${i}`)));
    expect(found).toEqual([]);

    // The central copy reads whom the unlock was about; the kiosk's upload named no one.
    const uploaded = await central();
    const unlock = uploaded.find((e) => e.action === 'staff.unlock');
    expect(JSON.stringify(uploaded)).not.toContain(STUDENT.identifier);
    expect(await openAuditSubject(simulator.state.sealing, unlock?.subject ?? null)).toBe(
      STUDENT.identifier,
    );
  });
});
