/**
 * A new password being chosen (activation, change, reset): the password and its confirmation, the
 * live verdict of every policy rule, the strength estimate, and the show/hide choice.
 */
import {
  checkPassword,
  type PasswordCheck,
  type PasswordPolicy,
  type PasswordRuleId,
  type PersonalData,
} from '../../src-main/core/password-policy';
import type { StrengthEstimate } from '../../src-main/core/password-dictionary';
import { fold } from '../../src-main/core/password-text';
import type { AppError } from '../../src-main/core/result';
import type { PasswordTools } from './password-tools';

/**
 * What the checklist shows for one rule: nothing to judge yet (the field is empty), being
 * checked (the dictionary is on its way), met, or broken.
 */
export type RuleVerdict = 'untyped' | 'pending' | 'passed' | 'failed';

/** What is wrong with the confirmation: left empty at submit, or not the same password. */
export type ConfirmationProblem = 'missing' | 'mismatch';

/**
 * What the strength meter shows: nothing before the first character, "being computed" until the
 * estimator arrives, a warning (never praise) while a rule is broken, else the estimate's score.
 */
export type StrengthView =
  | { kind: 'empty' }
  | { kind: 'pending' }
  | { kind: 'breaks_rule' }
  | { kind: 'score'; score: 0 | 1 | 2 | 3 | 4 };

export interface NewPasswordDeps {
  policy: PasswordPolicy;
  /** Read at each check, so a student identified later is taken into account. */
  personal: () => PersonalData | null;
  /** The dictionary and the estimator, on their way (see password-tools.ts). */
  tools: () => Promise<PasswordTools>;
}

export class NewPassword {
  password = $state('');
  confirmation = $state('');
  visible = $state(false);
  /** Set by a submit attempt: from then on, a wrong confirmation is pointed out at once. */
  attempted = $state(false);
  /** Rules main or the central API refused that the local check did not (they know more). */
  refused = $state.raw<string[]>([]);
  tools = $state.raw<PasswordTools | null>(null);

  readonly #deps: NewPasswordDeps;

  constructor(deps: NewPasswordDeps) {
    this.#deps = deps;
    deps.tools().then(
      (tools) => (this.tools = tools),
      () => {}, // stays pending; main checks the dictionary anyway
    );
  }

  get policy(): PasswordPolicy {
    return this.#deps.policy;
  }

  readonly check: PasswordCheck = $derived.by(() =>
    checkPassword(
      this.password,
      this.#deps.policy,
      this.#deps.personal(),
      this.tools?.dictionary ?? null,
    ),
  );

  readonly strength: StrengthEstimate | null = $derived.by(() =>
    this.tools === null || this.password === ''
      ? null
      : this.tools.estimate(this.password, this.#userInputs()),
  );

  /**
   * The strength as the meter may show it. A password that breaks a rule is refused whatever
   * its estimate: the meter says so rather than rate it "excellent".
   */
  get strengthView(): StrengthView {
    if (this.password === '') return { kind: 'empty' };
    if (this.check.violations.length > 0 || this.refused.length > 0) return { kind: 'breaks_rule' };
    return this.strength === null
      ? { kind: 'pending' }
      : { kind: 'score', score: this.strength.score };
  }

  /**
   * An empty confirmation at submit ("missing", not "different": nothing was typed to compare),
   * a typed confirmation that cannot become the password any more, or a wrong one at submit.
   */
  get confirmationProblem(): ConfirmationProblem | null {
    if (this.confirmation === '') {
      return this.attempted && this.password !== '' ? 'missing' : null;
    }
    const wrong =
      this.attempted || this.confirmation.length >= this.password.length
        ? this.confirmation !== this.password
        : !this.password.startsWith(this.confirmation);
    return wrong ? 'mismatch' : null;
  }

  /** A typed confirmation that is not (and cannot become) the password. */
  get mismatch(): boolean {
    return this.confirmationProblem === 'mismatch';
  }

  /** The rule's verdict, with main's refusals counted as failed; true/false/null as the policy. */
  passed(id: PasswordRuleId): boolean | null {
    if (this.refused.includes(id)) return false;
    return this.check.rules.find((r) => r.id === id)?.passed ?? null;
  }

  /**
   * What the checklist shows: an empty field judges nothing (an empty password breaks no
   * "must not contain" rule, but a green tick there would praise nothing).
   */
  verdict(id: PasswordRuleId): RuleVerdict {
    if (this.password === '' && !this.refused.includes(id)) return 'untyped';
    const passed = this.passed(id);
    return passed === null ? 'pending' : passed ? 'passed' : 'failed';
  }

  edited(): void {
    this.refused = [];
  }

  /** Checks before sending; the refusal to show, or null when the password may go. */
  validate(): AppError | null {
    this.attempted = true;
    const violations = this.check.violations;
    if (violations.length > 0) return { code: 'password_policy', violations };
    if (this.confirmation === '') {
      return { code: 'invalid_input', fields: [{ field: 'confirmation', reason: 'required' }] };
    }
    if (this.confirmation !== this.password) return { code: 'password_mismatch' };
    return null;
  }

  /** Main refused it: keep what was typed, mark the rules it names. */
  rejected(error: AppError): void {
    if (error.code === 'password_policy') this.refused = error.violations ?? [];
  }

  clear(): void {
    this.password = '';
    this.confirmation = '';
    this.visible = false;
    this.attempted = false;
    this.refused = [];
  }

  /**
   * The student's own words, which zxcvbn then rates as easy to guess: also each name part
   * without its accents ("Brûlé" typed "brule"), and the birth date as typed at the kiosk.
   */
  #userInputs(): string[] {
    const p = this.#deps.personal();
    if (p === null) return [];
    const parts = [p.firstName, p.lastName].flatMap((name) => fold(name).split(/[\s'’.-]+/u));
    const [yyyy = '', mm = '', dd = ''] = p.birthDate?.split('-') ?? [];
    const date = p.birthDate === null ? [] : [`${dd}${mm}${yyyy}`, yyyy];
    const words = [p.identifier, p.firstName, p.lastName, ...parts, ...date];
    return words.filter((w, i) => w.length >= 3 && words.indexOf(w) === i);
  }
}
