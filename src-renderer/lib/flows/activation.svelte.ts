/**
 * "1ère connexion" — activating the account:
 *
 *   identify ──> status ──sendEmail()──> code ──submitCode() ok──> charter ──> password ──> done
 *                  └── an e-mail this kiosk sent and still valid ──┘ (back: code → status)
 *
 * `status` explains where the account stands (student.activation): too early (from when), ready
 * (send the e-mail), or already active / locked / disabled / not enrolled (what to do at the
 * desk). `code` says when the e-mail was sent and takes its code; sending again is offered there,
 * after a warning that it cancels the code already on the student's phone. A student identified
 * again after the idle wipe lands back on `code` (main remembers what it sent). An expired, wrong
 * or cancelled code at the last step sends the student back to `code`, everything typed kept.
 */
import type { ActivationInfo, Charter, JourneyDone } from '../../../src-main/core/journeys';
import type { SentCode } from '../../../src-main/core/sent-codes';
import type { IdentifiedStudent } from '../../../src-main/core/student';
import { extractCode } from '../activation-code';
import { NewPassword } from '../new-password.svelte';
import { loadPasswordTools } from '../password-tools';
import { CODE_REFUSALS, type CodeStep } from './code-step';
import { markCancelled, recentCode } from './sent-code';
import { StudentFlow, type StudentFlowDeps } from './student-flow.svelte';

export type ActivationStep = 'identify' | 'status' | 'code' | 'charter' | 'password' | 'done';

export class ActivationFlow extends StudentFlow implements CodeStep {
  readonly kind = 'activation';
  step = $state<ActivationStep>('identify');
  activation = $state.raw<ActivationInfo | null>(null);
  sent = $state.raw<SentCode | null>(null);
  /** "Renvoyer l'e-mail" was tapped: the warning that it cancels the last code is shown. */
  confirmingResend = $state(false);
  code = $state('');
  refusedAtEnd = $state(false);
  /** The code main accepted; the one sent with the password at the end. */
  checkedCode = $state<string | null>(null);
  /** The central API was unreachable: the code is checked when the queued activation is sent. */
  provisional = $state(false);
  charter = $state.raw<Charter | null>(null);
  accepted = $state(false);
  /** Set when "Continuer" was pressed without ticking the charter box. */
  charterRefused = $state(false);
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
    return this.sent !== null && (this.step === 'status' || this.step === 'code');
  }

  protected identified(student: IdentifiedStudent): void {
    this.activation = student.activation;
    if (!this.granted) {
      this.step = 'status';
      if (student.activation.state === 'ready') void this.#resume();
      return;
    }
    // An agent checked the student's identity: no mailed code, straight to the charter.
    this.step = 'charter';
    void this.loadCharter();
  }

  /** An e-mail this kiosk sent the student before the idle wipe: back to its code. */
  async #resume(): Promise<void> {
    const sent = await recentCode(this, this.deps.api, 'activation.recentEmail', this.journeyId);
    if (sent === null || this.busy || this.step !== 'status' || this.sent !== null) return;
    this.sent = sent;
    this.step = 'code';
  }

  /**
   * Sends the activation e-mail to the masked personal address. Once one was sent (and its code
   * not cancelled), the first call only asks for confirmation: a new e-mail cancels the code
   * already on the student's phone.
   */
  async sendEmail(): Promise<void> {
    if (this.journeyId === null) return;
    if (this.sent !== null && !this.sent.cancelled && !this.confirmingResend) {
      this.confirmingResend = true;
      return;
    }
    const reply = await this.request('activation.sendEmail', { journeyId: this.journeyId });
    if (reply === null) return;
    this.confirmingResend = false;
    if (reply.ok) {
      this.sent = reply.value;
      this.code = '';
      this.step = 'code';
    } else if (reply.error.code === 'too_early' && reply.error.availableAt) {
      this.activation = { state: 'too_early', availableAt: reply.error.availableAt };
      this.step = 'status';
    }
  }

  /** "Annuler" on the resend warning: the e-mail already sent stays the one to use. */
  keepSent(): void {
    this.confirmingResend = false;
  }

  /** From `status`, back to typing the code of the e-mail already sent (nothing is resent). */
  enterCode(): void {
    if (this.sent !== null) this.step = 'code';
  }

  /** The code typed, pasted or scanned (a whole link is reduced to its code), checked by main. */
  async submitCode(): Promise<boolean> {
    if (this.journeyId === null) return false;
    this.code = extractCode(this.code);
    if (this.code === '') {
      this.refuse({ code: 'invalid_input', fields: [{ field: 'code', reason: 'required' }] });
      return false;
    }
    const reply = await this.request('activation.checkCode', {
      journeyId: this.journeyId,
      code: this.code,
    });
    if (reply === null) return false;
    if (!reply.ok) {
      this.sent = markCancelled(this.sent, reply.error);
      return false;
    }
    this.checkedCode = this.code;
    this.refusedAtEnd = false;
    this.provisional = reply.value.provisional ?? false;
    this.step = this.accepted && this.charter !== null ? 'password' : 'charter';
    if (this.charter === null) await this.loadCharter();
    return true;
  }

  /** Fetches the charter in force (also the retry when it could not be fetched). */
  async loadCharter(): Promise<void> {
    const reply = await this.request('charter.get', {});
    if (reply?.ok) this.charter = reply.value;
  }

  acceptCharter(): void {
    if (this.charter === null) return;
    this.charterRefused = !this.accepted;
    if (this.accepted) this.step = 'password';
  }

  /** Activates the account with the code, the accepted charter and the first password. */
  async complete(): Promise<void> {
    const code = this.granted ? '' : this.checkedCode;
    if (this.journeyId === null || code === null || this.charter === null) return;
    const refusal = this.password.validate();
    if (refusal !== null) return this.refuse(refusal);
    const input = {
      journeyId: this.journeyId,
      charterVersion: this.charter.version,
      password: this.password.password,
    };
    const reply = this.granted
      ? await this.request('handoff.completeActivation', input)
      : await this.request('activation.complete', { ...input, code });
    if (reply === null) return;
    if (reply.ok) {
      this.done = reply.value;
      this.password.clear();
      this.step = 'done';
      return;
    }
    if (CODE_REFUSALS.has(reply.error.code)) {
      this.checkedCode = null;
      this.sent = markCancelled(this.sent, reply.error);
      this.refusedAtEnd = true;
      this.step = 'code'; // the error stays visible there, next to the code field
    } else this.password.rejected(reply.error);
  }

  /** One step back, keeping what was typed and the e-mail sent (nothing is sent again). */
  back(): void {
    this.clearError();
    this.confirmingResend = false;
    if (this.granted && this.step === 'charter') return; // no code step to go back to
    if (this.step === 'password') this.step = 'charter';
    else if (this.step === 'charter') this.step = 'code';
    else if (this.step === 'code') this.step = 'status';
  }

  protected override typed(): readonly string[] {
    if (this.step === 'done') return [];
    return [...super.typed(), this.code, this.password.password, this.password.confirmation];
  }

  protected override clear(): void {
    super.clear();
    this.step = 'identify';
    this.activation = null;
    this.sent = null;
    this.confirmingResend = false;
    this.code = '';
    this.checkedCode = null;
    this.refusedAtEnd = false;
    this.provisional = false;
    this.charter = null;
    this.accepted = false;
    this.charterRefused = false;
    this.done = null;
    this.password.clear();
  }
}
