/**
 * Students as SupAnn LDIF, for the development stack and the tests: the simulator's dataset
 * format in, entries under ou=people out. Passwords are not in the LDIF (slapadd would store
 * them unhashed): the stack sets them through the directory afterwards (Password Modify).
 */
import type { DatasetStaff, DatasetStudent } from '../../src-main/simulator/dataset';
import { schacFromBirthDate } from '../ldap/mapping';

/** An LDIF value: base64 (`::`) when it is not plain ASCII or starts with a special character. */
function line(name: string, value: string): string {
  const safe = /^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value) && !/ $/.test(value);
  return safe ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

const yyyymmdd = (iso: string) => iso.slice(0, 10).replaceAll('-', '');

function accountState(student: DatasetStudent): string {
  const account = student.account;
  switch (account.status) {
    case 'not_activated':
      return '{COMPTE}I:SupannCree::';
    case 'active':
      return `{COMPTE}A:SupannActif:${account.activatedAt ? yyyymmdd(account.activatedAt) : ''}:`;
    case 'locked':
      // A lock after failed binds is ppolicy's (pwdAccountLockedTime), not a SupAnn state.
      if ((student.lockReason ?? 'too_many_failures') === 'too_many_failures')
        return `{COMPTE}A:SupannActif:${account.activatedAt ? yyyymmdd(account.activatedAt) : ''}:`;
      return student.lockReason === 'security'
        ? '{COMPTE}S:SupannSecurite::'
        : '{COMPTE}S:SupannVerrouille::';
    case 'disabled':
      return '{COMPTE}I:SupannExpire::';
  }
}

/** One student's entry. */
export function studentLdif(student: DatasetStudent, peopleBase: string): string {
  const lines = [
    `dn: uid=${student.identifier},${peopleBase}`,
    'objectClass: inetOrgPerson',
    'objectClass: supannPerson',
    'objectClass: schacPersonalCharacteristics',
    'objectClass: guichetMailRouting',
    line('uid', student.identifier),
    line('cn', `${student.firstName} ${student.lastName}`),
    line('givenName', student.firstName),
    line('sn', student.lastName),
    line('supannEtuId', student.studentNumber),
    line('schacDateOfBirth', schacFromBirthDate(student.birthDate)),
    line('supannRessourceEtatDate', accountState(student)),
  ];
  if (student.personalEmail) lines.push(line('supannMailPerso', student.personalEmail));
  for (const e of student.enrollments)
    lines.push(
      line('supannEtuInscription', `[anneeinsc=${e.academicYear.slice(0, 4)}][etape=${e.program}]`),
    );
  if (student.mailRedirection) {
    lines.push(line('mailForwardingAddress', student.mailRedirection));
    lines.push(line('mailDeliveryOption', student.mailKeepCopy === false ? 'forward' : 'both'));
  }
  if (
    student.account.status === 'locked' &&
    (student.lockReason ?? 'too_many_failures') === 'too_many_failures'
  )
    lines.push('pwdAccountLockedTime: 000001010000Z');
  return `${lines.join('\n')}\n`;
}

/** Every student's entry, separated by blank lines. */
export function studentsLdif(students: readonly DatasetStudent[], peopleBase: string): string {
  return students.map((s) => studentLdif(s, peopleBase)).join('\n');
}

/**
 * The demo staff's directory passwords (`npm run stack` sets them; the console's sign-in binds
 * with them). Demo values, public like the demo PINs: never on a real directory.
 */
export const DEMO_STAFF_PASSWORDS: Readonly<Record<string, string>> = {
  agent01: 'Guichet-Agent01!demo',
  agent02: 'Guichet-Agent02!demo',
  super01: 'Guichet-Super01!demo',
};

/** The groups whose members are agents and supervisors, under `suffix`'s ou=groups. */
export function staffGroups(suffix: string): { agent: string; supervisor: string } {
  return {
    agent: `cn=guichet-agents,ou=groups,${suffix}`,
    supervisor: `cn=guichet-supervisors,ou=groups,${suffix}`,
  };
}

/**
 * Staff members as people of the directory (no student number: never in the change feed), and
 * the two groups that give them their role. The PINs are Guichet's, not the directory's.
 */
export function staffLdif(staff: readonly DatasetStaff[], suffix: string): string {
  const people = staff.map((member) =>
    [
      `dn: uid=${member.staffId},ou=people,${suffix}`,
      'objectClass: inetOrgPerson',
      line('uid', member.staffId),
      line('cn', member.displayName),
      line('sn', member.displayName.split(' ').at(-1) ?? member.displayName),
    ].join('\n'),
  );
  const groups = Object.entries(staffGroups(suffix)).flatMap(([role, dn]) => {
    const members = staff.filter((m) => m.role === role);
    // groupOfNames needs a member: an empty group has none to list.
    if (members.length === 0) return [];
    return [
      [
        `dn: ${dn}`,
        'objectClass: groupOfNames',
        line('cn', dn.slice(3, dn.indexOf(','))),
        ...members.map((m) => line('member', `uid=${m.staffId},ou=people,${suffix}`)),
      ].join('\n'),
    ];
  });
  return `${[...people, ...groups].join('\n\n')}\n`;
}
