/**
 * The directory port over LDAP (ldapts): SupAnn entries under one base, read and written by a
 * service account; students bind as themselves for password checks, so the directory's own
 * password policy (ppolicy) counts their failures. Every value that goes into a filter is
 * escaped by ldapts' filter objects (RFC 4515), never pasted into a filter string.
 */
import {
  AndFilter,
  Attribute,
  BerWriter,
  Change,
  Client,
  EqualityFilter,
  InvalidCredentialsError,
  NoSuchObjectError,
  OrFilter,
  ResultCodeError,
  type Entry,
  type Filter,
} from 'ldapts';
import {
  DirectoryPolicyError,
  DirectoryUnavailable,
  type BindOutcome,
  type Directory,
  type DirectoryPerson,
} from '../ports/directory';
import {
  activatedState,
  birthDateFromSchac,
  parseAccountState,
  parseEnrolments,
  schacFromBirthDate,
  type AttributeMap,
} from './mapping';

export interface LdapSettings {
  url: string;
  /** Where students are (searched with scope `sub`). */
  peopleBase: string;
  /** Only entries of this object class are students. */
  personClass: string;
  /** Where staff members are found by their identifier (uid), for their groups. */
  staffBase?: string;
  service: { dn: string; password: string };
  attributes: AttributeMap;
  /** Milliseconds before a directory call counts as unavailable. */
  timeoutMs: number;
  /** TLS options for ldaps:// or StartTLS. */
  startTls: boolean;
  tls?: { ca?: string | Buffer; rejectUnauthorized?: boolean };
}

/** RFC 3062 Password Modify. */
export const PASSWORD_MODIFY = '1.3.6.1.4.1.4203.1.11.1';
/** Entries per page of the change feed's scan. */
const SCAN_PAGE = 500;
/** LDAP result codes that mean "the directory's password policy refused this password". */
const POLICY_CODES = new Set([19, 53]);

export function passwordModifyRequest(dn: string, next: string, current?: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  if (current !== undefined) writer.writeString(current, 0x81);
  writer.writeString(next, 0x82);
  writer.endSequence();
  return writer.buffer;
}

const first = (entry: Entry, name: string): string | undefined => {
  const value = entry[name];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? undefined : String(one);
};

