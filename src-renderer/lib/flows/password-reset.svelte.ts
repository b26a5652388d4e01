/**
 * "Problème de connexion" → "Mot de passe oublié":
 *
 *   identify ──> send ──requestCode() ok──> code ──submitCode()──> password ──complete() ok──> done
 *                 └── an e-mail this kiosk sent and still valid ──┘         │
 *                                  code <── a wrong, expired or cancelled code ┘ (password kept)
 *
 * `send` shows where the code will go (the masked personal address) before anything is sent; an
 * account that is not active is told what to do instead (activation, or the desk). `code` is the
 * same step as activation's (code-step.ts); `password` takes the new password on its own screen.
 * The API checks a reset code only together with the new password (resources/openapi.yaml,
 * resetPassword: no separate check, as activation has), so the code stays in this flow's memory
 * between the two steps (never sent to main before, never written anywhere) and is judged at the
 * end: a refused code brings the student back to the code step, told that nothing was saved and
 * that their new password is kept. After an agent's in-person check there is no code: straight
 * to `password`.
 */
import type { JourneyDone } from '../../../src-main/core/journeys';
import type { SentCode } from '../../../src-main/core/sent-codes';
import type { IdentifiedStudent } from '../../../src-main/core/student';
import { extractCode } from '../activation-code';
import { NewPassword } from '../new-password.svelte';
import { loadPasswordTools } from '../password-tools';
import { CODE_REFUSALS, type CodeStep } from './code-step';
import { markCancelled, recentCode } from './sent-code';
import { StudentFlow, type StudentFlowDeps } from './student-flow.svelte';

export type PasswordResetStep = 'identify' | 'send' | 'code' | 'password' | 'done';

export class PasswordResetFlow extends StudentFlow implements CodeStep {
  readonly kind = 'passwordReset';
  step = $state<PasswordResetStep>('identify');
  sent = $state.raw<SentCode | null>(null);
  /** "Renvoyer l'e-mail" was tapped: the warning that it cancels the last code is shown. */
  confirmingResend = $state(false);
  code = $state('');
  refusedAtEnd = $state(false);
  done = $state.raw<JourneyDone | null>(null);
  readonly password: NewPassword;

  constructor(deps: StudentFlowDeps) {
    super(deps);
    this.password = new NewPassword({
      policy: deps.profile.password,
      personal: () => this.personalData(),
      tools: loadPasswordTools,
    });
  }

  /** The student is reading a code on their phone: the kiosk waits longer before the wipe. */
  get awaitingCode(): boolean {
    return !this.granted && this.sent !== null && (this.step === 'send' || this.step === 'code');
  }

  protected identified(student: IdentifiedStudent): void {
    // After an agent's in-person check there is no code to send: the new password comes next.
    this.step = this.granted ? 'password' : 'send';
    if (!this.granted && student.accountStatus === 'active') void this.#resume();
  }

  /** A code this kiosk sent the student before the idle wipe: back to typing it. */
  async #resume(): Promise<void> {
    const sent = await recentCode(this, this.deps.api, 'password.recentReset', this.journeyId);
    if (sent === null || this.busy || this.step !== 'send' || this.sent !== null) return;
    this.sent = sent;
    this.step = 'code';
  }

  /**
   * Sends a reset code to the personal address. Once one was sent (and not cancelled), the first
   * call only asks for confirmation: a new e-mail cancels the code already sent.
   */
  async requestCode(): Promise<void> {
    if (this.journeyId === null) return;
    if (this.sent !== null && !this.sent.cancelled && !this.confirmingResend) {
      this.confirmingResend = true;
      return;
    }
    const reply = await this.request('password.requestReset', { journeyId: this.journeyId });
    if (reply === null) return;
    this.confirmingResend = false;
    if (reply.ok) {
      this.sent = reply.value;
      this.code = '';
      this.step = 'code';
    }
  }

  /** "Annuler" on the resend warning: the e-mail already sent stays the one to use. */
  keepSent(): void {
    this.confirmingResend = false;
  }

  /** From `send`, back to typing the code of the e-mail already sent (nothing is resent). */
  enterCode(): void {
    if (this.sent !== null) this.step = 'code';
  }

  /** One step back (password → code → send), keeping what was typed and the e-mail sent. */
  back(): void {
    this.clearError();
    this.confirmingResend = false;
    if (this.granted) return; // no code step to go back to
    if (this.step === 'password') this.step = 'code';
    else if (this.step === 'code') this.step = 'send';
  }

  /**
   * "Continuer" on the code step: the code typed, pasted or scanned (a link is reduced to its
   * code) is kept for the last step; only an empty field is refused here, since the API judges
   * the code with the new password.
   */
  submitCode(): Promise<boolean> {
    this.code = extractCode(this.code);
    if (this.code === '') {
      this.refuse({ code: 'invalid_input', fields: [{ field: 'code', reason: 'required' }] });
      return Promise.resolve(false);
    }
    this.clearError();
    this.confirmingResend = false;
    this.refusedAtEnd = false;
    this.step = 'password';
    return Promise.resolve(true);
  }

  /** Sets the new password with the code (or, after a hand-off, the agent's grant). */
  async complete(): Promise<void> {
    if (this.journeyId === null) return;
    if (this.granted) return this.#completeGranted(this.journeyId);
    if (this.code === '') {
      this.step = 'code';
      return this.refuse({
        code: 'invalid_input',
        fields: [{ field: 'code', reason: 'required' }],
      });
    }
    const refusal = this.password.validate();
    if (refusal !== null) return this.refuse(refusal);
    const reply = await this.request('password.completeReset', {
      journeyId: this.journeyId,
      code: this.code,
      password: this.password.password,
    });
    if (reply === null) return;
    if (reply.ok) {
      this.done = reply.value;
      this.code = '';
      this.password.clear();
      this.step = 'done';
    } else if (CODE_REFUSALS.has(reply.error.code)) {
      // Nothing was saved: back to the code, the error shown there, the new password kept.
      this.sent = markCancelled(this.sent, reply.error);
      this.refusedAtEnd = true;
      this.step = 'code';
    } else this.password.rejected(reply.error);
  }

  async #completeGranted(journeyId: string): Promise<void> {
    const refusal = this.password.validate();
    if (refusal !== null) return this.refuse(refusal);
    const reply = await this.request('handoff.completeReset', {
      journeyId,
      password: this.password.password,
    });
    if (reply === null) return;
    if (reply.ok) {
      this.done = reply.value;
      this.password.clear();
      this.step = 'done';
    } else this.password.rejected(reply.error);
  }

  protected override typed(): readonly string[] {
    return [...super.typed(), this.code, this.password.password, this.password.confirmation];
  }

  protected override clear(): void {
    super.clear();
    this.step = 'identify';
    this.sent = null;
    this.confirmingResend = false;
    this.code = '';
    this.refusedAtEnd = false;
    this.done = null;
    this.password.clear();
  }
}
