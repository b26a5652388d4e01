/**
 * Staff mode, as the screens see it. The staff session itself lives in main; this only remembers
 * what the agent is looking at, so that "Terminer", the idle wipe or an expired session forget it.
 *
 *   signIn ──signIn() ok──> search ──search()──> results ──open(id)──> student ──act()──> student
 *                             │                                          └─ handOff ──> student journey
 *                             ├──> deadLetters ──act(retry|discard)──> deadLetters
 *                             ├──> diagnostics (sync now, retry outbox: supervisors)
 *                             └──> audit (supervisors)
 *
 * Any reply saying the session is gone (expired, required) wipes the screen back to `signIn`.
 */
import type { OfflineReceipt } from '../../../src-main/core/journeys';
import type { AppError } from '../../../src-main/core/result';
import { roleAllows, type StaffAction } from '../../../src-main/core/staff-roles';
import type {
  StaffAuditView,
  StaffDeadLetter,
  StaffDiagnostics,
  StaffSearchResult,
  StaffSessionInfo,
  StaffStudentPage,
} from '../../../src-main/core/staff-view';
import type { IdentifiedStudent } from '../../../src-main/core/student';
import type { Channel } from '../../../src-main/ipc/channels';
import type { Input, Reply } from '../../../src-main/ipc/contract';
import { Flow, type FlowDeps } from '../flows/flow.svelte';
import { StaffActionForm, type StaffActionKind } from './staff-action.svelte';

/** The kiosk-wide actions of the diagnostics screen. */
type KioskAction = 'syncNow' | 'retryOutbox' | 'clearStaffLockouts';

export type StaffScreen = 'signIn' | 'search' | 'student' | 'deadLetters' | 'diagnostics' | 'audit';

/** What the kiosk hands to the student after the agent's in-person check. */
export interface HandOff {
  journeyId: string;
  purpose: 'activation' | 'password_reset';
  student: IdentifiedStudent;
}

export interface StaffDeskDeps extends FlowDeps {
  /** The agent's check is done: the session ends and the student's journey opens. */
  onHandOff: (handOff: HandOff) => void;
  /** Signed in: the idle watch follows the agent's idle time from now on. */
  onSignedIn?: () => void;
}

/** What an action did, said once on screen (role=status). */
export type StaffNotice =
  | { kind: 'sent'; to: string; expiresAt: string }
  /** The API did not answer: the action waits in the outbox, under this reference. */
  | { kind: 'queued'; reference: string }
  | { kind: 'done'; action: StaffActionKind | KioskAction }
  | { kind: 'bundle'; fileName: string; bytes: number };

const SESSION_GONE = new Set(['staff_session_expired', 'staff_session_required']);

export class StaffDesk extends Flow {
  readonly kind = 'staff';
  screen = $state<StaffScreen>('signIn');
  agent = $state.raw<StaffSessionInfo | null>(null);
  staffId = $state('');
  pin = $state('');
  query = $state('');
  offlineNumber = $state('');
  offlineBirthDate = $state('');
  results = $state.raw<StaffSearchResult | null>(null);
  page = $state.raw<StaffStudentPage | null>(null);
  revealedEmail = $state<string | null>(null);
  action = $state.raw<StaffActionForm | null>(null);
  notice = $state.raw<StaffNotice | null>(null);
  deadLetters = $state.raw<StaffDeadLetter[] | null>(null);
  diagnostics = $state.raw<StaffDiagnostics | null>(null);
  audit = $state.raw<StaffAuditView | null>(null);

  protected override readonly deps: StaffDeskDeps;

  constructor(deps: StaffDeskDeps) {
    super(deps);
    this.deps = deps;
  }

  /** Whether the signed-in role may do this; main checks it again on every call. */
  may(action: StaffAction): boolean {
    return this.agent !== null && roleAllows(this.agent.role, action);
  }

  async signIn(): Promise<boolean> {
    if (this.agent !== null) return false;
    const pin = this.pin;
    this.pin = ''; // never kept on screen, whatever the answer
    if (this.staffId.trim() === '' || pin.length < 4) {
      this.refuse({ code: 'staff_pin_invalid' });
      return false;
    }
    const reply = await this.call('staff.signIn', { staffId: this.staffId.trim(), pin });
    if (reply?.ok !== true) return false;
    this.agent = reply.value;
    this.staffId = '';
    this.screen = 'search';
    this.deps.onSignedIn?.();
    return true;
  }

