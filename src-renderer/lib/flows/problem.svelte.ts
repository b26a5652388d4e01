/**
 * "Problème de connexion", as on the institution's pages: a short menu. Forgotten identifier and
 * forgotten password are journeys of their own (the session switches to them); "Aide" says where
 * help is.
 *
 *   menu ──showHelp()──> help
 */
import { Flow } from './flow.svelte';

export type ProblemStep = 'menu' | 'help';

export class ProblemMenu extends Flow {
  readonly kind = 'problem';
  step = $state<ProblemStep>('menu');

  showHelp(): void {
    this.step = 'help';
  }

  back(): void {
    this.step = 'menu';
  }

  protected clear(): void {
    this.step = 'menu';
  }
}
