/**
 * "Trouver mon identifiant" (also "Problème de connexion" → "Identifiant oublié"):
 *
 *   identify ──submitIdentity() ok──> result
 *
 * The result screen may hand the student over to activation (account not activated yet) or to
 * the forgotten-password journey without asking for the student number again.
 */
import type { IdentifiedStudent } from '../../../src-main/core/student';
import { StudentFlow } from './student-flow.svelte';

export type FindIdentifierStep = 'identify' | 'result';

export class FindIdentifierFlow extends StudentFlow {
  readonly kind = 'findIdentifier';
  step = $state<FindIdentifierStep>('identify');

  protected identified(_student: IdentifiedStudent): void {
    this.step = 'result';
  }

  protected override clear(): void {
    super.clear();
    this.step = 'identify';
  }
}
