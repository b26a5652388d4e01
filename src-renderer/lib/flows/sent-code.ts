/**
 * What the activation and forgotten-password journeys share about the code they e-mail: asking
 * main for an e-mail it sent before the idle wipe, and marking it cancelled when main says too
 * many wrong codes were typed (main/core/sent-codes.ts).
 */
import type { AppError } from '../../../src-main/core/result';
import type { SentCode } from '../../../src-main/core/sent-codes';
import type { KioskApi } from '../../../src-main/ipc/contract';

/** The part of a flow this needs: whether it was wiped. */
interface FlowState {
  readonly wiped: boolean;
}

/**
 * The code main sent this student and still valid, or null. A failed look-up is not the
 * student's problem (they can still send an e-mail): no error is shown. It does not make the
 * flow busy: a tap on "send" meanwhile goes ahead, and the caller then ignores this answer.
 */
export async function recentCode(
  flow: FlowState,
  api: Pick<KioskApi, 'activation.recentEmail' | 'password.recentReset'>,
  channel: 'activation.recentEmail' | 'password.recentReset',
  journeyId: string | null,
): Promise<SentCode | null> {
  if (journeyId === null || flow.wiped) return null;
  const reply = await api[channel]({ journeyId }).catch(() => null);
  if (flow.wiped) return null; // the student left meanwhile
  return reply?.ok === true ? reply.value : null;
}

/** The e-mail sent, marked cancelled when main refused its code as `code_cancelled`. */
export function markCancelled(sent: SentCode | null, error: AppError): SentCode | null {
  return sent !== null && error.code === 'code_cancelled' ? { ...sent, cancelled: true } : sent;
}
