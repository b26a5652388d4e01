/**
 * The code step (screens/CodeScreen.svelte), one for activation and forgotten password: the
 * e-mail sent, the warning before sending another, the code field, "Retour", "Renvoyer l'e-mail"
 * and "Continuer". Each journey's flow is this shape; the screen needs nothing else of it.
 */
import type { AppError } from '../../../src-main/core/result';
import type { SentCode } from '../../../src-main/core/sent-codes';

/** What result of the last step means a wrong code: the student goes back to the code step. */
export const CODE_REFUSALS: ReadonlySet<AppError['code']> = new Set([
  'code_invalid',
  'code_expired',
  'code_cancelled',
]);

export interface CodeStep {
  readonly sent: SentCode | null;
  readonly error: AppError | null;
  readonly busy: boolean;
  /** "Renvoyer l'e-mail" was tapped: the warning that it cancels the last code is shown. */
  readonly confirmingResend: boolean;
  /** The code as typed, pasted or scanned. */
  code: string;
  /**
   * The code was refused only at the journey's last step, after the student typed what comes
   * next (a new password): nothing was saved, and what they typed is kept for the next try.
   */
  readonly refusedAtEnd: boolean;
  clearError(): void;
  /** "Non, garder le code reçu": the e-mail already sent stays the one to use. */
  keepSent(): void;
  /** One step back, keeping the code typed and the e-mail sent. */
  back(): void;
  /** "Continuer": true when the journey moved on to the next step. */
  submitCode(): Promise<boolean>;
}
