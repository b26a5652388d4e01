/** Where the kiosk keeps its secrets (device credential, lookup-hash key): the OS keychain. */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  /** A short label for logs ("keychain", "memory"). */
  readonly kind: string;
}

/** Names of the secrets the kiosk keeps. */
export const SECRET_NAMES = {
  deviceCredential: 'device-credential',
  lookupKey: 'lookup-hmac-key',
  /** The central API's public key, pinned at provisioning; passwords are sealed to it. */
  sealingKey: 'api-sealing-key',
} as const;
