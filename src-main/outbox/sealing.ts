/** Seals every password of a request body before the body is written to the journal. */
import type { Sealer } from '../secrets/sealing';

/** True for a PasswordInput in clear: `{ type: 'plain', value }` and nothing else. */
function isPlainPassword(value: unknown): value is { type: 'plain'; value: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return keys.length === 2 && record.type === 'plain' && typeof record.value === 'string';
}

/** Counts the passwords in clear in a body (0: nothing to seal). */
export function countPlainPasswords(body: unknown): number {
  if (isPlainPassword(body)) return 1;
  if (Array.isArray(body))
    return body.reduce<number>((n, item) => n + countPlainPasswords(item), 0);
  if (typeof body === 'object' && body !== null) {
    return Object.values(body).reduce<number>((n, item) => n + countPlainPasswords(item), 0);
  }
  return 0;
}

/**
 * A copy of `body` where each `{ type: 'plain', value }` became `{ type: 'sealed', jwe }`
 * (resources/openapi.yaml: PasswordInput). The caller's object is left untouched.
 */
export async function sealPasswords(body: unknown, sealer: Sealer): Promise<unknown> {
  if (isPlainPassword(body)) return { type: 'sealed', jwe: await sealer.seal(body.value) };
  if (Array.isArray(body)) return Promise.all(body.map((item) => sealPasswords(item, sealer)));
  if (typeof body === 'object' && body !== null) {
    const entries = await Promise.all(
      Object.entries(body).map(async ([key, item]) => [key, await sealPasswords(item, sealer)]),
    );
    return Object.fromEntries(entries);
  }
  return body;
}
