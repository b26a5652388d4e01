/**
 * A Guichet server instance the crash test kills (test/server/server-crash.test.ts): the real
 * server over the real slapd and PostgreSQL, whose directory port, once the write named by
 * `haltAfter` is in the directory, prints "written <method>" and never returns, so the instance
 * stops between the directory write and the stored answer until the parent SIGKILLs it. The
 * pause is this test file's decorator around the port: the server itself has no fault point.
 *   node crash-write-child.js <settings.json>
 * Prints "listening <url>" once it serves. Its claims hold a 1 s lease, so a retry elsewhere
 * takes the key over soon after the kill.
 */
import { readFileSync } from 'node:fs';
import type { Directory } from '../../src-server/ports/directory';
import { createChangeFeed } from '../../src-server/feed/directory-feed';
import { createGuichetServer } from '../../src-server/http/server';
import { createLdapDirectory } from '../../src-server/ldap/directory';
import { SUPANN_ATTRIBUTES } from '../../src-server/ldap/mapping';
import { createPool } from '../../src-server/postgres/database';
import { generateSealingKey } from '../../src-main/simulator/sealing-key';

/** What the parent passes (a file of the test's temp folder). */
export interface CrashChildSettings {
  databaseUrl: string;
  ldap: { url: string; peopleBase: string; service: { dn: string; password: string } };
  /** The chain's secret key, base64: codes another instance issued must check here. */
  secretKey: string;
  haltAfter: 'changePassword' | 'setPassword' | 'markActivated';
}

const path = process.argv[2];
if (!path) throw new Error('usage: crash-write-child.js <settings.json>');
const settings = JSON.parse(readFileSync(path, 'utf8')) as CrashChildSettings;

const ldap = createLdapDirectory({
  url: settings.ldap.url,
  peopleBase: settings.ldap.peopleBase,
  personClass: 'supannPerson',
  service: settings.ldap.service,
  attributes: SUPANN_ATTRIBUTES,
  timeoutMs: 5000,
  startTls: false,
});

/** `ldap`, halting for good right after the chosen write reached the directory. */
const directory: Directory = {
  ...ldap,
  [settings.haltAfter]: async (...args: unknown[]) => {
    await (ldap[settings.haltAfter] as (...a: unknown[]) => Promise<void>)(...args);
    process.stdout.write(`written ${settings.haltAfter}\n`);
    return new Promise<never>(() => {});
  },
};

const pool = createPool(settings.databaseUrl);
const server = createGuichetServer({
  directory,
  feed: createChangeFeed(pool, directory, { programLabel: (step) => step }),
  pool,
  clock: { now: () => new Date() },
  secretKey: Buffer.from(settings.secretKey, 'base64'),
  // The kiosk client sends passwords `plain`; a key of its own is enough here.
  sealingKey: generateSealingKey(),
  settings: { mailDomains: ['univ.test'], entUrl: 'https://ent.univ.test' },
  checkResponses: true,
  idempotencyLeaseSeconds: 1,
});
const { url } = await server.listen();
process.stdout.write(`listening ${url}\n`);
