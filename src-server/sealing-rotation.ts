/**
 * Rotating the sealing key kiosks seal queued passwords to. The new key is published at once;
 * the previous ones stay in the file and keep opening what kiosks sealed to them (kiosks pin the
 * key at provisioning, and their outboxes may hold passwords sealed to the old one) until a
 * later rotation pushes them out.
 */
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { generatePem, pemsIn, sealingKeyFromPem } from '../src-main/simulator/sealing-key';

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
