/**
 * "Rediriger mes mails": the student logs in with identifier and password, then sets or removes
 * the redirection of the university mailbox to an external address.
 *
 *   login ──open() ok──> edit ──save() ok──> done
 *                         │  ▲
 *     save() with a new address   back()
 *                         ▼  │
 *                        confirm ──save() ok──> done
 *
 * A new address is shown back before it is saved: one typo, with the copy box unticked, would
 * send all university mail to a stranger. One tap more, not the whole address typed twice.
 */
import type { JourneyDone, MailRedirection } from '../../../src-main/core/journeys';
import {
  ownMailDomains,
  validateExternalEmail,
  type EmailRefusal,
} from '../../../src-main/core/email';
import type { InstitutionProfile } from '../../../src-main/core/profile';
import { Flow, type FlowDeps } from './flow.svelte';

export type MailStep = 'login' | 'edit' | 'confirm' | 'done';
export type LoginField = 'identifier' | 'password';

export class MailFlow extends Flow {
  readonly kind = 'mail';
  step = $state<MailStep>('login');
  identifier = $state('');
  password = $state('');
  passwordVisible = $state(false);
  missing = $state.raw<LoginField[]>([]);
  /** The redirection as the central API has it; null when it could not be read (offline). */
  current = $state.raw<MailRedirection | null>(null);
  /** Logged in while the central API was unreachable: a change is queued with a receipt. */
  offline = $state(false);
  /** The student's choice: forward to an external address, or keep mail at the university. */
  redirect = $state(false);
  address = $state('');
  keepCopy = $state(true);
  /** Why the address was refused locally (empty, malformed, the university's own domain). */
  addressProblem = $state<EmailRefusal | 'required' | null>(null);
  done = $state.raw<(JourneyDone & { redirection: MailRedirection }) | null>(null);

  readonly #ownDomains: string[];
  /** The address as the student found it: saving it again needs no confirmation. */
  #loadedAddress: string | null = null;

  constructor(deps: FlowDeps & { profile: Pick<InstitutionProfile, 'entUrl' | 'mailDomains'> }) {
    super(deps);
    this.#ownDomains = ownMailDomains(deps.profile);
  }

  async open(): Promise<void> {
    this.missing = [
      ...(this.identifier.trim() === '' ? (['identifier'] as const) : []),
      ...(this.password === '' ? (['password'] as const) : []),
    ];
    if (this.missing.length > 0) return this.refuse({ code: 'invalid_input' });
    const reply = await this.request('mail.open', {
      identifier: this.identifier.trim().toLowerCase(),
      password: this.password,
    });
    if (!reply?.ok) return;
    this.journeyId = reply.value.journeyId;
    this.identifier = reply.value.identifier;
    this.password = ''; // not needed any more: the journey in main stands for the login
    this.offline = reply.value.offline;
    this.current = reply.value.currentKnown ? reply.value.redirection : null;
    this.redirect = reply.value.redirection.address !== null;
    this.address = reply.value.redirection.address ?? '';
    this.#loadedAddress = reply.value.redirection.address;
    this.keepCopy = reply.value.redirection.keepCopy;
    this.step = 'edit';
  }

  /** The address that will be saved, as checked (lower-cased, trimmed); null: no redirection. */
  get target(): string | null {
    if (!this.redirect) return null;
    const checked = validateExternalEmail(this.address, this.#ownDomains);
    return checked.ok ? checked.value : null;
  }

  /**
   * From `edit`: checks the choice, then saves it, or first shows a new address back (`confirm`).
   * From `confirm`: saves what was shown.
   */
  async save(): Promise<void> {
    if (this.journeyId === null || (this.step !== 'edit' && this.step !== 'confirm')) return;
    let address: string | null = null;
    if (this.redirect) {
      const checked = validateExternalEmail(this.address, this.#ownDomains);
      this.addressProblem =
        this.address.trim() === '' ? 'required' : checked.ok ? null : checked.error;
      if (!checked.ok) {
        this.step = 'edit';
        return this.refuse({ code: 'invalid_email' });
      }
      address = checked.value;
      if (this.step === 'edit' && address !== this.#loadedAddress) {
        this.clearError();
        this.step = 'confirm';
        return;
      }
    }
    const reply = await this.request('mail.setRedirection', {
      journeyId: this.journeyId,
      address,
      keepCopy: this.redirect ? this.keepCopy : true,
    });
    if (reply?.ok) {
      this.done = reply.value;
      this.step = 'done';
    } else if (reply?.error.fields?.some((f) => f.field === 'address')) {
      this.step = 'edit'; // main refused the address itself: the message shows next to it
    }
  }

  /** From `confirm`: back to the address, as typed, to correct it. */
  back(): void {
    if (this.step !== 'confirm') return;
    this.clearError();
    this.step = 'edit';
  }

  edited(field: LoginField | 'address'): void {
    if (field === 'address') this.addressProblem = null;
    else this.missing = this.missing.filter((f) => f !== field);
    this.clearError();
  }

  protected override typed(): readonly string[] {
    if (this.step === 'login') return [this.identifier, this.password];
    if (this.step === 'done' || !this.redirect) return [];
    // A pre-filled address the student left as it was is not theirs to lose.
    return this.address.trim() === (this.#loadedAddress ?? '') ? [] : [this.address];
  }

  protected clear(): void {
    this.#loadedAddress = null;
    this.step = 'login';
    this.identifier = '';
    this.password = '';
    this.passwordVisible = false;
    this.missing = [];
    this.current = null;
    this.offline = false;
    this.redirect = false;
    this.address = '';
    this.keepCopy = true;
    this.addressProblem = null;
    this.done = null;
  }
}
