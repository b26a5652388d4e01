/**
 * Rotating the sealing key kiosks seal queued passwords to. The new key is published at once;
 * the previous ones stay in the file and keep opening what kiosks sealed to them (kiosks pin the
 * key at provisioning, and their outboxes may hold passwords sealed to the old one) until a
 * later rotation pushes them out.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  generatePem,
  loadOrCreateSealingKey,
  pemsIn,
  sealingKeyFromPem,
  type SimulatorSealingKey,
} from '../src-main/simulator/sealing-key';
import { ConfigError } from './config';

export interface Rotation {
  /** The new key's id (its JWK thumbprint): what kiosks pin next. */
  current: string;
  /** The keys still opened. */
  retired: string[];
  /** The keys dropped: what was sealed to them no longer opens. */
  dropped: string[];
}

/** Puts a new key first in the file at `path`, keeping `keepRetired` of the previous ones. */
export function rotateSealingKey(path: string, keepRetired = 1): Rotation {
  const previous = pemsIn(readFileSync(path, 'utf8'));
  if (previous.length === 0) throw new Error(`${path} holds no private key`);
  const fresh = generatePem();
  const kept = previous.slice(0, keepRetired);
  const temporary = `${path}.new`;
  // Written aside and renamed: an instance starting meanwhile reads the old file or the new one.
  writeFileSync(temporary, [fresh, ...kept].join('\n'), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  const kid = (pem: string) => sealingKeyFromPem(pem).kid;
  return {
    current: kid(fresh),
    retired: kept.map(kid),
    dropped: previous.slice(keepRetired).map(kid),
  };
}

/** Runs `use` on the key file, a file the service's user may not create or read explained. */
function explained<T>(path: string, use: () => T): T {
  try {
    return use();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new ConfigError(
        `config.sealingKeyFile: this user cannot ${existsSync(path) ? 'read' : 'create'} ${path} (${code}). Create it as the service's user: npm run server -- sealing-key --config FILE (docs/deploying-the-server.md)`,
      );
    throw error;
  }
}

/**
 * The ids of the keys in the file at `path`, the current one first; the file is created first
 * (mode 0600, a fresh key) when it does not exist, as the server does at its first start: run
 * as the service's user, the file is theirs.
 */
export function describeSealingKeys(path: string): {
  current: string;
  retired: string[];
  created: boolean;
} {
  return explained(path, () => {
    const created = !existsSync(path);
    if (created) writeFileSync(path, generatePem(), { mode: 0o600, flag: 'wx' });
    const [first, ...rest] = pemsIn(readFileSync(path, 'utf8')).map(
      (pem) => sealingKeyFromPem(pem).kid,
    );
    if (first === undefined) throw new ConfigError(`config.sealingKeyFile: ${path} holds no key`);
    return { current: first, retired: rest, created };
  });
}

/**
 * The server's sealing keys at start, the file created when missing. A file the service's user
 * may not create or read (a root-owned /etc/guichet, ProtectSystem=strict) stops the start with
 * what to do, not a bare EACCES.
 */
export function openSealingKeyFile(path: string): SimulatorSealingKey {
  return explained(path, () => loadOrCreateSealingKey(path));
}
