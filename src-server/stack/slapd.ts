/**
 * A throw-away OpenLDAP server (Debian's slapd) in a folder of its own: the SupAnn subset schema,
 * ppolicy with lockout, {ARGON2} hashing, MDB without fsync. For the tests and `npm run stack`;
 * a university runs its own directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, restartable, runService } from './wait';

const SCHEMA = fileURLToPath(new URL('../ldap/supann-subset.schema', import.meta.url));

export interface SlapdOptions {
  /** An empty folder the server may own. */
  dir: string;
  suffix?: string;
  /** LDIF loaded with slapadd before the server starts (after the base entries). */
  seed?: string;
  /** ppolicy's pwdMaxFailure: binds that lock an account. */
  maxFailures?: number;
  /** argon2 cost for new hashes: m in KiB, t iterations (tests: cheap). */
  argon2?: { m: number; t: number };
  /** MDB's map size in bytes (default 100 MiB); 100,000 SupAnn entries need about 150 MiB. */
  maxSize?: number;
}

export interface Slapd {
  url: string;
  suffix: string;
  /** The service account the Guichet server binds as (not the rootdn). */
  service: { dn: string; password: string };
  admin: { dn: string; password: string };
  peopleBase: string;
  /** Stops the server; its data stays in `dir`, so `start` brings the same directory back. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

const ADMIN_PASSWORD = 'stack-admin-secret';
const SERVICE_PASSWORD = 'stack-service-secret';

function baseLdif(suffix: string, maxFailures: number): string {
  const dc = /^dc=([^,]+)/.exec(suffix)?.[1] ?? 'univ';
  return `dn: ${suffix}
objectClass: dcObject
objectClass: organization
dc: ${dc}
o: ${dc}

dn: ou=people,${suffix}
objectClass: organizationalUnit
ou: people

dn: ou=services,${suffix}
objectClass: organizationalUnit
ou: services

dn: ou=policies,${suffix}
objectClass: organizationalUnit
ou: policies

dn: ou=groups,${suffix}
objectClass: organizationalUnit
ou: groups

dn: cn=guichet,ou=services,${suffix}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: guichet
userPassword: ${SERVICE_PASSWORD}

dn: cn=default,ou=policies,${suffix}
objectClass: organizationalRole
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdLockout: TRUE
pwdMaxFailure: ${maxFailures}
pwdLockoutDuration: 900
pwdFailureCountInterval: 900
pwdAllowUserChange: TRUE
pwdMustChange: FALSE
pwdCheckQuality: 0
pwdInHistory: 3
`;
}

function config(
  dir: string,
  suffix: string,
  argon2: { m: number; t: number },
  maxSize: number,
): string {
  const service = `cn=guichet,ou=services,${suffix}`;
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include ${SCHEMA}
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
moduleload argon2 m=${argon2.m} t=${argon2.t}
password-hash {ARGON2}
pidfile ${join(dir, 'slapd.pid')}
argsfile ${join(dir, 'slapd.args')}
loglevel none

database mdb
suffix "${suffix}"
rootdn "cn=admin,${suffix}"
rootpw ${ADMIN_PASSWORD}
directory ${join(dir, 'db')}
dbnosync
maxsize ${maxSize}
index objectClass eq
index uid eq
index supannEtuId eq
index entryUUID eq

# The change feed pages through every student: slapd's default limit (500 entries, paged
# results included) would cut the scan of a real-sized directory short.
limits dn.exact="${service}" size=unlimited size.prtotal=unlimited

overlay ppolicy
ppolicy_default "cn=default,ou=policies,${suffix}"
ppolicy_use_lockout

# The service account: reads people, writes passwords, lock state and mail routing. A student
# binds and may change their own password; nobody else reads passwords.
access to attrs=userPassword
  by dn.exact="${service}" write
  by self write
  by anonymous auth
  by * none
access to dn.subtree="ou=people,${suffix}"
  by dn.exact="${service}" write
  by self read
  by * none
access to *
  by dn.exact="${service}" read
  by self read
  by anonymous auth
  by * none
`;
}

/** Creates the directory in `dir` (schema, base entries, seed) and starts slapd on loopback. */
export async function startSlapd(options: SlapdOptions): Promise<Slapd> {
  const { dir } = options;
  const suffix = options.suffix ?? 'dc=univ,dc=test';
  const argon2 = options.argon2 ?? { m: 1024, t: 1 };
  mkdirSync(join(dir, 'db'), { recursive: true, mode: 0o700 });
  const conf = join(dir, 'slapd.conf');
  writeFileSync(conf, config(dir, suffix, argon2, options.maxSize ?? 104_857_600), { mode: 0o600 });
  const ldif = join(dir, 'seed.ldif');
  writeFileSync(ldif, `${baseLdif(suffix, options.maxFailures ?? 10)}\n${options.seed ?? ''}`);
  const added = spawnSync('slapadd', ['-f', conf, '-q', '-l', ldif], { encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`slapadd failed: ${added.stderr || added.stdout}`);

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0: stays in the foreground (a child we can stop) and logs nothing.
  const { start, stop } = restartable(() =>
    runService(
      'slapd',
      'slapd',
      ['-f', conf, '-h', `${url}/`, '-d', '0'],
      () => canConnect(port),
      'SIGTERM',
    ),
  );

  await start();
  return {
    url,
    suffix,
    service: { dn: `cn=guichet,ou=services,${suffix}`, password: SERVICE_PASSWORD },
    admin: { dn: `cn=admin,${suffix}`, password: ADMIN_PASSWORD },
    peopleBase: `ou=people,${suffix}`,
    stop,
    start,
  };
}

async function canConnect(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
