/**
 * The one contract between the renderer and main: for each channel, the schema main validates
 * its input against and the type of its output. Handlers (handlers.ts), the preload bridge and
 * the renderer's client (src-renderer/lib/kiosk-api.ts) are all derived from it.
 * The renderer imports this file for types only.
 */
import { z } from 'zod';
import type { InstitutionProfile } from '../core/profile';
import type { AppError, Result } from '../core/result';
import type { IdentifiedStudent } from '../core/student';
import type { Channel } from './channels';

/** What the renderer needs to draw the kiosk: the institution and the mode it runs in. */
export interface KioskInfo {
  profile: InstitutionProfile;
  /** "demo" when the kiosk runs on the built-in simulator (training; shown on screen). */
  mode: 'demo' | 'live';
  version: string;
}

/** Declares an output type without a runtime value. */
function output<T>(): T {
  return undefined as T;
}

const shortText = (max: number) => z.string().max(max);

export const contract = {
  'kiosk.info': {
    input: z.object({}).strict(),
    output: output<KioskInfo>(),
  },
  'student.identify': {
    input: z
      .object({
        studentNumber: shortText(32),
        birthDate: shortText(16),
      })
      .strict(),
    output: output<IdentifiedStudent>(),
  },
} satisfies { [C in Channel]: { input: z.ZodType; output: unknown } };

export type Contract = typeof contract;
export type Input<C extends Channel> = z.infer<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];
export type Reply<C extends Channel> = Result<Output<C>, AppError>;

/** The renderer's view of main: one async function per channel. */
export type KioskApi = { [C in Channel]: (input: Input<C>) => Promise<Reply<C>> };

/** What main implements: one handler per channel, given already-validated input. */
export type Handlers = { [C in Channel]: (input: Input<C>) => Promise<Reply<C>> };

export type { Channel };
