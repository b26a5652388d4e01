/** What the Guichet server's tests share: the LDAP directory port over a test slapd. */
import { createLdapDirectory } from '../../src-server/ldap/directory';
import { SUPANN_ATTRIBUTES } from '../../src-server/ldap/mapping';
import type { Directory } from '../../src-server/ports/directory';
import type { Slapd } from '../../src-server/stack/slapd';

/** The directory port as the server configures it, bound as the stack's service account. */
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
