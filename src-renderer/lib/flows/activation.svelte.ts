/**
 * "1ère connexion" — activating the account:
 *
 *   identify ──> status ──submitCode() ok──> charter ──acceptCharter()──> password ──> done
 *
 * `status` explains where the account stands (student.activation): too early (from when), ready
 * (send or resend the e-mail; type or scan its code), or already active / locked / disabled /
 * not enrolled (what to do at the desk). An expired or wrong code at the last step sends the
 * student back to `status` with what they typed kept, charter included.
 */
import type {
  ActivationInfo,
  Charter,
  EmailSent,
  JourneyDone,
} from '../../../src-main/core/journeys';
import type { IdentifiedStudent } from '../../../src-main/core/student';
import { extractCode } from '../activation-code';
import { NewPassword } from '../new-password.svelte';
import { loadPasswordTools } from '../password-tools';
import { StudentFlow, type StudentFlowDeps } from './student-flow.svelte';

export type ActivationStep = 'identify' | 'status' | 'charter' | 'password' | 'done';

export class ActivationFlow extends StudentFlow {
  readonly kind = 'activation';
  step = $state<ActivationStep>('identify');
  activation = $state.raw<ActivationInfo | null>(null);
  sent = $state.raw<EmailSent | null>(null);
  code = $state('');
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

  protected identified(student: IdentifiedStudent): void {
    this.activation = student.activation;
    if (!this.granted) {
      this.step = 'status';
      return;
    }
    // An agent checked the student's identity: no mailed code, straight to the charter.
    this.step = 'charter';
    void this.loadCharter();
  }

  /** Sends (or sends again) the activation e-mail to the masked personal address. */
  async sendEmail(): Promise<void> {
    if (this.journeyId === null) return;
    const reply = await this.request('activation.sendEmail', { journeyId: this.journeyId });
    if (reply === null) return;
    if (reply.ok) this.sent = reply.value;
    else if (reply.error.code === 'too_early' && reply.error.availableAt) {
      this.activation = { state: 'too_early', availableAt: reply.error.availableAt };
    }
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
    if (reply === null || !reply.ok) return false;
    this.checkedCode = this.code;
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
    const refused = reply.error.code;
    if (refused === 'code_invalid' || refused === 'code_expired') {
      this.checkedCode = null;
      this.step = 'status'; // the error stays visible there, next to the code field
    } else this.password.rejected(reply.error);
  }

  /** One step back, keeping what was typed. */
  back(): void {
    this.clearError();
    if (this.granted && this.step === 'charter') return; // no code step to go back to
    if (this.step === 'password') this.step = 'charter';
    else if (this.step === 'charter') this.step = 'status';
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
    this.code = '';
    this.checkedCode = null;
    this.provisional = false;
    this.charter = null;
    this.accepted = false;
    this.charterRefused = false;
    this.done = null;
    this.password.clear();
  }
}
