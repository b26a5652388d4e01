/**
 * The contract suite: cases run in order against one target over HTTP, each answer checked
 * against resources/openapi.yaml, then every documented status of every operation is accounted
 * for: provoked by a case, or named as out of a client's reach with the reason.
 */
import { randomBytes } from 'node:crypto';
import type { AuditEntry } from '../../src-main/core/staff-audit-chain';
import type { Fixtures, StaffLogins } from './fixtures';
import { AUDIT_HEAD } from './samples';
import type { Mailbox } from './mailbox';
import type { Answer, Request, Target } from './target';

export type Outcome = 'pass' | 'fail' | 'n/a';

/** One line of the report. */
export interface CaseResult {
  operationId: string;
  name: string;
  /** The documented status the case provokes (null: a convention, not one status). */
  status: number | null;
  outcome: Outcome;
  /** Why it failed or does not apply; empty on a pass. */
  why: string;
}

export interface SuiteContext {
  target: Target;
  fixtures: Fixtures;
  mailbox: Mailbox | null;
  /** Null: the staff cases are reported not applicable. */
  staff: StaffLogins | null;
  /** Identifiers no target should know, fresh for each run. */
  unknown: string;
  unknown2: string;
  /** What earlier cases leave for later ones (a code, a session, the password now set). */
  memo: Map<string, unknown>;
  /** `target.send`, plus the check that the answer carries no personal data it must not. */
  send(operationId: string, request?: Request): Promise<Answer>;
}

/** One case: null from `run` is a pass, a string says what was wrong. */
export interface Case {
  operationId: string;
  name: string;
  status: number | null;
  /** Why the case cannot run with these options, or null when it can. */
  needs?: (ctx: SuiteContext) => string | null;
  run(ctx: SuiteContext): Promise<string | null>;
}

export interface SuiteOptions {
  target: Target;
  fixtures: Fixtures;
  mailbox?: Mailbox | null;
  /** Operations the target is declared not to serve yet: checked, then reported not applicable. */
  notServed?: readonly string[];
  /** Each result as soon as it is known (the command prints them one by one). */
  onResult?: (result: CaseResult) => void;
}

/** Operations whose answers may show a student number or a birth date (contract, Conventions). */
const MAY_SHOW_PERSONAL_DATA = new Set([
  'getDirectoryChanges',
  'searchStudents',
  'getStaffAccountView',
]);

export const STAFF_OFF =
  'staff cases off: no staff credentials given (fixtures "staff" / the staff option)';

const isStaffOperation = (ctx: SuiteContext, operationId: string) =>
  [...ctx.target.contract.operations.values()].some(
    (op) => op.operationId === operationId && op.key.includes('/v1/staff/'),
  );

/** For cases outside /v1/staff that need a staff member (a grant as proof). */
export const needsStaff = (ctx: SuiteContext) => (ctx.staff ? null : STAFF_OFF);
/** For cases that read a mailed code. */
export const needsMailbox = (ctx: SuiteContext) =>
  ctx.mailbox ? null : 'needs a mailbox to read the mailed code (--mailbox / fixtures "mailbox")';

function personalDataCheck(ctx: SuiteContext, operationId: string, answer: Answer): Answer {
  if (MAY_SHOW_PERSONAL_DATA.has(operationId)) return answer;
  const { notActivated, active } = ctx.fixtures;
  const secrets = [notActivated, active].flatMap((s) => [s.studentNumber, s.birthDate]);
  if (!secrets.some((value) => answer.text.includes(value))) return answer;
  return {
    ...answer,
    problems: [...answer.problems, 'the answer carries a student number or a birth date'],
  };
}

/** The context of one run. */
export function createContext(options: SuiteOptions): SuiteContext {
  const fresh = () => `zz-conformance-${randomBytes(5).toString('hex')}`;
  const ctx: SuiteContext = {
    target: options.target,
    fixtures: options.fixtures,
    mailbox: options.mailbox ?? null,
    staff: options.fixtures.staff ?? null,
    unknown: fresh(),
    unknown2: fresh(),
    memo: new Map(),
    send: async (operationId, request) => {
      const answer = await options.target.send(operationId, request);
      if (operationId === 'uploadAuditEvents') followAuditChain(ctx, request, answer);
      return personalDataCheck(ctx, operationId, answer);
    },
  };
  return ctx;
}

/**
 * The service keeps one audit chain per kiosk and refuses what does not continue it: each batch
 * it took moves the chain's end the suite's next entries link to (samples.ts, nextAuditEntries).
 */
function followAuditChain(ctx: SuiteContext, request: Request | undefined, answer: Answer) {
  const accepted = (answer.body as { accepted?: unknown } | null)?.accepted;
  const events = (request?.body as { events?: AuditEntry[] } | undefined)?.events;
  const last = events?.at(-1);
  if (answer.status === 202 && typeof accepted === 'number' && accepted > 0 && last)
    ctx.memo.set(AUDIT_HEAD, last);
}

/**
 * Whether the target really does not serve `operationId`: the contract's Conventions answer an
 * unknown path 404 and a known path with a wrong method 405, so PATCH (which no operation uses)
 * tells the two apart.
 */
async function confirmNotServed(ctx: SuiteContext, operationId: string): Promise<string | null> {
  const memoKey = `notServed:${operationId}`;
  const known = ctx.memo.get(memoKey) as string | null | undefined;
  if (known !== undefined) return known;
  const template = ctx.target.operation(operationId).key.split(' ')[1] ?? '/';
  const path = template.replace(/:\w+/g, ctx.unknown);
  const probe = await ctx.target.raw('PATCH', path);
  const verdict =
    probe.status === 404
      ? null
      : `declared not served, but PATCH ${template} answers ${probe.status}, not 404: ` +
        'the path is served; stop declaring it not served';
  ctx.memo.set(memoKey, verdict);
  return verdict;
}

async function runOne(ctx: SuiteContext, item: Case, notServed: ReadonlySet<string>) {
  const result = (outcome: Outcome, why = ''): CaseResult => ({
    operationId: item.operationId,
    name: item.name,
    status: item.status,
    outcome,
    why,
  });
  if (notServed.has(item.operationId)) {
    const wrong = await confirmNotServed(ctx, item.operationId);
    return wrong ? result('fail', wrong) : result('n/a', 'declared not served by this target');
  }
  if (isStaffOperation(ctx, item.operationId) && !ctx.staff) return result('n/a', STAFF_OFF);
  const missing = item.needs?.(ctx) ?? null;
  if (missing) return result('n/a', missing);
  try {
    const failure = await item.run(ctx);
    return failure ? result('fail', failure) : result('pass');
  } catch (error) {
    return result('fail', error instanceof Error ? error.message : String(error));
  }
}

/** Runs `cases` in order; the results come back in the same order. */
export async function runCases(
  ctx: SuiteContext,
  cases: readonly Case[],
  options: Pick<SuiteOptions, 'notServed' | 'onResult'> = {},
): Promise<CaseResult[]> {
  const notServed = new Set(options.notServed ?? []);
  const results: CaseResult[] = [];
  for (const item of cases) {
    const result = await runOne(ctx, item, notServed);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
