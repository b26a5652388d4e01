/**
 * What a kiosk that could not start shows in public, and what it logs. The screen gets a calm
 * text in both languages with a reference; the detail (which may name files, keychain services,
 * URLs or a stack) goes only to the log, under the same reference, where the desk finds it.
 */
import { randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when reading them aloud (no 0/O, 1/I/L, U/V). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';

/** A short reference like "K7Q2-9XPA", random so that it says nothing about the failure. */
export function newReference(pick: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[pick(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export interface StartupFailure {
  reference: string;
  /** The public texts, French first. */
  screen: { fr: string; en: string };
  /** Fields for the log: the reference and the whole detail. */
  log: { reference: string; error: string; stack?: string };
}

/** Builds the public texts and the log fields of one start-up failure. */
export function describeStartupFailure(error: unknown, reference: string): StartupFailure {
  const detail = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return {
    reference,
    screen: {
      fr:
        'Cette borne n’est pas disponible pour le moment. ' +
        `Merci de vous adresser à l’assistance informatique en indiquant la référence ${reference}.`,
      en:
        'This kiosk is not available at the moment. ' +
        `Please ask at the help desk, giving the reference ${reference}.`,
    },
    log: { reference, error: detail, ...(stack ? { stack } : {}) },
  };
}