const all = (entry: Entry, name: string): string[] => {
  const value = entry[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
};

/** LDAP's generalized time (20261207101500Z) as ISO. */
function isoFromGeneralized(value: string | undefined): string | null {
  const m = value ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(value) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null;
}

/** True for errors that mean "the directory is not there", as opposed to an LDAP answer. */
function unreachable(error: unknown): boolean {
  if (error instanceof ResultCodeError) return error.code === 51 || error.code === 52;
  return true;
}

/** Creates the adapter; nothing connects until the first call. */
export function createLdapDirectory(settings: LdapSettings): Directory {
  const a = settings.attributes;
  const read = [
    'entryUUID',
    'modifyTimestamp',
    'pwdAccountLockedTime',
    a.studentNumber,
    a.birthDate,
    a.identifier,
    a.firstName,
    a.lastName,
    a.personalEmail,
    a.enrolment,
    a.accountState,
    a.forwardingAddress,
    ...(a.deliveryOption ? [a.deliveryOption] : []),
  ];
  let service: Promise<Client> | null = null;

  function newClient(): Client {
    return new Client({
      url: settings.url,
      timeout: settings.timeoutMs,
      connectTimeout: settings.timeoutMs,
      tlsOptions: settings.tls,
    });
  }

  async function connectService(): Promise<Client> {
    const client = newClient();
    try {
      if (settings.startTls) await client.startTLS(settings.tls ?? {});
      await client.bind(settings.service.dn, settings.service.password);
      return client;
    } catch (error) {
      // A failed bind leaves the socket open: close it, or every request while the directory
      // refuses the service account would leak one.
      await client.unbind().catch(() => {});
      throw error;
    }
  }

  /** Runs `work` on the service connection; a broken connection is replaced once. */
  async function withService<T>(work: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      service ??= connectService();
      let client: Client;
      try {
        client = await service;
      } catch (error) {
        service = null;
        throw new DirectoryUnavailable(`directory unreachable: ${(error as Error).message}`);
      }
      try {
        return await work(client);
      } catch (error) {
        if (!unreachable(error)) throw error;
        service = null;
        void client.unbind().catch(() => {});
        if (attempt >= 1)
          throw new DirectoryUnavailable(`directory unavailable: ${(error as Error).message}`);
      }
    }
  }

  function toPerson(entry: Entry): DirectoryPerson {
    const state = parseAccountState(all(entry, a.accountState));
    const ppolicyLocked = first(entry, 'pwdAccountLockedTime') !== undefined;
    const forward = first(entry, a.forwardingAddress) ?? null;
    const delivery = a.deliveryOption ? first(entry, a.deliveryOption) : undefined;
    const status = state.status === 'active' && ppolicyLocked ? 'locked' : state.status;
    return {
      id: first(entry, 'entryUUID') ?? entry.dn,
      identifier: first(entry, a.identifier) ?? '',
      firstName: first(entry, a.firstName) ?? '',
      lastName: first(entry, a.lastName) ?? '',
      birthDate: birthDateFromSchac(first(entry, a.birthDate)),
      studentNumbers: all(entry, a.studentNumber),
      personalEmail: first(entry, a.personalEmail) ?? null,
      enrolments: parseEnrolments(all(entry, a.enrolment)),
      status,
      lock: state.lock ?? (ppolicyLocked ? 'too_many_failures' : null),
      mailRedirection: forward,
      // The attribute-based adapter: "forward" alone drops the local copy.
      mailKeepCopy: forward === null || delivery?.toLowerCase() !== 'forward',
      modifiedAt: isoFromGeneralized(first(entry, 'modifyTimestamp')),
      activatedAt: state.since ? `${state.since}T00:00:00Z` : null,
    };
  }

  async function findOne(filter: Filter): Promise<{ dn: string; person: DirectoryPerson } | null> {
    return withService(async (client) => {
      const { searchEntries } = await client.search(settings.peopleBase, {
        scope: 'sub',
        filter: new AndFilter({
          filters: [
            new EqualityFilter({ attribute: 'objectClass', value: settings.personClass }),
            filter,
          ],
        }),
        attributes: read,
        sizeLimit: 2,
      });
      // Two entries with one number or identifier: the directory is ambiguous, nobody matches.
      if (searchEntries.length !== 1) return null;
      const entry = searchEntries[0] as Entry;
      return { dn: entry.dn, person: toPerson(entry) };
    });
  }

  const byUid = (identifier: string) =>
    findOne(new EqualityFilter({ attribute: a.identifier, value: identifier }));

  async function dnOf(identifier: string): Promise<string> {
    const found = await byUid(identifier);
    if (!found) throw new Error('no such account in the directory');
    return found.dn;
  }

  /**
   * A staff member's entry by uid, under the staff base (else the people base), on `client`;
   * null when there is none or more than one.
   */
  async function findStaffDn(client: Client, staffId: string): Promise<string | null> {
    const { searchEntries } = await client.search(settings.staffBase ?? settings.peopleBase, {
      scope: 'sub',
      filter: new EqualityFilter({ attribute: a.identifier, value: staffId }),
      attributes: ['dn'],
      sizeLimit: 2,
    });
    return searchEntries.length === 1 ? (searchEntries[0] as Entry).dn : null;
  }

  /** A staff member's entry by uid (findStaffDn), on a service connection of its own. */
  async function staffDn(staffId: string): Promise<string | null> {
    return withService((client) => findStaffDn(client, staffId));
  }

  const modify = (dn: string, changes: Change[]) =>
    withService((client) => client.modify(dn, changes));

  /** Binds as `dn` on a connection of its own; the bind's outcome, never an exception for 49. */
  async function bindAs(dn: string, password: string, then?: (c: Client) => Promise<void>) {
    const client = newClient();
    try {
      if (settings.startTls) await client.startTLS(settings.tls ?? {});
      await client.bind(dn, password);
      if (then) await then(client);
      return 'ok' as const;
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return 'refused' as const;
      if (error instanceof ResultCodeError && POLICY_CODES.has(error.code))
        throw new DirectoryPolicyError(error.message);
      if (unreachable(error)) throw new DirectoryUnavailable((error as Error).message);
      throw error;
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  return {
    async identify(studentNumber, birthDate) {
      const found = await findOne(
        new AndFilter({
          filters: [
            new EqualityFilter({ attribute: a.studentNumber, value: studentNumber }),
            new EqualityFilter({ attribute: a.birthDate, value: schacFromBirthDate(birthDate) }),
          ],
        }),
      );
      return found?.person ?? null;
    },
    async byIdentifier(identifier) {
      return (await byUid(identifier))?.person ?? null;
    },
    async setPassword(identifier, password) {
      const dn = await dnOf(identifier);
      await withService((client) =>
        client.exop(PASSWORD_MODIFY, passwordModifyRequest(dn, password)),
      );
    },
    async checkPassword(identifier, password): Promise<BindOutcome> {
      const found = await byUid(identifier);
      if (!found) return 'wrong_password';
      // Always bind, even when the entry shows a ppolicy lock: slapd lifts a lock whose
      // pwdLockoutDuration has passed at the next bind, and only then.
      const outcome = await bindAs(found.dn, password);
      if (outcome === 'ok') return 'ok';
      // ppolicy answers 49 for a locked account too: the lock time tells them apart.
      const after = await byUid(identifier);
      return after?.person.lock === 'too_many_failures' ? 'locked' : 'wrong_password';
    },
    async changePassword(identifier, current, next) {
      const dn = await dnOf(identifier);
      // bindAs maps ppolicy's refusals (history, age, quality) to DirectoryPolicyError.
      const outcome = await bindAs(dn, current, (client) =>
        client.exop(PASSWORD_MODIFY, passwordModifyRequest(dn, next, current)).then(() => {}),
      );
      if (outcome !== 'ok') throw new DirectoryPolicyError('the current password was refused');
    },
    async markActivated(identifier, at) {
      const found = await byUid(identifier);
      if (!found) throw new Error('no such account in the directory');
      const current = await withService(async (client) => {
        const { searchEntries } = await client.search(found.dn, {
          scope: 'base',
          attributes: [a.accountState],
        });
        return searchEntries[0] ? all(searchEntries[0], a.accountState) : [];
      });
      await modify(found.dn, [
        new Change({
          operation: 'replace',
          modification: new Attribute({
            type: a.accountState,
            values: activatedState(current, at),
          }),
        }),
      ]);
    },
    async unlock(identifier) {
      const found = await byUid(identifier);
      if (!found) return false;
      const { lock } = found.person;
      if (lock !== null && lock !== 'too_many_failures') return false;
      if (lock === null) return true;
      await modify(found.dn, [
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'pwdAccountLockedTime', values: [] }),
        }),
      ]);
      return true;
    },
    async setPersonalEmail(identifier, address) {
      await modify(await dnOf(identifier), [
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: a.personalEmail, values: [address] }),
        }),
      ]);
    },
    async bindStaff(staffId, password) {
      // An empty password would be an unauthenticated bind, which LDAP answers with success.
      if (password.length === 0) return false;
      const dn = await staffDn(staffId);
      if (dn === null) return false;
      try {
        return (await bindAs(dn, password)) === 'ok';
      } catch (error) {
        // A ppolicy refusal (a locked entry) is a refusal like any other; unreachable is 503.
        if (error instanceof DirectoryPolicyError) return false;
        throw error;
      }
    },
    async groupsOf(staffId, groups) {
      return withService(async (client) => {
        const dn = await findStaffDn(client, staffId);
        if (dn === null) return [];
        const member: string[] = [];
        for (const group of groups) {
          const filter = new OrFilter({
            filters: [
              new EqualityFilter({ attribute: 'member', value: dn }),
              new EqualityFilter({ attribute: 'uniqueMember', value: dn }),
            ],
          });
          try {
            const found = await client.search(group, { scope: 'base', filter, attributes: ['dn'] });
            if (found.searchEntries.length === 1) member.push(group);
          } catch (error) {
            // A group that does not exist has no members; anything else is the directory's.
            if (!(error instanceof NoSuchObjectError)) throw error;
          }
        }
        return member;
      });
    },
    async setRedirection(identifier, address, keepCopy) {
      const changes = [
        new Change({
          operation: 'replace',
          modification: new Attribute({
            type: a.forwardingAddress,
            values: address ? [address] : [],
          }),
        }),
      ];
      if (a.deliveryOption)
        changes.push(
          new Change({
            operation: 'replace',
            modification: new Attribute({
              type: a.deliveryOption,
              values: address ? [keepCopy ? 'both' : 'forward'] : [],
            }),
          }),
        );
      await modify(await dnOf(identifier), changes);
    },
    async *scan() {
      const pages = await withService(async (client) => {
        const found: DirectoryPerson[][] = [];
        for await (const page of client.searchPaginated(settings.peopleBase, {
          scope: 'sub',
          filter: new EqualityFilter({ attribute: 'objectClass', value: settings.personClass }),
          attributes: read,
          paged: { pageSize: SCAN_PAGE },
        }))
          found.push(page.searchEntries.map(toPerson));
        return found;
      });
      yield* pages;
    },
    async ping() {
      try {
        await withService((client) =>
          client.search('', { scope: 'base', attributes: ['namingContexts'] }),
        );
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      const open = service;
      service = null;
      if (open) await (await open.catch(() => null))?.unbind().catch(() => {});
    },
  };
}
