/**
 * The student's journey at the kiosk, as one state machine:
 *
 *   home ──findIdentifier()──> identify ──submit() ok──> result ──reset()──> home
 *     └──showUpcoming(j)──> soon ──reset()──> home
 *
 * The screens only read this state and call these methods. reset() is the single way back to
 * home, and it forgets everything the student typed or was shown.
 */
import {
  checkIdentifyForm,
  normaliseBirthDate,
  normaliseStudentNumber,
  type IdentifyForm,
} from '../../src-main/core/identity-input';
import type { InstitutionProfile } from '../../src-main/core/profile';
import { failure, type AppError, type FieldError } from '../../src-main/core/result';
import type { IdentifiedStudent } from '../../src-main/core/student';
import type { KioskApi } from '../../src-main/ipc/contract';
import type { UpcomingJourney } from './journeys';

export type Screen = 'home' | 'identify' | 'result' | 'soon';
export type FormField = keyof IdentifyForm;

/** What submit() did, so the screen can move focus to the first refused field. */
export type SubmitOutcome = 'invalid' | 'failed' | 'identified' | 'ignored';

export interface FlowDeps {
  api: KioskApi;
  profile: Pick<InstitutionProfile, 'studentNumber' | 'timeZone'>;
  /** The clock, injected so tests can check "date in the future" deterministically. */
  now: () => Date;
}

const emptyForm = (): IdentifyForm => ({ studentNumber: '', birthDate: '' });

export class KioskFlow {
  screen = $state<Screen>('home');
  upcoming = $state<UpcomingJourney | null>(null);
  form = $state<IdentifyForm>(emptyForm());
  fieldErrors = $state.raw<FieldError[]>([]);
  error = $state.raw<AppError | null>(null);
  busy = $state(false);
  student = $state.raw<IdentifiedStudent | null>(null);

  readonly #deps: FlowDeps;
  // Bumped by reset(): an answer that arrives after the student left is dropped, not shown.
  #generation = 0;

  constructor(deps: FlowDeps) {
    this.#deps = deps;
  }

  /** Home → identification form ("Trouver mon identifiant", "Problème de connexion"). */
  findIdentifier(): void {
    this.reset();
    this.screen = 'identify';
  }

  /** Home → "coming soon" screen for a journey this build does not offer yet. */
  showUpcoming(journey: UpcomingJourney): void {
    this.reset();
    this.upcoming = journey;
    this.screen = 'soon';
  }

  /** The refusal for one field, if any. */
  fieldError(field: FormField): FieldError | null {
    return this.fieldErrors.find((e) => e.field === field) ?? null;
  }

  /** The student is correcting a field: its old refusal and the last server error no longer apply. */
  edited(field: FormField): void {
    this.fieldErrors = this.fieldErrors.filter((e) => e.field !== field);
    this.error = null;
  }

  /** Checks the form locally (no request while it is invalid), then asks main. */
  async submit(): Promise<SubmitOutcome> {
    if (this.screen !== 'identify' || this.busy) return 'ignored';
    this.error = null;
    const { profile, now, api } = this.#deps;
    const checked = checkIdentifyForm(this.form, {
      studentNumberLength: profile.studentNumber.length,
      timeZone: profile.timeZone,
      now: now(),
    });
    if (!checked.ok) {
      this.fieldErrors = checked.error;
      return 'invalid';
    }
    this.fieldErrors = [];
    this.busy = true;
    const generation = this.#generation;
    // Main checks the form again with the same core rules; it wants "jjmmaaaa", not the ISO date.
    const reply = await api['student.identify']({
      studentNumber: normaliseStudentNumber(this.form.studentNumber),
      birthDate: normaliseBirthDate(this.form.birthDate),
    }).catch(() => failure('internal'));
    if (generation !== this.#generation) return 'ignored';
    this.busy = false;
    if (reply.ok) {
      this.student = reply.value;
      this.form = emptyForm(); // the birth date is not needed any more: do not keep it
      this.screen = 'result';
      return 'identified';
    }
    if (reply.error.code === 'invalid_input' && reply.error.fields?.length) {
      this.fieldErrors = reply.error.fields;
      return 'invalid';
    }
    this.error = reply.error; // typed data stays, so the student only corrects what is wrong
    return 'failed';
  }

  /** Back to home, forgetting the form, the errors and the student ("Terminer", "Retour"). */
  reset(): void {
    this.#generation += 1;
    this.screen = 'home';
    this.upcoming = null;
    this.form = emptyForm();
    this.fieldErrors = [];
    this.error = null;
    this.busy = false;
    this.student = null;
  }
}
