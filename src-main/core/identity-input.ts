import { localDate } from './academic-year';
import type { FieldError, Result } from './result';

/** What the student typed at the identification screen. */
export interface IdentifyForm {
  studentNumber: string;
  /** Eight digits, day month year ("jjmmaaaa"), as printed on the institution's pages. */
  birthDate: string;
}

/** The same data once checked: digits only, and the date as ISO "YYYY-MM-DD". */
export interface IdentityQuery {
  studentNumber: string;
  birthDate: string;
}

const OLDEST_BIRTH_YEAR = 1900;

/** Removes the spaces and separators a student or a card scanner may add. */
export function normaliseStudentNumber(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

/** Removes the separators a student may type in a date ("14/03/2001", "14.03.2001"). */
export function normaliseBirthDate(raw: string): string {
  return raw.replace(/[\s./-]/g, '');
}

function checkStudentNumber(raw: string, length: number): FieldError | null {
  const value = normaliseStudentNumber(raw);
  if (value === '') return { field: 'studentNumber', reason: 'required' };
  if (!/^\d+$/.test(value)) return { field: 'studentNumber', reason: 'digits_only' };
  if (value.length !== length) return { field: 'studentNumber', reason: 'length' };
  return null;
}

/** Parses "jjmmaaaa" into "YYYY-MM-DD", or says precisely what is wrong with it. */
export function parseBirthDate(
  raw: string,
  today: string,
): { ok: true; iso: string } | { ok: false; error: FieldError } {
  const value = normaliseBirthDate(raw);
  const fail = (reason: FieldError['reason']) =>
    ({ ok: false, error: { field: 'birthDate', reason } }) as const;
  if (value === '') return fail('required');
  if (!/^\d{8}$/.test(value)) return fail('date_format');
  const day = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const year = Number(value.slice(4, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return fail('date_invalid');
  }
  const iso = `${value.slice(4, 8)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
  if (iso > today) return fail('date_future');
  if (year < OLDEST_BIRTH_YEAR) return fail('date_too_old');
  return { ok: true, iso };
}

/** Checks the identification form; every refused field is reported, not only the first. */
export function checkIdentifyForm(
  form: IdentifyForm,
  rules: { studentNumberLength: number; timeZone: string; now: Date },
): Result<IdentityQuery, FieldError[]> {
  const errors: FieldError[] = [];
  const numberError = checkStudentNumber(form.studentNumber, rules.studentNumberLength);
  if (numberError) errors.push(numberError);
  const date = parseBirthDate(form.birthDate, localDate(rules.now, rules.timeZone));
  if (!date.ok) errors.push(date.error);
  if (errors.length > 0 || !date.ok) return { ok: false, error: errors };
  return {
    ok: true,
    value: { studentNumber: normaliseStudentNumber(form.studentNumber), birthDate: date.iso },
  };
}
