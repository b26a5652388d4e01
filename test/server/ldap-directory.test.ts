// The directory port over a real slapd (Debian's package) started in a temp folder: SupAnn
// entries, ppolicy lockout, {ARGON2}, the service account's ACL. No mock of the directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'ldapts';
import type { DatasetStudent } from '../../src-main/simulator/dataset';
import { DirectoryPolicyError, type Directory } from '../../src-server/ports/directory';
import { studentsLdif } from '../../src-server/stack/seed';
import { startSlapd, type Slapd } from '../../src-server/stack/slapd';
import { directoryOver } from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const student = (over: Partial<DatasetStudent> & { identifier: string; studentNumber: string }) =>
  ({
    birthDate: '2001-03-14',
    firstName: 'Éloïse',
    lastName: "N'Diaye-Brûlé",
    personalEmail: 'eloise@example.org',
    enrollments: [
      { academicYear: '2026-2027', program: 'UM-L1-INFO', validatedAt: '2026-07-01T08:00:00Z' },
    ],
    account: { status: 'not_activated', activatedAt: null, leavingYear: null },
    ...over,
  }) as DatasetStudent;

const PEOPLE: DatasetStudent[] = [
  student({ identifier: 'endiaye', studentNumber: '21901234' }),
  student({
    identifier: 'hlefevre',
    studentNumber: '22110001',
    birthDate: '2002-05-17',
    account: { status: 'active', activatedAt: '2026-09-05T09:00:00Z', leavingYear: null },
    mailRedirection: 'hugo@example.net',
    mailKeepCopy: false,
  }),
  student({
    identifier: 'slocked',
    studentNumber: '22110009',
    account: { status: 'locked', activatedAt: '2025-09-05T09:00:00Z', leavingYear: null },
    lockReason: 'security',
  }),
  // Two entries that share a number: an ambiguous directory identifies nobody.
  student({ identifier: 'twin1', studentNumber: '30000001' }),
  student({ identifier: 'twin2', studentNumber: '30000001' }),
];

