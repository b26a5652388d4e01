/**
 * "Changer mon mot de passe": the student knows their identifier and current password.
 *
 *   form ──submit() ok──> done
 *
 * The student is not identified beforehand, so the personal-data rule can only compare with the
 * identifier typed here; main checks names and birth date too, and its refusal is shown the same.
 */
import type { JourneyDone } from '../../../src-main/core/journeys';
import { NewPassword } from '../new-password.svelte';
import { loadPasswordTools } from '../password-tools';
import { Flow, type FlowDeps } from './flow.svelte';
import type { PasswordPolicy } from '../../../src-main/core/password-policy';

export type PasswordChangeStep = 'form' | 'done';

export class PasswordChangeFlow extends Flow {
  readonly kind = 'passwordChange';
  step = $state<PasswordChangeStep>('form');
  identifier = $state('');
  currentPassword = $state('');
  /** Which of the two first fields was left empty at the last submit. */
  missing = $state.raw<('identifier' | 'currentPassword')[]>([]);
  done = $state.raw<JourneyDone | null>(null);
  readonly password: NewPassword;

  constructor(deps: FlowDeps & { policy: PasswordPolicy }) {
    super(deps);
    this.password = new NewPassword({
      policy: deps.policy,
      personal: () => {
        const identifier = this.identifier.trim();
        return identifier === ''
          ? null
          : { identifier, firstName: '', lastName: '', birthDate: null };
      },
      tools: loadPasswordTools,
    });
  }

  async submit(): Promise<void> {
    this.missing = [
      ...(this.identifier.trim() === '' ? (['identifier'] as const) : []),
      ...(this.currentPassword === '' ? (['currentPassword'] as const) : []),
    ];
    if (this.missing.length > 0) return this.refuse({ code: 'invalid_input' });
    const refusal = this.password.validate();
    if (refusal !== null) return this.refuse(refusal);
    const reply = await this.request('password.change', {
      identifier: this.identifier.trim().toLowerCase(),
      currentPassword: this.currentPassword,
      newPassword: this.password.password,
    });
    if (reply === null) return;
    if (reply.ok) {
      this.done = reply.value;
      this.currentPassword = '';
      this.password.clear();
      this.step = 'done';
    } else this.password.rejected(reply.error);
  }

  /** The student edits one of the first two fields. */
  edited(field: 'identifier' | 'currentPassword'): void {
    this.missing = this.missing.filter((f) => f !== field);
    this.clearError();
  }

  protected override typed(): readonly string[] {
    if (this.step !== 'form') return [];
    const { password, confirmation } = this.password;
    return [this.identifier, this.currentPassword, password, confirmation];
  }

  protected clear(): void {
    this.step = 'form';
    this.identifier = '';
    this.currentPassword = '';
    this.missing = [];
    this.done = null;
    this.password.clear();
  }
}
