/**
 * Journeys that start by identifying the student (student number + birth date): find my
 * identifier, activation, forgotten password. The identification form and its checks live here
 * once; each journey decides what comes after.
 */
import {
  checkIdentifyForm,
  normaliseBirthDate,
  normaliseStudentNumber,
  type IdentifyForm,
} from '../../../src-main/core/identity-input';
import type { InstitutionProfile } from '../../../src-main/core/profile';
import type { PersonalData } from '../../../src-main/core/password-policy';
import type { FieldError } from '../../../src-main/core/result';
import type { IdentifiedStudent } from '../../../src-main/core/student';
import { Flow, type FlowDeps } from './flow.svelte';

export type FormField = keyof IdentifyForm;

/** What submitIdentity() did, so the screen can move focus to the first refused field. */
export type SubmitOutcome = 'invalid' | 'failed' | 'identified' | 'ignored';

export interface StudentFlowDeps extends FlowDeps {
  profile: Pick<InstitutionProfile, 'studentNumber' | 'timeZone' | 'password'>;
}

/** Who was identified, handed from one journey to the next without asking again. */
export interface Identity {
  student: IdentifiedStudent;
  journeyId: string;
  /** ISO date, kept only for the password rules ("not your birth date") until the wipe; null
   * after a staff hand-off, where nobody typed it. */
  birthDate: string | null;
  /** Opened by an agent's in-person check: the journey goes on without the mailed code. */
  granted?: boolean;
}

const emptyForm = (): IdentifyForm => ({ studentNumber: '', birthDate: '' });

export abstract class StudentFlow extends Flow {
  form = $state<IdentifyForm>(emptyForm());
  fieldErrors = $state.raw<FieldError[]>([]);
  student = $state.raw<IdentifiedStudent | null>(null);
  /** The journey runs on an agent's grant (hand-off), not on a mailed code. */
  granted = $state(false);
  #birthDate: string | null = null;

  protected override readonly deps: StudentFlowDeps;

  constructor(deps: StudentFlowDeps) {
    super(deps);
    this.deps = deps;
  }

  /** Called once the student is known (identified here, or handed over by another journey). */
  protected abstract identified(student: IdentifiedStudent): void;

  /** The refusal for one field, if any. */
  fieldError(field: FormField): FieldError | null {
    return this.fieldErrors.find((e) => e.field === field) ?? null;
  }

  /** The student is correcting a field: its old refusal and the last server error no longer apply. */
  edited(field: FormField): void {
    this.fieldErrors = this.fieldErrors.filter((e) => e.field !== field);
    this.clearError();
  }

  /** Checks the form locally (no request while it is invalid), then asks main. */
  async submitIdentity(): Promise<SubmitOutcome> {
    if (this.busy || this.student !== null) return 'ignored';
    this.clearError();
    const { profile, now } = this.deps;
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
    // Main checks the form again with the same core rules; it wants "jjmmaaaa", not the ISO date.
    const reply = await this.request('student.identify', {
      studentNumber: normaliseStudentNumber(this.form.studentNumber),
      birthDate: normaliseBirthDate(this.form.birthDate),
    });
    if (reply === null) return 'ignored';
    if (reply.ok) {
      this.adopt({
        student: reply.value,
        journeyId: reply.value.journeyId,
        birthDate: checked.value.birthDate,
      });
      return 'identified';
    }
    if (reply.error.code === 'invalid_input' && reply.error.fields?.length) {
      this.fieldErrors = reply.error.fields;
      this.clearError();
      return 'invalid';
    }
    return 'failed'; // typed data stays, so the student only corrects what is wrong
  }

  /** The identity, for a journey that continues this one ("activate my account now"). */
  handOver(): Identity | null {
    if (this.student === null || this.journeyId === null || this.#birthDate === null) return null;
    const identity = {
      student: this.student,
      journeyId: this.journeyId,
      birthDate: this.#birthDate,
    };
    // The journey in main now belongs to the next flow: this one must not end it when wiped.
    this.journeyId = null;
    return identity;
  }

  /** What the password rules compare against: the student's identifier, names and birth date. */
  personalData(): PersonalData | null {
    const s = this.student;
    if (s === null) return null;
    return {
      identifier: s.identifier,
      firstName: s.firstName,
      lastName: s.lastName,
      birthDate: this.#birthDate,
    };
  }

  protected override typed(): readonly string[] {
    return [this.form.studentNumber, this.form.birthDate];
  }

  protected clear(): void {
    this.form = emptyForm();
    this.fieldErrors = [];
    this.student = null;
    this.granted = false;
    this.#birthDate = null;
  }

  /**
   * Takes over a student identified by another journey (not from the constructor: a subclass's
   * own fields are only set once it returns).
   */
  adopt(identity: Identity): void {
    this.student = identity.student;
    this.journeyId = identity.journeyId;
    this.#birthDate = identity.birthDate;
    this.granted = identity.granted === true;
    this.form = emptyForm(); // the typed birth date is not shown again: do not keep it on screen
    this.identified(identity.student);
  }
}
