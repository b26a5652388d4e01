/**
 * "Problème de connexion" → "Mot de passe oublié":
 *
 *   identify ──> send ──requestCode() ok──> code ──complete() ok──> done
 *                 └── an e-mail this kiosk sent and still valid ──┘ (back: code → send)
 *
 * `send` shows where the code will go (the masked personal address) before anything is sent; an
 * account that is not active is told what to do instead (activation, or the desk). `code` says
 * when the e-mail was sent and takes its code and the new password on one screen; sending again
 * is offered there, after a warning that it cancels the code already sent (as in activation).
 */
import type { JourneyDone } from '../../../src-main/core/journeys';
import type { SentCode } from '../../../src-main/core/sent-codes';
import type { IdentifiedStudent } from '../../../src-main/core/student';
import { extractCode } from '../activation-code';
import { NewPassword } from '../new-password.svelte';
import { loadPasswordTools } from '../password-tools';
import { markCancelled, recentCode } from './sent-code';
import { StudentFlow, type StudentFlowDeps } from './student-flow.svelte';

export type PasswordResetStep = 'identify' | 'send' | 'code' | 'done';

export class PasswordResetFlow extends StudentFlow {
  readonly kind = 'passwordReset';
  step = $state<PasswordResetStep>('identify');
  sent = $state.raw<SentCode | null>(null);
  /** "Renvoyer l'e-mail" was tapped: the warning that it cancels the last code is shown. */
  confirmingResend = $state(false);
  code = $state('');
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
    this.step = this.granted ? 'code' : 'send';
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

  /** One step back (code → send), keeping the code typed and the e-mail sent. */
  back(): void {
    this.clearError();
    this.confirmingResend = false;
    if (this.step === 'code' && !this.granted) this.step = 'send';
  }

  async complete(): Promise<void> {
    if (this.journeyId === null) return;
    if (this.granted) return this.#completeGranted(this.journeyId);
    this.code = extractCode(this.code);
    if (this.code === '') {
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
    } else {
      this.sent = markCancelled(this.sent, reply.error);
      this.password.rejected(reply.error);
    }
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
    this.done = null;
    this.password.clear();
  }
}
