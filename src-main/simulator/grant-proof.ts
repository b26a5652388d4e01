/**
 * The proof of a one-time operation (activation, password reset): the e-mail's code, or a grant
 * a staff member issued after an in-person identity check (POST /v1/staff/grants). Either is
 * used up only when the operation succeeds; a grant is also reserved while the operation runs,
 * so that two parallel uses of one grant cannot both succeed.
 */
import type { OneTimeProof } from '../api/wire-journeys';
import type { AccountRecord } from './backends';
import type { Reply } from './http';
import { codeCheckRefusal, codeRefusal } from './journey-support';
import type { CodePurpose } from './journey-state';
import type { SimulatorEnv } from './router';

export type ClaimedProof =
  | { ok: true; method: OneTimeProof['method']; settle(succeeded: boolean): Promise<void> }
  | { ok: false; reply: Reply };

/** Checks the proof for this account and purpose; `settle` uses it up or gives it back. */
export async function claimProof(
  student: AccountRecord,
  purpose: CodePurpose,
  proof: OneTimeProof,
  env: SimulatorEnv,
): Promise<ClaimedProof> {
  if (proof.method === 'email_code') {
    const refused = await codeCheckRefusal(student, purpose, proof.code, env);
    if (refused) return { ok: false, reply: refused };
    const { secrets } = env.backends;
    // A second use of the same code while the first runs is refused: only one reset happens.
    if (!(await secrets.holdCode(student.identifier, purpose)))
      return { ok: false, reply: codeRefusal('code_invalid') };
    return {
      ok: true,
      method: 'email_code',
      settle: (succeeded) =>
        succeeded
          ? secrets.consumeCode(student.identifier, purpose)
          : secrets.releaseCode(student.identifier, purpose),
    };
  }
  const use = await env.backends.staff.reserveGrant(proof.grant, student.identifier, purpose);
  if (!use.ok) return { ok: false, reply: codeRefusal(use.reason) };
  return {
    ok: true,
    method: 'staff_grant',
    settle: (succeeded) => (succeeded ? use.consume() : use.release()),
  };
}

/** A locked account reset with a staff grant is unlocked: the desk checked the identity. */
export async function unlockAfterGrant(student: AccountRecord, env: SimulatorEnv): Promise<void> {
  if (!(await env.backends.accounts.unlock(student.identifier))) return;
  await env.backends.events.record(student.identifier, 'account_unlocked', {
    detail: 'staff_grant',
  });
}
