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
  /**
   * The last audit entry the API acknowledged ({seq, hash}): kept off the disk, so that deleting
   * or cutting the journal's tail is seen (npm run audit:verify).
   */
  auditAnchor: 'audit-anchor',
  /**
   * The key the journal's audit entries are sealed with (HMAC-SHA256), with the entries that were
   * written before it existed (secrets/audit-key.ts): made at first start, never on disk.
   */
  auditKey: 'audit-seal-key',
  /**
   * The journal's last audit entry ({seq, hash}) as the kiosk wrote it (app/audit-head.ts), so
   * that lines the API has not acknowledged yet cannot be cut from the journal's end unseen.
   */
  auditHead: 'audit-head',
} as const;
