/**
 * What the outbox keeps in the journal is sealed at rest: a queued body holds an activation or
 * reset code, a redirect address (and passwords, already sealed to the API), and an applied
 * write's answer may hold the address too. The kiosk must send the body as the contract says
 * (a code and an address in clear, inside TLS), so it must read them back: they are sealed with
 * AES-256-GCM under a key derived from the keychain key (lookup-keys.ts: deriveJournalKey), not
 * to the API's key. The disk alone opens none of it.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { openBytes, sealBytes } from '../secrets/aead';
import type { Db } from '../store/database';

const PREFIX = 'sealed:v1:';

/** Seals and opens the journal's outbox texts; the AAD ties a text to its row and column. */
export interface AtRest {
  seal(text: string, aad: string): string;
  /** The text, or null when it does not open (another key: the keychain was reset). */
  open(stored: string, aad: string): string | null;
  /** A keyed tag of a text (the account a row waits for): equal texts, equal tags. */
  tag(text: string): string;
}

/** The AAD of a row's body and of its answer. */
export const payloadAad = (idempotencyKey: string) => `outbox payload\u0000${idempotencyKey}`;
export const resultAad = (id: number) => `outbox result\u0000${id}`;
/** The AAD of a row's account identifier and of its path (which names the account too). */
export const accountAad = (reference: string) => `outbox account\u0000${reference}`;
export const pathAad = (reference: string) => `outbox path\u0000${reference}`;

/** Seals under `key` (32 bytes). */
export function createAtRest(key: Buffer): AtRest {
  const tagKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'outbox account tag', 32));
  return {
    tag: (text) => createHmac('sha256', tagKey).update(text, 'utf8').digest('base64url'),
    seal: (text, aad) => PREFIX + sealBytes(key, text, aad).toString('base64'),
    open(stored, aad) {
      if (!stored.startsWith(PREFIX)) return null;
      const text = openBytes(key, Buffer.from(stored.slice(PREFIX.length), 'base64'), aad);
      return text ? text.toString('utf8') : null;
    },
  };
}

/**
 * Seals what an older build left in clear: bodies of rows still pending or dead (a staff retry
 * needs them), answers of applied rows; an applied row's body is dropped (nothing replays it);
 * the account identifier and the path of every row (before journal migration 7). Runs at start,
 * in one transaction; the outbox is small (it is pruned), so the scan is cheap.
 */
export function sealLegacyRows(db: Db, atRest: AtRest): number {
  return sealLegacyBodies(db, atRest) + sealLegacyAccounts(db, atRest);
}

/** Rows whose account and path are in clear: the account becomes its tag, both are sealed. */
function sealLegacyAccounts(db: Db, atRest: AtRest): number {
  const legacy = db.prepare<[], { id: number; reference: string; account: string; path: string }>(
    'SELECT id, reference, account, path FROM outbox WHERE account_sealed IS NULL',
  );
  const update = db.prepare(
    'UPDATE outbox SET account = ?, account_sealed = ?, path = ? WHERE id = ?',
  );
  return db.transaction(() => {
    const rows = legacy.all();
    for (const row of rows) {
      update.run(
        atRest.tag(row.account),
        atRest.seal(row.account, accountAad(row.reference)),
        atRest.seal(row.path, pathAad(row.reference)),
        row.id,
      );
    }
    return rows.length;
  })();
}

function sealLegacyBodies(db: Db, atRest: AtRest): number {
  const legacy = db.prepare<
    [],
    {
      id: number;
      state: string;
      idempotency_key: string;
      payload_json: string;
      result_json: string | null;
    }
  >(
    `SELECT id, state, idempotency_key, payload_json, result_json FROM outbox
     WHERE (payload_json <> '' AND payload_json NOT LIKE '${PREFIX}%')
        OR (result_json IS NOT NULL AND result_json NOT LIKE '${PREFIX}%')`,
  );
  const update = db.prepare('UPDATE outbox SET payload_json = ?, result_json = ? WHERE id = ?');
  return db.transaction(() => {
    const rows = legacy.all();
    for (const row of rows) {
      const sealedPayload = row.payload_json.startsWith(PREFIX)
        ? row.payload_json
        : atRest.seal(row.payload_json, payloadAad(row.idempotency_key));
      const sealedResult =
        row.result_json === null || row.result_json.startsWith(PREFIX)
          ? row.result_json
          : atRest.seal(row.result_json, resultAad(row.id));
      update.run(row.state === 'sent' ? '' : sealedPayload, sealedResult, row.id);
    }
    return rows.length;
  })();
}
