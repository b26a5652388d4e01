import type { SecretStore } from './secret-store';

/**
 * Secrets held in memory only. Used in demo mode when no keychain answers (a developer's machine
 * without a Secret Service): demo secrets are not secret, and nothing is written to disk.
 */
export function createMemoryStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => {
      values.set(name, value);
    },
    delete: async (name) => values.delete(name),
  };
}
