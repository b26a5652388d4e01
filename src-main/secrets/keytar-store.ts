import keytar from 'keytar';
import type { SecretStore } from './secret-store';

/** The OS keychain through keytar (Secret Service on Linux, Keychain on macOS, Credential Vault on Windows). */
export function createKeytarStore(service: string): SecretStore {
  return {
    kind: 'keychain',
    get: (name) => keytar.getPassword(service, name),
    set: (name, value) => keytar.setPassword(service, name, value),
    delete: (name) => keytar.deletePassword(service, name),
  };
}

/** Checks that a Secret Service answers, so that a missing keyring is reported at start, clearly. */
export async function probeKeychain(service: string): Promise<string | null> {
  try {
    await keytar.findCredentials(service);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
