/**
 * The e-mail that carries a one-time code, in French then English (the server does not know
 * which language the student chose at the kiosk). Plain text: the code on a line of its own, the
 * ENT's link, how long it works, and what to do if the student did not ask for it.
 */
import type { MailboxMessage } from '../../src-main/simulator/journey-state';
import type { OutgoingMail } from './queue';

const TEXTS = {
  activation: {
    fr: (name: string) => ({
      what: `Voici le code pour activer votre compte ${name}.`,
      valid: 'Il est valable 24 heures.',
    }),
    en: (name: string) => ({
      what: `Here is the code to activate your ${name} account.`,
      valid: 'It works for 24 hours.',
    }),
  },
  password_reset: {
    fr: (name: string) => ({
      what: `Voici le code pour choisir un nouveau mot de passe de votre compte ${name}.`,
      valid: 'Il est valable 1 heure.',
    }),
    en: (name: string) => ({
      what: `Here is the code to choose a new password for your ${name} account.`,
      valid: 'It works for 1 hour.',
    }),
  },
} as const;

/** The code in a message `codeMail` wrote (tests and `npm run stack` readers), or null. */
export function codeInMail(text: string): string | null {
  return /^ {4}(\d{8})$/m.exec(text)?.[1] ?? null;
}

/** The message for `sent` (its code, link and purpose), ready for the mail queue. */
export function codeMail(sent: MailboxMessage, institutionName: string): OutgoingMail {
  const fr = TEXTS[sent.kind].fr(institutionName);
  const en = TEXTS[sent.kind].en(institutionName);
  const text = [
    'Bonjour,',
    '',
    fr.what,
    '',
    `    ${sent.code}`,
    '',
    `Saisissez-le sur la borne, ou ouvrez ce lien : ${sent.link}`,
    fr.valid,
    "Si vous n'avez rien demandé, ignorez ce message : rien ne change sans ce code.",
    '',
    '---',
    '',
    'Hello,',
    '',
    en.what,
    '',
    `    ${sent.code}`,
    '',
    `Type it at the kiosk, or open this link: ${sent.link}`,
    en.valid,
    'If you did not ask for it, ignore this message: nothing changes without this code.',
    '',
  ].join('\n');
  return { to: sent.to, subject: sent.subject, text, language: 'fr' };
}
