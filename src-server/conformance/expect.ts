/**
 * What the cases check in an answer. Failures name statuses, codes and field paths, never a
 * value the answer carried (it could be personal data).
 */
import type { Answer } from './target';

/** The `code` of an error body, when it has one. */
export function codeOf(answer: Answer): string | null {
  const body = answer.body as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : null;
}

/** Retry-After as the contract gives it: whole seconds. */
function retryAfterProblem(answer: Answer): string | null {
  const value = answer.headers['retry-after'];
  return typeof value === 'string' && /^\d+$/.test(value)
    ? null
    : `${answer.status} without a Retry-After in seconds`;
}

/** Null when the answer conforms, has `status` and (if given) the error `code`. */
export function expectAnswer(answer: Answer, status: number, code?: string): string | null {
  if (answer.problems.length > 0) return `breaks the contract: ${answer.problems.join('; ')}`;
  const got = codeOf(answer);
  if (answer.status !== status) {
    return `expected ${status}${code ? ` ${code}` : ''}, got ${answer.status}${got ? ` ${got}` : ''}`;
  }
  if (code !== undefined && got !== code) return `expected code ${code}, got ${got ?? 'none'}`;
  if (status === 429 || status === 503) return retryAfterProblem(answer);
  return null;
}

/** The first failure of several checks, or null. */
export function firstProblem(...checks: (string | null | false | undefined)[]): string | null {
  return checks.find((c): c is string => typeof c === 'string') ?? null;
}

/** A field of a JSON body, read without trusting its shape. */
export function field(answer: Answer, ...path: string[]): unknown {
  let at: unknown = answer.body;
  for (const key of path) at = (at as Record<string, unknown> | undefined)?.[key];
  return at;
}

/** A failure unless `body.path` is `expected`. */
export function expectField(answer: Answer, expected: unknown, ...path: string[]): string | null {
  const value = field(answer, ...path);
  return value === expected ? null : `${path.join('.')} is not what the case expected`;
}