describe('the LDAP directory (real slapd)', () => {
  const folder = tempFolder('guichet-slapd-');
  let slapd: Slapd;
  let directory: Directory;

  beforeAll(async () => {
    slapd = await startSlapd({
      dir: folder.path,
      seed: studentsLdif(PEOPLE, 'ou=people,dc=univ,dc=test'),
      maxFailures: 3,
    });
    directory = directoryOver(slapd);
    await directory.setPassword('hlefevre', 'Ancien-Velo-2025');
  });
  afterAll(async () => {
    await directory?.close();
    await slapd?.stop();
    folder.remove();
  });

  it('identifies by student number and birth date, and reads the SupAnn entry', async () => {
    const person = await directory.identify('21901234', '2001-03-14');
    expect(person).toMatchObject({
      identifier: 'endiaye',
      firstName: 'Éloïse',
      lastName: "N'Diaye-Brûlé",
      birthDate: '2001-03-14',
      personalEmail: 'eloise@example.org',
      status: 'not_activated',
      lock: null,
    });
    expect(person?.enrolments).toEqual([
      expect.objectContaining({ academicYear: '2026-2027', step: 'UM-L1-INFO' }),
    ]);
    expect(person?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await directory.identify('21901234', '2001-03-15')).toBeNull();
    expect(await directory.identify('21901235', '2001-03-14')).toBeNull();
  });

  it('matches nobody when two entries share a student number', async () => {
    expect(await directory.identify('30000001', '2001-03-14')).toBeNull();
  });

  it.each([
    ['*', '*'],
    ['2190*', '2001-03-14'],
    [')(uid=*', '2001-03-14'],
    ['21901234)(|(uid=*', '2001-03-14'],
    ['\\00', '2001-03-14'],
    ['21901234\u0000', '2001-03-14'],
    ['*)(objectClass=*', '*'],
    ['9'.repeat(500), '2001-03-14'],
    ['*'.repeat(500), '*'.repeat(500)],
  ])('finds nobody for the injection attempt %j', async (number, date) => {
    expect(await directory.identify(number, date)).toBeNull();
    expect(await directory.byIdentifier(number)).toBeNull();
  });

  it('reads security locks, mail forwarding and keep-a-copy from the directory', async () => {
    expect(await directory.byIdentifier('slocked')).toMatchObject({
      status: 'locked',
      lock: 'security',
    });
    expect(await directory.byIdentifier('hlefevre')).toMatchObject({
      status: 'active',
      mailRedirection: 'hugo@example.net',
      mailKeepCopy: false,
    });
    await directory.setRedirection('hlefevre', 'hugo.new@example.net', true);
    expect(await directory.byIdentifier('hlefevre')).toMatchObject({
      mailRedirection: 'hugo.new@example.net',
      mailKeepCopy: true,
    });
    await directory.setRedirection('hlefevre', null, true);
    expect(await directory.byIdentifier('hlefevre')).toMatchObject({ mailRedirection: null });
  });

  it('sets a password with Password Modify (hashed with argon2) and checks it by binding', async () => {
    await directory.setPassword('endiaye', 'Premier-Pas-2026');
    expect(await directory.checkPassword('endiaye', 'Premier-Pas-2026')).toBe('ok');
    expect(await directory.checkPassword('endiaye', 'premier-pas-2026')).toBe('wrong_password');
    // The stored value is a hash, never the password.
    const admin = new Client({ url: slapd.url });
    await admin.bind(slapd.admin.dn, slapd.admin.password);
    const { searchEntries } = await admin.search(`uid=endiaye,${slapd.peopleBase}`, {
      scope: 'base',
      attributes: ['userPassword'],
    });
    await admin.unbind();
    expect(String(searchEntries[0]?.userPassword)).toMatch(/^\{ARGON2\}\$argon2/);
  });

  it('changes the password as the student; the old one stops working', async () => {
    await directory.changePassword('hlefevre', 'Ancien-Velo-2025', 'Nouveau-Velo-2026');
    expect(await directory.checkPassword('hlefevre', 'Nouveau-Velo-2026')).toBe('ok');
    expect(await directory.checkPassword('hlefevre', 'Ancien-Velo-2025')).toBe('wrong_password');
    await expect(
      directory.changePassword('hlefevre', 'not-the-password', 'Encore-Velo-2027'),
    ).rejects.toThrow();
    expect(await directory.checkPassword('hlefevre', 'Nouveau-Velo-2026')).toBe('ok');
    // ppolicy's history refuses the old one back: a policy answer, not an outage.
    await expect(
      directory.changePassword('hlefevre', 'Nouveau-Velo-2026', 'Ancien-Velo-2025'),
    ).rejects.toBeInstanceOf(DirectoryPolicyError);
    expect(await directory.checkPassword('hlefevre', 'Nouveau-Velo-2026')).toBe('ok');
  });

  it('is locked by ppolicy after its failure limit, and unlock lifts that lock only', async () => {
    await directory.setPassword('twin1', 'Jumeau-Un-2026');
    for (let i = 0; i < 3; i += 1)
      expect(await directory.checkPassword('twin1', `wrong-${i}`)).not.toBe('ok');
    // Locked: even the right password is refused.
    expect(await directory.checkPassword('twin1', 'Jumeau-Un-2026')).toBe('locked');
    expect(await directory.byIdentifier('twin1')).toMatchObject({
      lock: 'too_many_failures',
    });
    await directory.unlock('twin1');
    expect(await directory.checkPassword('twin1', 'Jumeau-Un-2026')).toBe('ok');
    // A security lock is not ppolicy's: unlock leaves it.
    await directory.unlock('slocked');
    expect(await directory.byIdentifier('slocked')).toMatchObject({ lock: 'security' });
  });

  it('marks an account activated in supannRessourceEtatDate', async () => {
    await directory.markActivated('endiaye', new Date('2026-12-07T10:00:00Z'));
    expect(await directory.byIdentifier('endiaye')).toMatchObject({ status: 'active' });
  });

  it('scans every person page by page, with stable ids', async () => {
    const seen = [];
    for await (const page of directory.scan()) seen.push(...page);
    expect(seen.map((p) => p.identifier).sort()).toEqual(
      ['endiaye', 'hlefevre', 'slocked', 'twin1', 'twin2'].sort(),
    );
    expect(new Set(seen.map((p) => p.id)).size).toBe(5);
  });

  it('says unavailable while slapd is down, and works again once it is back', async () => {
    await slapd.stop();
    expect(await directory.ping()).toBe(false);
    await expect(directory.identify('21901234', '2001-03-14')).rejects.toMatchObject({
      code: 'directory_unavailable',
    });
    await slapd.start();
    expect(await directory.ping()).toBe(true);
    expect(await directory.identify('21901234', '2001-03-14')).not.toBeNull();
  });
});
