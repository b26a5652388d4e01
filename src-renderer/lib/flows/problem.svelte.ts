/**
 * "Problème de connexion", as on the institution's pages: a short menu. Forgotten identifier and
 * forgotten password are journeys of their own (the session switches to them); where the help
 * desk is shows on the menu itself, one tap from home.
 */
import { Flow } from './flow.svelte';

export class ProblemMenu extends Flow {
  readonly kind = 'problem';

  protected clear(): void {}
}
