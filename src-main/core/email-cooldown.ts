/**
 * A cooldown between activation or reset e-mails to one account: every send replaces the code
 * of the previous one, so sending in a loop would keep a student from ever using a code (and
 * flood their mailbox). The wait grows with each send (60 s, then 2, 5, 10 minutes by default)
 * and starts over after a quiet hour. Checked and recorded in one step, like the lockout.
 */

export interface EmailCooldownPolicy {
  /** The wait after the 1st, 2nd… send; the last one repeats. */
  cooldownSeconds: readonly number[];
  /** An account without a send for this long starts again from the first, shortest wait. */
  forgetAfterSeconds: number;
}

export const DEFAULT_EMAIL_COOLDOWN: EmailCooldownPolicy = {
  cooldownSeconds: [60, 120, 300, 600],
  forgetAfterSeconds: 3600,
};

/** What the journal keeps for one account (under a keyed hash); times in epoch ms. */
export interface EmailSends {
  sends: number;
  lastSentAt: number;
  nextAllowedAt: number;
}

/** Where the sends are kept (journal migration 4). */
export interface CooldownCounters {
  /** Runs `work` as one transaction. */
  atomically<T>(work: () => T): T;
  get(key: string): EmailSends | null;
  save(key: string, sends: EmailSends): void;
  forget(key: string): void;
}

/** Counters in memory only, for tests. */
export function memoryCooldownCounters(): CooldownCounters {
  const rows = new Map<string, EmailSends>();
  return {
    atomically: (work) => work(),
    get: (key) => rows.get(key) ?? null,
    save: (key, sends) => void rows.set(key, sends),
    forget: (key) => void rows.delete(key),
  };
}

/** A send counted in advance; released when the e-mail did not go. */
export interface CooldownTicket {
  readonly key: string;
  readonly before: EmailSends | null;
  readonly after: EmailSends;
}

export type CooldownReservation =
  { ok: true; ticket: CooldownTicket } | { ok: false; retryAfterSeconds: number };

export interface EmailCooldown {
  /** Refuses while the account's cooldown runs; otherwise records the send: atomically. */
  reserve(key: string, now: Date): CooldownReservation;
  /** The e-mail was not sent: the account is as before (unless another send came since). */
  release(ticket: CooldownTicket): void;
}

/** The cooldown rules over the journal's counters. */
export function createEmailCooldown(
  counters: CooldownCounters,
  policy: EmailCooldownPolicy = DEFAULT_EMAIL_COOLDOWN,
): EmailCooldown {
  const same = (a: EmailSends | null, b: EmailSends | null) =>
    a !== null &&
    b !== null &&
    a.sends === b.sends &&
    a.lastSentAt === b.lastSentAt &&
    a.nextAllowedAt === b.nextAllowedAt;

  return {
    reserve(key, now) {
      const at = now.getTime();
      return counters.atomically((): CooldownReservation => {
        const stored = counters.get(key);
        const before =
          stored && at - stored.lastSentAt <= policy.forgetAfterSeconds * 1000 ? stored : null;
        if (before && before.nextAllowedAt > at) {
          return { ok: false, retryAfterSeconds: Math.ceil((before.nextAllowedAt - at) / 1000) };
        }
        const sends = (before?.sends ?? 0) + 1;
        const step = Math.min(sends, policy.cooldownSeconds.length) - 1;
        const wait = policy.cooldownSeconds[step] ?? 0;
        const after = { sends, lastSentAt: at, nextAllowedAt: at + wait * 1000 };
        counters.save(key, after);
        return { ok: true, ticket: { key, before: stored, after } };
      });
    },
    release(ticket) {
      counters.atomically(() => {
        // Only this send's own record is undone: a later one stays.
        if (!same(counters.get(ticket.key), ticket.after)) return;
        if (ticket.before) counters.save(ticket.key, ticket.before);
        else counters.forget(ticket.key);
      });
    },
  };
}
