/**
 * The console page's state, top to bottom: it boots by asking for the session the browser
 * holds, shows sign-in without one, then the screen the address names (#/ the fleet,
 * #/kiosks/{id} a kiosk, #/actions the staff actions). Any 401 past sign-in ends the session
 * and returns to sign-in, saying why.
 */
import type { ConsoleApi, ConsoleError, ConsoleResult } from './console-api';

export type Route = { name: 'fleet' } | { name: 'kiosk'; deviceId: string } | { name: 'actions' };

export type Screen = { name: 'boot' } | { name: 'signIn' } | Route;

/** What sign-in says above its form: signed out on purpose, or the session ended by itself. */
export type SignInNotice = 'signed_out' | 'expired' | null;

/** The screen an address names; anything unknown is the fleet. */
export function routeOf(hash: string): Route {
  const kiosk = /^#\/kiosks\/([^/]+)$/.exec(hash);
  if (kiosk !== null) {
    try {
      return { name: 'kiosk', deviceId: decodeURIComponent(kiosk[1]!) };
    } catch {
      return { name: 'fleet' };
    }
  }
  if (hash === '#/actions') return { name: 'actions' };
  return { name: 'fleet' };
}

/** The address of a screen. */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'fleet':
      return '#/';
    case 'kiosk':
      return `#/kiosks/${encodeURIComponent(route.deviceId)}`;
    case 'actions':
      return '#/actions';
  }
}

export class ConsoleApp {
  screen = $state<Screen>({ name: 'boot' });
  staffId = $state<string | null>(null);
  notice = $state<SignInNotice>(null);
  /** Why the first question for the session failed (the service could not be reached). */
  bootError = $state<ConsoleError | null>(null);
  /** Signing out failed (the service did not answer): the session may still be open. */
  signOutError = $state<ConsoleError | null>(null);
  readonly api: ConsoleApi;
  #wanted: Route = { name: 'fleet' };

  constructor(api: ConsoleApi) {
    this.api = api;
  }

  /** Asks for the session the browser holds; opens `route` with one, sign-in without. */
  async start(route: Route): Promise<void> {
    this.#wanted = route;
    const session = await this.api.session();
    if (session.ok) {
      this.staffId = session.value.staffId;
      this.screen = route;
      return;
    }
    if (session.error.kind !== 'signed_out') this.bootError = session.error;
    this.screen = { name: 'signIn' };
  }

  /** The address changed (a link, back, forward): that screen, once signed in. */
  go(route: Route): void {
    this.#wanted = route;
    if (this.staffId !== null) this.screen = route;
  }

  /** Signs in; null when done, else why not (the form shows it). */
  async signIn(uid: string, password: string): Promise<ConsoleError | null> {
    const answer = await this.api.signIn(uid, password);
    if (!answer.ok) return answer.error;
    this.staffId = answer.value.staffId;
    this.notice = null;
    this.bootError = null;
    this.screen = this.#wanted;
    return null;
  }

  /** Signs out; if the service did not close the session, says so and stays signed in. */
  async signOut(): Promise<void> {
    const answer = await this.api.signOut();
    if (!answer.ok && answer.error.kind !== 'signed_out') {
      this.signOutError = answer.error;
      return;
    }
    this.signOutError = null;
    this.#end('signed_out');
  }

  /**
   * Every screen's answer goes through here: a 401 ends the session (back to sign-in); any
   * other failure stays with the screen, which says it.
   */
  checked<T>(result: ConsoleResult<T>): ConsoleResult<T> {
    if (!result.ok && result.error.kind === 'signed_out') this.#end('expired');
    return result;
  }

  #end(notice: SignInNotice): void {
    this.staffId = null;
    this.notice = notice;
    this.screen = { name: 'signIn' };
  }
}
