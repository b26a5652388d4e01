/**
 * "Problème de connexion" → "Mot de passe oublié":
 *
 *   identify ──> send ──requestCode() ok──> code ──complete() ok──> done
 *
 * `send` shows where the code will go (the masked personal address) before anything is sent; an
 * account that is not active is told what to do instead (activation, or the desk). `code` takes
 * the code from the e-mail and the new password on one screen; "send another code" stays there.
 */
import type { EmailSent, JourneyDone } from '../../../src-main/core/journeys';
import type { IdentifiedStudent } from '../../../src-main/core/student';
import { extractCode } from '../activation-code';
import { NewPassword } from '../new-password.svelte';
import { loadPasswordTools } from '../password-tools';
import { StudentFlow, type StudentFlowDeps } from './student-flow.svelte';

export type PasswordResetStep = 'identify' | 'send' | 'code' | 'done';

export class PasswordResetFlow extends StudentFlow {
  readonly kind = 'passwordReset';
  step = $state<PasswordResetStep>('identify');
  sent = $state.raw<EmailSent | null>(null);
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

  protected identified(_student: IdentifiedStudent): void {
    // After an agent's in-person check there is no code to send: the new password comes next.
    this.step = this.granted ? 'code' : 'send';
  }

  /** Sends a reset code to the personal address (again, from the code step). */
  async requestCode(): Promise<void> {
    if (this.journeyId === null) return;
    const reply = await this.request('password.requestReset', { journeyId: this.journeyId });
    if (reply?.ok) {
      this.sent = reply.value;
      this.step = 'code';
    }
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
    this.code = '';
    this.done = null;
    this.password.clear();
  }
}
