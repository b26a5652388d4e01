/**
 * The kiosk between two students. At most one journey runs at a time; `end()` is the single way
 * back to the home screen, and it forgets everything: the journey's fields and student data (in
 * this renderer and, through `journey.end`, in main), the reading aids and the language.
 *
 *   home ──start(kind)──> journey ──end() / idle timeout──> home
 *                          └──switchTo(kind)──> another journey, same student
 */
import type { InstitutionProfile } from '../../src-main/core/profile';
import type { KioskApi } from '../../src-main/ipc/contract';
import type { I18n, Lang } from '../i18n/i18n.svelte';
import type { IdleTimings } from './demo-options';
import { DisplayPrefs } from './display.svelte';
import { ActivationFlow } from './flows/activation.svelte';
import { FindIdentifierFlow } from './flows/find-identifier.svelte';
import { MailFlow } from './flows/mail.svelte';
import { PasswordChangeFlow } from './flows/password-change.svelte';
import { PasswordResetFlow } from './flows/password-reset.svelte';
import { ProblemMenu } from './flows/problem.svelte';
import { StudentFlow } from './flows/student-flow.svelte';
import { IdleWatch, type IdleDeps } from './idle.svelte';

export type Journey =
  | FindIdentifierFlow
  | ActivationFlow
  | PasswordResetFlow
  | PasswordChangeFlow
  | MailFlow
  | ProblemMenu;
export type JourneyKind = Journey['kind'];

export interface SessionDeps {
  api: KioskApi;
  profile: Pick<
    InstitutionProfile,
    'studentNumber' | 'timeZone' | 'password' | 'entUrl' | 'mailDomains'
  >;
  i18n: I18n;
  idle: IdleTimings;
  now: () => Date;
  /** Timers for the idle watch; tests inject their own. */
  timers?: Pick<IdleDeps, 'now' | 'setInterval' | 'clearInterval'>;
}

export class KioskSession {
  journey = $state.raw<Journey | null>(null);
  readonly display = new DisplayPrefs();
  readonly idle: IdleWatch;

  readonly #deps: SessionDeps;
  readonly #defaultLang: Lang;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
    this.#defaultLang = deps.i18n.lang;
    this.idle = new IdleWatch({ ...deps.timers, timings: deps.idle, onExpire: () => this.end() });
  }

  /** Home → a journey. */
  start(kind: JourneyKind): void {
    this.#drop();
    this.journey = this.#create(kind);
    this.idle.arm();
  }

  /**
   * One journey → another, keeping the identified student (e.g. the result of "find my
   * identifier" → activation), so the student number is not asked twice.
   */
  switchTo(kind: JourneyKind): void {
    const from = this.journey;
    const identity = from instanceof StudentFlow ? from.handOver() : null;
    this.start(kind);
    const next = this.journey;
    if (identity !== null && next instanceof StudentFlow) next.adopt(identity);
  }

  /** The language switch, offered on every screen; the journey stays as it is. */
  toggleLanguage(): void {
    this.#deps.i18n.toggle();
    this.idle.arm();
  }

  toggleLargeText(): void {
    this.display.largeText = !this.display.largeText;
    this.idle.arm();
  }

  toggleHighContrast(): void {
    this.display.highContrast = !this.display.highContrast;
    this.idle.arm();
  }

  /** The end of a journey ("Terminer", idle timeout): wipes everything and shows home. */
  end(): void {
    this.#drop();
    this.display.reset();
    this.#deps.i18n.lang = this.#defaultLang;
    this.idle.disarm();
  }

  /** Wipes the current journey and tells main to forget it too. */
  #drop(): void {
    const journey = this.journey;
    this.journey = null;
    const journeyId = journey?.wipe() ?? null;
    if (journeyId !== null) void this.#deps.api['journey.end']({ journeyId });
  }

  #create(kind: JourneyKind): Journey {
    const { api, now, profile } = this.#deps;
    const deps = { api, now, profile };
    switch (kind) {
      case 'findIdentifier':
        return new FindIdentifierFlow(deps);
      case 'activation':
        return new ActivationFlow(deps);
      case 'passwordReset':
        return new PasswordResetFlow(deps);
      case 'passwordChange':
        return new PasswordChangeFlow({ api, now, policy: profile.password });
      case 'mail':
        return new MailFlow({ api, now, profile });
      case 'problem':
        return new ProblemMenu({ api, now });
    }
  }
}