  /** "Terminer" (and the idle wipe): main forgets the session, the screen forgets the rest. */
  signOut(): void {
    const signedIn = this.agent !== null;
    this.wipe();
    if (signedIn) void this.deps.api['staff.signOut']({});
  }

  go(screen: Exclude<StaffScreen, 'signIn' | 'student'>): void {
    if (this.agent === null) return;
    this.clearError();
    this.action = null;
    this.notice = null;
    this.screen = screen;
    if (screen === 'search') this.#forgetStudent();
    if (screen === 'deadLetters') void this.loadDeadLetters();
    if (screen === 'diagnostics') void this.loadDiagnostics();
    if (screen === 'audit') void this.loadAudit();
  }

  async search(): Promise<void> {
    const query = this.query.trim();
    if (query.length < 2) return this.refuse({ code: 'invalid_input' });
    const reply = await this.call('staff.search', { query });
    if (reply?.ok) this.results = reply.value;
  }

  /** Offline: student number + birth date ("jjmmaaaa"), from the kiosk's cache. */
  async searchOffline(): Promise<void> {
    const studentNumber = this.offlineNumber.replace(/\s/g, '');
    const birthDate = this.offlineBirthDate.replace(/\D/g, '');
    if (studentNumber === '' || birthDate.length !== 8) {
      return this.refuse({ code: 'invalid_input' });
    }
    const reply = await this.call('staff.searchOffline', { studentNumber, birthDate });
    if (reply?.ok) {
      this.results = reply.value;
      this.offlineBirthDate = ''; // a birth date does not stay on screen
      if (reply.value.results.length === 1) await this.open(reply.value.results[0]!.identifier);
    }
  }

  async open(identifier: string): Promise<void> {
    const reply = await this.call('staff.student', { identifier });
    if (!reply?.ok) return;
    this.revealedEmail = null;
    this.action = null;
    this.notice = null;
    this.page = reply.value;
    this.screen = 'student';
  }

  /** Back from a student to the search, results kept. */
  backToResults(): void {
    this.#forgetStudent();
    this.clearError();
    this.screen = 'search';
  }

  /** Opens an action's form (reason, note, document). */
  prepare(kind: StaffActionKind, target: number | null = null): void {
    this.clearError();
    this.notice = null;
    this.action = new StaffActionForm(kind, target);
  }

  cancelAction(): void {
    this.action = null;
    this.clearError();
  }

  /** Sends the prepared action, once its form holds. */
  async act(): Promise<void> {
    const form = this.action;
    if (form === null || form.check() !== null) return;
    const ok = await this.#send(form);
    if (!ok || this.wiped) return;
    this.action = null;
    if (this.page !== null && this.screen === 'student' && form.kind !== 'reveal') {
      await this.#reload(this.page.identifier);
    }
    if (this.screen === 'deadLetters') await this.loadDeadLetters();
  }

  async loadDeadLetters(): Promise<void> {
    const reply = await this.call('staff.deadLetters', {});
    if (reply?.ok) this.deadLetters = reply.value;
  }

  async loadDiagnostics(): Promise<void> {
    const reply = await this.call('staff.diagnostics', {});
    if (reply?.ok) this.diagnostics = reply.value;
  }

  async loadAudit(): Promise<void> {
    const reply = await this.call('staff.audit', { limit: 100 });
    if (reply?.ok) this.audit = reply.value;
  }

  async syncNow(): Promise<void> {
    const reply = await this.call('staff.syncNow', {});
    if (reply?.ok) await this.#done('syncNow');
  }

  async retryOutbox(): Promise<void> {
    const reply = await this.call('staff.retryOutbox', {});
    if (reply?.ok) await this.#done('retryOutbox');
  }

  /** Lifts every staff sign-in lock and slow-down of this kiosk (supervisors). */
  async clearStaffLockouts(): Promise<void> {
    const reply = await this.call('staff.clearStaffLockouts', {});
    if (reply?.ok) await this.#done('clearStaffLockouts');
  }

