/**
 * The kiosk between two students. At most one journey runs at a time; `end()` is the single way
 * back to the home screen, and it forgets everything: the journey's fields and student data (in
 * this renderer and, through `journey.end`, in main), the reading aids and the language.
 *
 *   home ──start(kind)──> journey ──end() / idle timeout──> home
 *                          └──leave() ("Accueil")──> home, same visit (language kept)
 *                          └──switchTo(kind)──> another journey, same student
 *   home ──openStaff()──> staff mode ──end() / idle / session lost──> home
 *                            └──hand-off──> a granted journey for the student in front
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
import { StaffDesk, type HandOff } from './staff/staff-desk.svelte';

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
  /** Staff mode, while an agent uses the kiosk; never at the same time as a journey. */
  staff = $state.raw<StaffDesk | null>(null);
  readonly display = new DisplayPrefs();
  readonly idle: IdleWatch;
  /** Staff mode's own idle watch, on the agent's idle time once signed in. */
  staffIdle = $state.raw<IdleWatch | null>(null);

  readonly #deps: SessionDeps;
  readonly #defaultLang: Lang;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
    this.#defaultLang = deps.i18n.lang;
    this.idle = new IdleWatch({ ...deps.timers, timings: deps.idle, onExpire: () => this.end() });
  }

  /** Home → a journey. */
  start(kind: JourneyKind): void {
    this.#closeStaff();
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

  /** The idle watch that counts now: staff mode's, else the student's. */
  get activeIdle(): IdleWatch {
    return this.staffIdle ?? this.idle;
  }

  /** The hidden staff entry: the sign-in screen, wiped like a journey when left alone. */
  openStaff(): void {
    if (this.staff !== null) return;
    this.#drop();
    this.idle.disarm();
    const { api, now } = this.#deps;
    this.staff = new StaffDesk({
      api,
      now,
      onHandOff: (handOff) => this.#handOff(handOff),
      onSignedIn: () => this.#staffSignedIn(),
    });
    this.#armStaffIdle(this.#deps.idle);
  }

  /** Signed in: the watch now follows the agent's idle time (main enforces it too). */
  #staffSignedIn(): void {
    const seconds = this.staff?.agent?.idleSeconds;
    if (seconds === undefined) return;
    this.#armStaffIdle({
      resetAfterSeconds: seconds,
      warnAfterSeconds: Math.max(1, seconds - Math.min(30, Math.floor(seconds / 2))),
    });
  }

  #armStaffIdle(timings: IdleTimings): void {
    this.staffIdle?.disarm();
    this.staffIdle = new IdleWatch({
      ...this.#deps.timers,
      timings,
      onExpire: () => this.end(),
    });
    this.staffIdle.arm();
  }

  #closeStaff(): void {
    this.staff?.signOut();
    this.staff = null;
    this.staffIdle?.disarm();
    this.staffIdle = null;
  }

  /** The agent checked the student in person: the student continues on the same screen. */
  #handOff(handOff: HandOff): void {
    this.staff = null; // main already ended the staff session, and the desk wiped itself
    this.staffIdle?.disarm();
    this.staffIdle = null;
    const kind = handOff.purpose === 'activation' ? 'activation' : 'passwordReset';
    this.journey = this.#create(kind);
    this.idle.arm();
    const next = this.journey;
    if (next instanceof StudentFlow) {
      next.adopt({
        student: handOff.student,
        journeyId: handOff.journeyId,
        birthDate: null,
        granted: true,
      });
    }
  }

  /** The language switch, offered on every screen; the journey stays as it is. */
  toggleLanguage(): void {
    this.#deps.i18n.toggle();
    this.#touched();
  }

  toggleLargeText(): void {
    this.display.largeText = !this.display.largeText;
    this.#touched();
  }

  toggleHighContrast(): void {
    this.display.highContrast = !this.display.highContrast;
    this.#touched();
  }

  /** A setting changed: something is worth wiping later (staff mode counts with its own watch). */
  #touched(): void {
    if (this.staffIdle !== null) this.staffIdle.activity();
    else this.idle.arm();
  }

  /**
   * "Accueil", the way out of any journey: the journey and all it holds are wiped (here and in
   * main), but the visit goes on, language and reading aids included, until "Terminer" or the
   * idle wipe, which stays armed for that.
   */
  leave(): void {
    if (this.journey === null) return;
    this.#drop();
    this.idle.arm();
  }

  /** The end of a journey ("Terminer", idle timeout): wipes everything and shows home. */
  end(): void {
    this.#closeStaff();
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
