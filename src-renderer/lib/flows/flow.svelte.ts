/**
 * What every journey shares: one request at a time, the last refusal, and a wipe after which late
 * answers are dropped. Each journey (find-identifier, activation…) extends this class with its own
 * steps; the screens read the state and call the methods, nothing else.
 */
import { failure, type AppError } from '../../../src-main/core/result';
import type { Channel } from '../../../src-main/ipc/channels';
import type { Input, KioskApi, Reply } from '../../../src-main/ipc/contract';

export interface FlowDeps {
  api: KioskApi;
  /** The clock, injected so tests can check dates deterministically. */
  now: () => Date;
}

/** True for a reply value that opened a journey in main. */
function journeyIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('journeyId' in value)) return null;
  return typeof value.journeyId === 'string' ? value.journeyId : null;
}

export abstract class Flow {
  busy = $state(false);
  error = $state.raw<AppError | null>(null);

  protected readonly deps: FlowDeps;
  /** The journey main opened for this student (identification, mail login), ended by the wipe. */
  protected journeyId: string | null = null;
  #wiped = false;

  constructor(deps: FlowDeps) {
    this.deps = deps;
  }

  get wiped(): boolean {
    return this.#wiped;
  }

  /**
   * Calls main, with `busy` set meanwhile; a refusal lands in `error`. Returns null when the call
   * was not made (already busy) or its answer came after the wipe: the caller then does nothing.
   */
  protected async request<C extends Channel>(
    channel: C,
    input: Input<C>,
  ): Promise<Reply<C> | null> {
    if (this.busy || this.#wiped) return null;
    this.busy = true;
    this.error = null;
    const send = this.deps.api[channel] as (input: Input<C>) => Promise<Reply<C>>;
    const reply = await send(input).catch((): Reply<C> => failure('internal'));
    if (this.#wiped) {
      // The student left while main was answering: a journey opened meanwhile is closed at once.
      const late = reply.ok ? journeyIdOf(reply.value) : null;
      if (late !== null) void this.deps.api['journey.end']({ journeyId: late });
      return null;
    }
    this.busy = false;
    if (!reply.ok) this.error = reply.error;
    return reply;
  }

  /** A refusal found before any request (empty field, mismatch), shown like one from main. */
  protected refuse(error: AppError): void {
    this.error = error;
  }

  /**
   * True while a field of this journey holds something the student typed: leaving then asks
   * first ("Accueil"), so a slip of the finger does not erase it.
   */
  get hasInput(): boolean {
    return this.typed().some((value) => value.trim() !== '');
  }

  /** What the student typed and would lose by leaving; none by default. */
  protected typed(): readonly string[] {
    return [];
  }

  /** Forgets the last refusal, e.g. once the student edits what was refused. */
  clearError(): void {
    this.error = null;
  }

  /**
   * Empties every field and every piece of student data, and returns the journey main must end.
   * Subclasses empty their own state in `clear()`.
   */
  wipe(): string | null {
    this.#wiped = true;
    this.busy = false;
    this.error = null;
    this.clear();
    const id = this.journeyId;
    this.journeyId = null;
    return id;
  }

  protected abstract clear(): void;
}
