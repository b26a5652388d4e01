/**
 * One conformance run: every case in order, then an account of each documented status of each
 * operation that no case provoked, with why a client cannot provoke it (or a failure, when the
 * suite has no case and no reason: the contract grew and the suite did not).
 */
import type { Contract, ContractOperation } from '../../src-main/simulator/contract';
import { contractCases, routingCases } from './contract-cases';
import { JOURNEY_CASES } from './journey-cases';
import { KIOSK_CASES } from './kiosk-cases';
import { AUDIT_CASES, STAFF_EARLY_CASES, STAFF_LATE_CASES } from './staff-cases';
import { createContext, runCases, type Case, type CaseResult, type SuiteOptions } from './suite';

/** Every case, in the order they must run (state flows from earlier cases to later ones). */
export function allCases(contract: Contract): Case[] {
  return [
    ...KIOSK_CASES,
    ...contractCases(contract.operations.values()),
    ...STAFF_EARLY_CASES,
    ...JOURNEY_CASES,
    ...STAFF_LATE_CASES,
    ...AUDIT_CASES,
    ...routingCases(),
  ];
}

const FAULTS =
  "from outside, only the simulator's demo fault control provokes it (POST /_simulator/faults)";
const CLOCK = "or the simulator's demo clock control (POST /_simulator/clock)";

/** Why a client cannot provoke `status` of `op` from outside, or null when it should. */
export function unprovokedReason(op: ContractOperation, status: string): string | null {
  switch (status) {
    case '500':
      return 'an internal error: nothing a client sends should provoke it';
    case '503':
      return `an outage (directory, database): ${FAULTS}`;
    case '429':
      return `no limit a client can reach without holding back a test account: ${FAULTS}`;
    case '410':
      return op.operationId === 'getDirectoryChanges'
        ? `an expired cursor: it takes the service forgetting old tombstones (days), ${CLOCK}`
        : `an expired code: it takes the code's lifetime (hours), ${CLOCK}`;
    case '403':
      return op.key.includes('/v1/staff/')
        ? 'every staff role may do this: 403 is for a role that may not (only the audit list is)'
        : null;
    case '409':
      return op.operationId === 'revealPersonalEmail'
        ? 'no_personal_email: needs an account without a personal address (no such fixture)'
        : null;
    default:
      return null;
  }
}

/** The documented statuses no case provokes, each a not-applicable line or a failure. */
export function coverage(
  contract: Contract,
  cases: readonly Case[],
  notServed: ReadonlySet<string>,
): CaseResult[] {
  const provoked = new Set(cases.map((c) => `${c.operationId} ${String(c.status)}`));
  const lines: CaseResult[] = [];
  for (const op of contract.operations.values()) {
    if (notServed.has(op.operationId)) continue;
    for (const status of op.responses.keys()) {
      if (provoked.has(`${op.operationId} ${status}`)) continue;
      const why = unprovokedReason(op, status);
      lines.push({
        operationId: op.operationId,
        name: `documented status ${status}`,
        status: Number(status),
        outcome: why ? 'n/a' : 'fail',
        why: why ?? 'no case provokes it: add one to src-server/conformance',
      });
    }
  }
  return lines;
}

/** Runs the whole suite against `options.target`; results in the order they were printed. */
export async function runConformance(options: SuiteOptions): Promise<CaseResult[]> {
  const ctx = createContext(options);
  const { contract } = options.target;
  const cases = allCases(contract);
  const results = await runCases(ctx, cases, options);
  const lines = coverage(contract, cases, new Set(options.notServed ?? []));
  for (const line of lines) options.onResult?.(line);
  return [...results, ...lines];
}

/** One report line: outcome, operation, case, the status it provokes, and why when not a pass. */
export function formatResult(result: CaseResult): string {
  const status = result.status === null ? '' : ` → ${result.status}`;
  const why = result.why ? ` — ${result.why}` : '';
  return `${result.outcome.padEnd(4)} ${result.operationId}: ${result.name}${status}${why}`;
}
