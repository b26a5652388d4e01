/**
 * Wires the kiosk's limits over the journal: identification lockout, password checks, e-mail
 * cooldown (with the profile's setting), the staff operations that lift them, and the replay
 * hook that forgets an account's failures once a password it queued offline proves right.
 */
import { DEFAULT_EMAIL_COOLDOWN, createEmailCooldown } from '../core/email-cooldown';
import type { JourneyLimits } from '../core/journey-limits';
import { createLimitResets, type LimitResets } from '../core/limit-resets';
import { createLockout, type AttemptLimiter } from '../core/lockout';
import type { Clock } from '../core/ports';
import type { InstitutionProfile } from '../core/profile';
import type { Outbox } from '../outbox/outbox';
import { PASSWORD_KINDS } from '../outbox/store';
import { createRecordKeys } from '../secrets/lookup-keys';
import { createCooldownStore } from '../store/cooldown-store';
import type { Db } from '../store/database';
import { createLockoutStore } from '../store/lockout-store';

export interface KioskLimits {
  identification: AttemptLimiter;
  journey: JourneyLimits;
  resets: LimitResets;
  /** Forgets an account's password failures when a queued write with its password is applied. */
  watchReplay(outbox: Outbox): () => void;
}

/** Builds the limits; counters live in the journal, keys are keyed hashes (never clear). */
export function createKioskLimits(options: {
  journal: Db;
  lookupKey: Buffer;
  profile: InstitutionProfile;
  clock: Clock;
}): KioskLimits {
  const keys = createRecordKeys(options.lookupKey);
  const identification = createLockout(createLockoutStore(options.journal, 'identify'));
  const credentials = createLockout(createLockoutStore(options.journal, 'credential'));
  const emails = createEmailCooldown(createCooldownStore(options.journal), {
    ...DEFAULT_EMAIL_COOLDOWN,
    cooldownSeconds:
      options.profile.limits?.emailCooldownSeconds ?? DEFAULT_EMAIL_COOLDOWN.cooldownSeconds,
  });
  return {
    identification,
    journey: {
      credentials,
      emails,
      credentialKey: keys.credentialAttempts,
      emailKey: keys.emailSends,
      clock: options.clock,
    },
    resets: createLimitResets({
      identification,
      credentials,
      numberKey: async (studentNumber) => keys.attempts(studentNumber),
      identifierKey: keys.credentialAttempts,
    }),
    watchReplay(outbox) {
      return outbox.replayer.onAttempt(({ row, verdict }) => {
        if (verdict.kind !== 'sent' || !PASSWORD_KINDS.includes(row.kind)) return;
        credentials.clearSubject(keys.credentialAttempts(row.account));
      });
    },
  };
}
