/**
 * How a SupAnn entry reads as a Guichet account, and back: every attribute name comes from the
 * configuration (sites differ), the value formats from SupAnn 2021 and SCHAC. Pure functions,
 * tested without a directory.
 */
import type { AccountStatus } from '../../src-main/core/student';

/** The attribute names the server reads and writes; the defaults follow SupAnn (SERVER.md). */
export interface AttributeMap {
  studentNumber: string;
  birthDate: string;
  identifier: string;
  firstName: string;
  lastName: string;
  personalEmail: string;
  enrolment: string;
  accountState: string;
  forwardingAddress: string;
  /** Where "keep a copy" lives, for the attribute-based mail adapter; null: always keep one. */
  deliveryOption: string | null;
}

export const SUPANN_ATTRIBUTES: AttributeMap = {
  studentNumber: 'supannEtuId',
  birthDate: 'schacDateOfBirth',
  identifier: 'uid',
  firstName: 'givenName',
  lastName: 'sn',
  personalEmail: 'supannMailPerso',
  enrolment: 'supannEtuInscription',
  accountState: 'supannRessourceEtatDate',
  forwardingAddress: 'mailForwardingAddress',
  deliveryOption: 'mailDeliveryOption',
};

export type LockKind = 'administrative' | 'security';

/** The {COMPTE} resource state, read from `supannRessourceEtatDate`. */
export interface AccountState {
  status: AccountStatus;
  /** For a locked account: why, as far as the directory says. */
  lock: LockKind | null;
  /** Start and end dates of the state (YYYY-MM-DD), when the directory gives them. */
  since: string | null;
  until: string | null;
}

const yyyymmdd = (value: string | undefined): string | null =>
  value && /^\d{8}$/.test(value)
    ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}`
    : null;

/**
 * Reads `{COMPTE}A:SupannActif:20240901:20271231` style values. Without a {COMPTE} value the
 * account is taken as not activated: SupAnn's "created, not yet activated" is `I:SupannCree`,
 * and a directory that has no state yet has not activated anyone through Guichet either.
 */
export function parseAccountState(values: readonly string[]): AccountState {
  const value = values.find((v) => v.toUpperCase().startsWith('{COMPTE}'));
  if (!value) return { status: 'not_activated', lock: null, since: null, until: null };
  const [state = '', sub = '', start, end] = value.slice('{COMPTE}'.length).split(':');
  const dates = { since: yyyymmdd(start), until: yyyymmdd(end) };
  switch (state.toUpperCase()) {
    case 'A':
      return { status: 'active', lock: null, ...dates };
    case 'S':
      // SupAnn leaves the sub-state to the site; a "Securite…" sub-state reads as a security lock.
      return {
        status: 'locked',
        lock: /secu/i.test(sub) ? 'security' : 'administrative',
        ...dates,
      };
    case 'I':
      return /cree|anticipe/i.test(sub)
        ? { status: 'not_activated', lock: null, ...dates }
        : { status: 'disabled', lock: null, ...dates };
    default:
      return { status: 'disabled', lock: null, ...dates };
  }
}

/** The values after activation: {COMPTE} becomes `A:SupannActif` from `today`, others kept. */
export function activatedState(values: readonly string[], today: Date): string[] {
  const start = today.toISOString().slice(0, 10).replaceAll('-', '');
  const others = values.filter((v) => !v.toUpperCase().startsWith('{COMPTE}'));
  return [...others, `{COMPTE}A:SupannActif:${start}:`];
}

export interface Enrolment {
  /** "2026-2027" for `anneeinsc=2026`. */
  academicYear: string;
  /** The `etape` code; the label comes from the institution's nomenclature. */
  step: string;
  /** The raw value: the change feed records when each one was first seen. */
  raw: string;
}

/** Reads `[anneeinsc=2026][etape={UAI:0341087X}UM-L1-INFO]…`; malformed values are skipped. */
export function parseEnrolments(values: readonly string[]): Enrolment[] {
  const enrolments: Enrolment[] = [];
  for (const raw of values) {
    const fields = new Map<string, string>();
    for (const [, key, value] of raw.matchAll(/\[([a-z]+)=([^\]]*)\]/gi))
      fields.set((key ?? '').toLowerCase(), value ?? '');
    const year = Number(fields.get('anneeinsc'));
    if (!Number.isInteger(year) || year < 1900) continue;
    const step = (fields.get('etape') ?? '').replace(/^\{[^}]*\}/, '');
    enrolments.push({ academicYear: `${year}-${year + 1}`, step, raw });
  }
  return enrolments;
}

/** "2001-03-14" from SCHAC's "20010314"; null for anything else. */
export const birthDateFromSchac = (value: string | undefined): string | null => yyyymmdd(value);

/** SCHAC's "20010314" from "2001-03-14". */
export const schacFromBirthDate = (value: string): string => value.replaceAll('-', '');

/**
 * Access lasts until the end date of an active state, else until 31/12 of the calendar year in
 * which the last enrolled academic year ends (the institution's rule, DESIGN.md).
 */
export function leavingYear(enrolments: readonly Enrolment[]): string | null {
  const years = enrolments.map((e) => Number(e.academicYear.slice(0, 4)));
  if (years.length === 0) return null;
  const last = Math.max(...years);
  return `${last}-${last + 1}`;
}