  async supportBundle(): Promise<void> {
    const reply = await this.call('staff.supportBundle', {});
    if (reply?.ok) this.notice = { kind: 'bundle', ...reply.value };
  }

  async #done(action: KioskAction): Promise<void> {
    await this.loadDiagnostics();
    this.notice = { kind: 'done', action };
  }

  async #send(form: StaffActionForm): Promise<boolean> {
    const base = form.base();
    const identifier = this.page?.identifier ?? '';
    const verification = form.verification();
    switch (form.kind) {
      case 'reveal': {
        if (verification === undefined) return false;
        const r = await this.call('staff.revealEmail', { identifier, verification, ...base });
        if (r?.ok) this.revealedEmail = r.value.personalEmail;
        return r?.ok === true;
      }
      case 'resend': {
        const corrected = form.correctedEmail.trim();
        const r = await this.call('staff.resendActivation', {
          identifier,
          ...(corrected === '' ? {} : { correctedEmail: corrected }),
          ...(verification === undefined ? {} : { verification }),
          ...base,
        });
        if (r?.ok)
          this.notice =
            r.value.receipt === null
              ? { kind: 'sent', to: r.value.sentTo, expiresAt: r.value.expiresAt }
              : { kind: 'queued', reference: r.value.receipt.reference };
        return r?.ok === true;
      }
      case 'handOffActivation':
      case 'handOffReset': {
        if (verification === undefined) return false;
        const purpose = form.kind === 'handOffReset' ? 'password_reset' : 'activation';
        const r = await this.call('staff.handOff', { identifier, purpose, verification, ...base });
        if (!r?.ok) return false;
        // Main ended the staff session: forget everything, then the student takes over.
        this.wipe();
        this.deps.onHandOff(r.value);
        return true;
      }
      case 'unlock':
        if (verification === undefined) return false;
        return this.#plain(
          await this.call('staff.unlock', { identifier, verification, ...base }),
          form,
        );
      case 'clearLockout':
        return this.#plain(
          await this.call('staff.clearIdentificationLockout', { identifier, ...base }),
          form,
        );
      case 'clearBudget':
        return this.#plain(await this.call('staff.clearKioskBudget', base), form);
      case 'retryDeadLetter':
      case 'discardDeadLetter': {
        const channel =
          form.kind === 'retryDeadLetter' ? 'staff.retryDeadLetter' : 'staff.discardDeadLetter';
        return this.#plain(await this.call(channel, { id: form.target ?? 0, ...base }), form);
      }
    }
  }

  #plain(reply: Reply<Channel> | null, form: StaffActionForm): boolean {
    // Most of these channels answer nothing (null); unlock may answer a receipt when it queued.
    const value = reply?.ok ? (reply.value as { receipt?: OfflineReceipt | null } | null) : null;
    const receipt = value?.receipt ?? null;
    if (receipt) this.notice = { kind: 'queued', reference: receipt.reference };
    else if (reply?.ok) this.notice = { kind: 'done', action: form.kind };
    return reply?.ok === true;
  }

  async #reload(identifier: string): Promise<void> {
    const reply = await this.call('staff.student', { identifier });
    if (reply?.ok) this.page = reply.value;
  }

  /** `request`, plus: a session main no longer holds takes the agent back to sign-in, wiped. */
  protected async call<C extends Channel>(channel: C, input: Input<C>): Promise<Reply<C> | null> {
    const reply = await this.request(channel, input);
    if (reply !== null && !reply.ok && SESSION_GONE.has(reply.error.code)) this.#lost(reply.error);
    return reply;
  }

  #lost(error: AppError): void {
    this.clear();
    this.error = error;
  }

  #forgetStudent(): void {
    this.page = null;
    this.revealedEmail = null;
    this.action = null;
    this.notice = null;
  }

  protected clear(): void {
    this.screen = 'signIn';
    this.agent = null;
    this.staffId = '';
    this.pin = '';
    this.query = '';
    this.offlineNumber = '';
    this.offlineBirthDate = '';
    this.results = null;
    this.#forgetStudent();
    this.deadLetters = null;
    this.diagnostics = null;
    this.audit = null;
  }
}
