/**
 * The one contract between the renderer and main: for each channel, the schema main validates
 * its input against and the type of its output. Handlers (handlers.ts), the preload bridge and
 * the renderer's client (src-renderer/lib/kiosk-api.ts) are all derived from it.
 * The renderer imports this file for types only.
 */
import { z } from 'zod';
import type { InstitutionProfile } from '../core/profile';
import type { AppError, Result } from '../core/result';
import type { Charter, JourneyDone, JourneyRef, MailRedirection } from '../core/journeys';
import type { SentCode } from '../core/sent-codes';
import type { IdentifiedStudent } from '../core/student';
import type { ConnectivityStatus, KioskStatus, OutboxSummary } from '../core/connectivity';
import type { Channel, EventName } from './channels';
import { staffContract } from './staff-contract';

/** What the renderer needs to draw the kiosk: the institution and the mode it runs in. */
export interface KioskInfo {
  profile: InstitutionProfile;
  /** "demo" when the kiosk runs on the built-in simulator (training; shown on screen). */
  mode: 'demo' | 'live';
  version: string;
}

/** Declares an output type without a runtime value. */
function output<T>(): T {
  return undefined as T;
}

const shortText = (max: number) => z.string().max(max);
const journeyId = z.string().min(1).max(64);
/** Passwords are checked against the policy by the use case; here only their size is bounded. */
const password = z.string().min(1).max(256);
const code = z.string().min(1).max(64);
const identifier = z.string().min(1).max(64);
const empty = z.object({}).strict();

export const contract = {
  'kiosk.info': { input: empty, output: output<KioskInfo>() },
  /** Opens a journey: identification by student number and birth date ("jjmmaaaa"). */
  'student.identify': {
    input: z.object({ studentNumber: shortText(32), birthDate: shortText(16) }).strict(),
    output: output<IdentifiedStudent>(),
  },
  /** Forgets everything main holds for a journey (end of journey, idle, "Terminer"). */
  'journey.end': { input: z.object({ journeyId }).strict(), output: output<null>() },
  /** (Re)sends the activation e-mail to the personal address; it replaces the last code. */
  'activation.sendEmail': { input: z.object({ journeyId }).strict(), output: output<SentCode>() },
  /** The activation e-mail this kiosk sent the student and still valid (after an idle reset). */
  'activation.recentEmail': {
    input: z.object({ journeyId }).strict(),
    output: output<SentCode | null>(),
  },
  /**
   * Checks the code from the activation e-mail before the charter and password steps. While the
   * central API is unreachable the code is taken `provisional`ly (no `validUntil`): the API
   * checks it when it applies the queued activation.
   */
  'activation.checkCode': {
    input: z.object({ journeyId, code }).strict(),
    output: output<{ validUntil: string | null; provisional?: boolean }>(),
  },
  /** Activates the account: code, accepted charter version, first password. */
  'activation.complete': {
    input: z.object({ journeyId, code, charterVersion: shortText(32), password }).strict(),
    output: output<JourneyDone>(),
  },
  'charter.get': { input: empty, output: output<Charter>() },
  /** "Mot de passe oublié": sends a reset code to the personal address. */
  'password.requestReset': { input: z.object({ journeyId }).strict(), output: output<SentCode>() },
  /** The reset code this kiosk sent the student and still valid (after an idle reset). */
  'password.recentReset': {
    input: z.object({ journeyId }).strict(),
    output: output<SentCode | null>(),
  },
  'password.completeReset': {
    input: z.object({ journeyId, code, password }).strict(),
    output: output<JourneyDone>(),
  },
  'password.change': {
    input: z.object({ identifier, currentPassword: password, newPassword: password }).strict(),
    output: output<JourneyDone>(),
  },
  /**
   * Logs in with identifier and password to manage mail redirection; opens a journey. While the
   * central API is unreachable: `offline`, the current setting unknown (`currentKnown` false),
   * and a change is queued with a receipt, the password sealed.
   */
  'mail.open': {
    input: z.object({ identifier, password }).strict(),
    output: output<
      JourneyRef & {
        identifier: string;
        redirection: MailRedirection;
        offline: boolean;
        currentKnown: boolean;
      }
    >(),
  },
  'mail.setRedirection': {
    input: z
      .object({ journeyId, address: shortText(254).nullable(), keepCopy: z.boolean() })
      .strict(),
    output: output<JourneyDone & { redirection: MailRedirection }>(),
  },
  /** Reachability of the central API and the outbox's counts, read once at start. */
  'kiosk.status': { input: empty, output: output<KioskStatus>() },
  /**
   * After `staff.handOff` (purpose activation): the student accepts the charter and picks their
   * password; the agent's grant, held in main, stands in for the mailed code.
   */
  'handoff.completeActivation': {
    input: z.object({ journeyId, charterVersion: shortText(32), password }).strict(),
    output: output<JourneyDone>(),
  },
  /** After `staff.handOff` (purpose password_reset): the student sets a new password. */
  'handoff.completeReset': {
    input: z.object({ journeyId, password }).strict(),
    output: output<JourneyDone>(),
  },
  ...staffContract,
} satisfies { [C in Channel]: { input: z.ZodType; output: unknown } };

export type Contract = typeof contract;
export type Input<C extends Channel> = z.infer<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];
export type Reply<C extends Channel> = Result<Output<C>, AppError>;

/** The renderer's view of main: one async function per channel. */
export type KioskApi = { [C in Channel]: (input: Input<C>) => Promise<Reply<C>> };

/** What main implements: one handler per channel, given already-validated input. */
export type Handlers = { [C in Channel]: (input: Input<C>) => Promise<Reply<C>> };

/** What main pushes to the renderer, by event: the new value, whole. */
export interface KioskEvents {
  connectivity: ConnectivityStatus;
  outbox: OutboxSummary;
}
export type KioskEvent = { [E in EventName]: { name: E; payload: KioskEvents[E] } }[EventName];

/** The renderer's subscription to main's events; returns the unsubscribe function. */
export type KioskEventSource = <E extends EventName>(
  name: E,
  listener: (payload: KioskEvents[E]) => void,
) => () => void;

export type { Channel, EventName };
