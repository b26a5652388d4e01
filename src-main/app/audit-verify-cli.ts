/**
 * `npm run audit:verify [-- --data-dir <dir>]`: checks the journal's audit log end to end and
 * names the first entry that does not hold: each entry must follow the one before (its number
 * and the previous hash), match its hash, and carry the seal that only the keychain's audit key
 * makes (so an entry edited, or the chain redone with plain SHA-256, shows). Then it checks the
 * journal against two entries the keychain keeps: the last one the API acknowledged and the last
 * one the kiosk wrote; a journal cut before either (its tail, everything, or the file deleted) or
 * different there is broken. Read-only: it never migrates or writes. Exit codes: 0 intact;
 * 1 broken, or not provable (the audit key is missing); 2 no journal (and nothing kept) or an
 * older one; 3 the keychain did not answer, so the seals and the end were not checked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { ChainBreak } from '../core/staff-audit-chain';
import { parseAuditKey, type AuditKey } from '../secrets/audit-key';
import { createKeytarStore } from '../secrets/keytar-store';
import { SECRET_NAMES } from '../secrets/secret-store';
import { verifyAuditJournal } from '../store/audit-chain';
import { parseAuditHead } from './audit-head';
import { schemaVersion } from '../store/database';
import { loadConfig } from './config';

/** An entry the journal must reach and hold: `who` acknowledged or wrote it. */
interface Mark {
  seq: number;
  hash: string;
  who: 'the API acknowledged' | 'the kiosk wrote';
}

/** What the keychain holds for the audit log; null when it did not answer. */
interface Kept {
  /** The last entry the API acknowledged, then the last the kiosk wrote: those it keeps. */
  marks: Mark[];
  /** The audit key; `unreadable` when something is there that is not one. */
  key: AuditKey | 'unreadable' | null;
}

async function readKeychain(service: string): Promise<Kept | null> {
  try {
    const secrets = createKeytarStore(service);
    const anchor = parseAuditHead(await secrets.get(SECRET_NAMES.auditAnchor));
    const head = parseAuditHead(await secrets.get(SECRET_NAMES.auditHead));
    const keyText = await secrets.get(SECRET_NAMES.auditKey);
    return {
      marks: [
        ...(anchor ? [{ ...anchor, who: 'the API acknowledged' as const }] : []),
        ...(head ? [{ ...head, who: 'the kiosk wrote' as const }] : []),
      ],
      key: keyText === null ? null : (parseAuditKey(keyText) ?? 'unreadable'),
    };
  } catch {
    return null;
  }
}

/** What each break means, for the person reading the report. */
const BREAKS: Record<ChainBreak, string> = {
  sequence: 'it is not the entry expected there: entries before it were deleted or moved',
  link: 'it does not follow on from the entry before it: an entry was deleted, inserted or moved',
  hash: 'it was changed after it was written (its content does not match its hash)',
  unsealed: 'it has no seal: it was added or altered outside the kiosk',
  seal:
    "it was changed, or the chain rewritten from there, by someone without the kiosk's audit " +
    'key (its seal does not match)',
};

/** Whether this journal is the one the key was made for, with entries written before it. */
function beforeKey(db: Database.Database, key: AuditKey): boolean {
  if (key.sealedThrough === 0) return false;
  const row = db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(key.sealedThrough);
  return row === key.sealedHash;
}

const say = (text: string) => process.stdout.write(`audit: ${text}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
  const config = loadConfig(process.env);
  const dataDir = values['data-dir'] ?? config.dataDir;
  const path = join(dataDir, 'journal.db');
  const kept = await readKeychain(config.keychainService);
  if (!existsSync(path)) {
    const mark = kept?.marks.at(-1);
    if (mark) {
      say(
        `chain BROKEN: there is no journal at ${path}, but ${mark.who} entries up to ` +
          `#${mark.seq}: the journal was deleted`,
      );
      return 1;
    }
    process.stderr.write(`audit: no journal at ${path}\n`);
    return 2;
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (schemaVersion(db) < 6) {
      process.stderr.write(
        'audit: this journal is from an older version of the kiosk; start the kiosk once ' +
          '(it brings the journal up to date and seals its entries), then run this again\n',
      );
      return 2;
    }
    const key = kept && kept.key !== 'unreadable' ? kept.key : null;
    const verdict = verifyAuditJournal(db, key?.key ?? null);
    if (!verdict.ok) {
      say(
        `chain BROKEN at entry #${verdict.brokenAt}: ${BREAKS[verdict.why]}; ` +
          'this entry and every one after it are unproven',
      );
      return 1;
    }
    if (kept === null) {
      say(
        `the hash chain holds (${verdict.count} entries), but the keychain did not answer: ` +
          'the seals and the end of the journal were NOT checked, so the entries are not proven',
      );
      return 3;
    }
    const hashAt = db.prepare<[number], string>('SELECT hash FROM audit WHERE seq = ?').pluck();
    for (const mark of kept.marks) {
      if (mark.seq > verdict.count) {
        say(
          (verdict.count === 0
            ? 'chain BROKEN: the journal has no entries'
            : `chain BROKEN: the journal ends at entry #${verdict.count}`) +
            `, but ${mark.who} entries up to #${mark.seq}: entries were deleted from its end`,
        );
        return 1;
      }
      if (hashAt.get(mark.seq) !== mark.hash) {
        say(
          `chain BROKEN at entry #${mark.seq}: it is not the entry ${mark.who} ` +
            '(the chain was rewritten)',
        );
        return 1;
      }
    }
    if (key === null) {
      say(
        `NOT PROVEN: the audit key is ${kept.key === null ? 'missing from' : 'unreadable in'} the ` +
          `keychain (service "${config.keychainService}"), so the seals cannot be checked and ` +
          'anyone with the disk could have rewritten the entries',
      );
      return 1;
    }
    const [acknowledged, written] = (['the API acknowledged', 'the kiosk wrote'] as const).map(
      (who) => kept.marks.find((mark) => mark.who === who)?.seq ?? 0,
    );
    const unkept = verdict.count - Math.max(acknowledged!, written!);
    say(
      `chain intact, ${verdict.count} entries, head ${verdict.head}; every seal holds` +
        (acknowledged ? `; the API acknowledged up to entry #${acknowledged}` : '') +
        (written ? `; the keychain holds the last entry the kiosk wrote, #${written}` : '') +
        (unkept > 0
          ? `; the last ${unkept} ${unkept === 1 ? 'entry is' : 'entries are'} in neither, so ` +
            'they could be cut from the end unseen'
          : '') +
        (beforeKey(db, key)
          ? `; ${key.sealedThrough === 1 ? 'entry #1 was' : `entries #1 to #${key.sealedThrough} were`} ` +
            `written before the audit key existed and sealed when it was made (${key.since}): ` +
            'proven unchanged since then only'
          : ''),
    );
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = await main();
