/** An institution profile: everything that differs from one university to another. */
export interface InstitutionProfile {
  id: string;
  name: { fr: string; en: string };
  shortName: string;
  timeZone: string;
  entUrl: string;
  /** The university's own mail domains (subdomains included): never a redirection target. */
  mailDomains?: string[];
  /** The online help (a QR code for it shows wherever the kiosk sends a student to the desk). */
  helpUrl: string;
  /** Where the help desk is and when it is open, in both languages; absent, a general sentence. */
  helpDesk?: HelpDeskInfo;
  colors: { primary: string; onPrimary: string; accent: string };
  studentNumber: { length: number };
  password: {
    minLength: number;
    recommendedLength: number;
    forbiddenCharacters: string;
  };
  idle: IdleSettings & {
    /**
     * The longer allowance while the student reads a code on their phone (activation and reset
     * code steps): the normal one would wipe the journey before the e-mail arrives.
     * Default DEFAULT_AWAITING_CODE_IDLE.
     */
    awaitingCode?: IdleSettings;
  };
  activationDelayMinutes: number;
  /** The directory sync (offline cache) runs at start, then every `intervalSeconds`. */
  sync: { intervalSeconds: number };
  /** Dead letters (refused queued writes, their passwords sealed) are deleted after this. */
  outbox: { deadLetterRetentionDays: number };
  /**
   * Limits set by the institution: the wait after the 1st, 2nd… activation or reset e-mail to
   * one account (the last one repeats). Defaults in core/email-cooldown.ts.
   */
  limits?: { emailCooldownSeconds: number[] };
  /**
   * Staff mode: a staff session ends after `idleSeconds` without a staff call (default 120); an
   * agent may sign in offline only if seen online on this kiosk within `offlineSignInDays` (7).
   */
  staff?: { idleSeconds: number; offlineSignInDays: number };
}

/** After this long without a touch the kiosk asks "still there?", and wipes at the reset. */
export interface IdleSettings {
  warnAfterSeconds: number;
  resetAfterSeconds: number;
}

/** The code steps' idle allowance when the profile leaves it out: 4 minutes, wiped at 5. */
export const DEFAULT_AWAITING_CODE_IDLE: IdleSettings = {
  warnAfterSeconds: 240,
  resetAfterSeconds: 300,
};

/** The help desk a student is sent to when the kiosk cannot do something. */
export interface HelpDeskInfo {
  location: { fr: string; en: string };
  hours: { fr: string; en: string };
}

/** Staff mode's settings when the profile leaves them out. */
export const DEFAULT_STAFF_SETTINGS = { idleSeconds: 120, offlineSignInDays: 7 } as const;
