/**
 * The support bundle: one JSON file under <dataDir>/support with what the help desk's second
 * line needs (recent logs, diagnostics, configuration without secrets, versions, the audit
 * chain's head and verdict) and nothing personal: the logs never hold a student number, birth
 * date, password or PIN (the logger's rule), and no journal or cache row is copied.
 */
import { readdirSync, readFileSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainVerdict } from '../../core/staff-audit-chain';
import type { StaffDiagnostics } from '../../core/staff-view';
import type { StoredAuditEntry } from '../../store/audit-chain';
import { createPrivateFile, ensurePrivateDir } from '../../store/private-files';
import type { KioskConfig } from '../config';

/** The configuration a bundle shows: where the kiosk talks to, never a secret. */
export function bundleConfiguration(
  config: Pick<KioskConfig, 'apiUrl' | 'apiTimeoutMs' | 'keychainService'>,
  profile: string,
  secrets: string,
): Record<string, unknown> {
  return {
    mode: config.apiUrl === null ? 'demo' : 'live',
    apiUrl: config.apiUrl,
    apiTimeoutMs: config.apiTimeoutMs,
    keychainService: config.keychainService,
    profile,
    secrets,
  };
}

/** Free space for the data folder's disk; null when the system cannot say. */
export function freeDiskBytes(dir: string): number | null {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/** The newest part of each log file: enough to see what happened, bounded in size. */
const LOG_TAIL_BYTES = 256 * 1024;

function logTails(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return out;
  }
  for (const file of files.sort()) {
    const path = join(dir, file);
    if (!statSync(path).isFile()) continue;
    const text = readFileSync(path);
    out[file] = text.subarray(Math.max(0, text.length - LOG_TAIL_BYTES)).toString('utf8');
  }
  return out;
}

/** Writes the bundle; returns its file name (under <dataDir>/support) and size. */
export function writeSupportBundle(input: {
  dataDir: string;
  now: Date;
  diagnostics: StaffDiagnostics;
  configuration: Record<string, unknown>;
  chainHead: StoredAuditEntry | null;
  verdict: ChainVerdict;
}): { fileName: string; bytes: number } {
  const head = input.chainHead;
  const bundle = {
    createdAt: input.now.toISOString(),
    versions: input.diagnostics.versions,
    diagnostics: input.diagnostics,
    configuration: input.configuration,
    // The head alone: its hash vouches for the whole chain without copying who did what to whom.
    audit: {
      head: head ? { seq: head.seq, at: head.at, hash: head.hash } : null,
      verdict: input.verdict,
    },
    logs: logTails(join(input.dataDir, 'logs')),
  };
  const dir = join(input.dataDir, 'support');
  ensurePrivateDir(dir);
  const fileName = `guichet-support-${input.now.toISOString().replace(/[:.]/g, '-')}.json`;
  const path = join(dir, fileName);
  const text = JSON.stringify(bundle, null, 2);
  createPrivateFile(path);
  writeFileSync(path, text, { mode: 0o600 });
  return { fileName, bytes: Buffer.byteLength(text) };
}
