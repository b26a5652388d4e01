/**
 * E-mail addresses in the student journeys: masking the personal address for the screen, and
 * checking an external address for mail redirection. Shared by main, the renderer and the
 * simulator, so that all three accept and refuse the same addresses.
 */
import type { Result } from './result';

/** Why an address for mail redirection was refused. */
export type EmailRefusal = 'email_format' | 'email_own_domain';

/** Stars stand for the hidden letters; always the same count, so the length is not revealed. */
const STARS = '*****';

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
// RFC 5322 "atext" plus dots; quoted local parts and IP literals are not accepted at a kiosk.
const LOCAL = /^[A-Za-z0-9!#%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Masks an address for the screen: the first and last letters of the local part and the whole
 * domain ("eloise.nd@example.org" → "e*****d@example.org"); a local part of one or two letters
 * keeps only its first ("ab@example.org" → "a*****@example.org").
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return STARS;
  const local = [...address.slice(0, at)];
  const domain = address.slice(at + 1);
  const first = local[0] ?? '';
  const last = local.length > 2 ? (local[local.length - 1] ?? '') : '';
  return `${first}${STARS}${last}@${domain}`;
}

/** True when `domain` is `own` or one of its subdomains ("etu.umontpellier.fr"). */
function isWithin(domain: string, own: string): boolean {
  const o = own.toLowerCase().replace(/^\.+|\.+$/g, '');
  return o !== '' && (domain === o || domain.endsWith(`.${o}`));
}

/**
 * Checks an external address for mail redirection and returns it normalised (trimmed, domain
 * in lower case). The university's own domains are refused: redirecting the university
 * mailbox to itself would lose every message.
 */
export function validateExternalEmail(
  raw: string,
  ownDomains: readonly string[],
): Result<string, EmailRefusal> {
  const fail = (reason: EmailRefusal) => ({ ok: false, error: reason }) as const;
  const address = raw.trim();
  if (address.length === 0 || address.length > MAX_ADDRESS) return fail('email_format');
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@')) return fail('email_format');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (local.length > MAX_LOCAL || !LOCAL.test(local)) return fail('email_format');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    return fail('email_format');
  }
  if (!TOP_LEVEL.test(labels[labels.length - 1] ?? '')) return fail('email_format');
  if (ownDomains.some((own) => isWithin(domain, own))) return fail('email_own_domain');
  return { ok: true, value: `${local}@${domain}` };
}

/**
 * The institution's own mail domains: the profile's list, or else the domain the ENT lives
 * under ("https://ent.umontpellier.fr" → "umontpellier.fr").
 */
export function ownMailDomains(profile: { mailDomains?: string[]; entUrl: string }): string[] {
  if (profile.mailDomains && profile.mailDomains.length > 0) return [...profile.mailDomains];
  const host = new URL(profile.entUrl).hostname.toLowerCase();
  const labels = host.split('.');
  return [labels.length > 2 ? labels.slice(1).join('.') : host];
}
