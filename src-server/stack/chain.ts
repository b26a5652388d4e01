/**
 * What the stack and the tests build the same way over throw-away services: the directory port
 * bound as the stack's service account, and a server configuration file (with its secret files)
 * pointing at them.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { createLdapDirectory, PASSWORD_MODIFY, passwordModifyRequest } from '../ldap/directory';
import { SUPANN_ATTRIBUTES } from '../ldap/mapping';
import type { DatasetStudent } from '../../src-main/simulator/dataset';
import type { Directory } from '../ports/directory';
import type { Postgres } from './postgres';
import { staffGroups } from './seed';
import type { Slapd } from './slapd';
import type { SmtpSink } from './smtp-sink';

/** The directory port over a stack's slapd, bound as its service account (no TLS: loopback). */
export function directoryOver(slapd: Slapd): Directory {
  return createLdapDirectory({
    url: slapd.url,
    peopleBase: slapd.peopleBase,
    personClass: 'supannPerson',
    service: slapd.service,
    attributes: SUPANN_ATTRIBUTES,
    timeoutMs: 5000,
    startTls: false,
  });
}

/**
 * Writes `guichet.json` in `folder`, with the service account's password and a new secret key
 * in files beside it (mode 0600), as an administrator would; returns the configuration as
 * written, for a caller that changes it. `profile` is the institution profile's path.
 */
export function writeChainConfig(
  folder: string,
  services: { slapd: Slapd; postgres: Postgres; sink: SmtpSink },
  options: {
    profile: string;
    port?: number;
    logLevel?: string;
    /** The console's section (`console.listen`…), when it is wanted. */
    console?: Record<string, unknown>;
    heartbeatMinIntervalSeconds?: number;
  },
): { path: string; config: Record<string, unknown> } {
  const { slapd, postgres, sink } = services;
  writeFileSync(join(folder, 'ldap-password'), `${slapd.service.password}\n`, { mode: 0o600 });
  writeFileSync(join(folder, 'secret-key'), `${randomBytes(32).toString('base64')}\n`, {
    mode: 0o600,
  });
  const config = {
    listen: { host: '127.0.0.1', port: options.port ?? 0 },
    institutionProfile: options.profile,
    database: { url: postgres.url },
    directory: {
      url: slapd.url,
      peopleBase: slapd.peopleBase,
      serviceDn: slapd.service.dn,
      servicePasswordFile: 'ldap-password',
    },
    smtp: { host: sink.host, port: sink.port, requireTls: false, from: 'guichet@univ.test' },
    // Staff roles from the directory's groups (seed.ts's staffLdif).
    staff: { groups: staffGroups(slapd.suffix) },
    secretKeyFile: 'secret-key',
    sealingKeyFile: 'sealing-key.pem',
    logLevel: options.logLevel ?? 'info',
    ...(options.console && { console: options.console }),
    ...(options.heartbeatMinIntervalSeconds !== undefined && {
      heartbeatMinIntervalSeconds: options.heartbeatMinIntervalSeconds,
    }),
  };
  const path = join(folder, 'guichet.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return { path, config };
}

/**
 * Sets each student's demo password as the service account. Setting a password lifts ppolicy's
 * lock, so a student the dataset says is locked after failed binds is locked again the way a
 * student locks themselves: wrong binds until slapd refuses.
 */
export async function setDemoPasswords(
  directory: Directory,
  students: readonly DatasetStudent[],
): Promise<void> {
  for (const student of students) {
    if (!student.password) continue;
    await directory.setPassword(student.identifier, student.password);
    const lockedByBinds =
      student.account.status === 'locked' &&
      (student.lockReason ?? 'too_many_failures') === 'too_many_failures';
    for (let bind = 0; lockedByBinds && bind < 100; bind += 1)
      if ((await directory.checkPassword(student.identifier, '-')) === 'locked') break;
  }
}

/**
 * Sets a staff member's directory password as the service account (seed.ts's staffLdif puts
 * none): staff are people of the directory but no students, out of the directory port's reach.
 */
export async function setStaffPassword(slapd: Slapd, staffId: string, password: string) {
  const client = new Client({ url: slapd.url });
  try {
    await client.bind(slapd.service.dn, slapd.service.password);
    await client.exop(
      PASSWORD_MODIFY,
      passwordModifyRequest(`uid=${staffId},ou=people,${slapd.suffix}`, password),
    );
  } finally {
    await client.unbind().catch(() => {});
  }
}
