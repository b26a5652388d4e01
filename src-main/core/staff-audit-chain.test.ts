import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chainEntry,
  GENESIS_HASH,
  verifyChain,
  type AuditDraft,
  type AuditEntry,
} from './staff-audit-chain';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const draft = (action: string, minute: number): AuditDraft => ({
  at: `2026-11-30T09:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: 'agent01',
  action,
  subject: 'endiayebrule',
  reason: 'student_at_desk',
  outcome: 'success',
});

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i += 1)
    entries.push(chainEntry(entries.at(-1) ?? null, draft(`a${i}`, i), sha256));
  return entries;
}

describe('hash-chained audit log', () => {
  it('verifies an intact chain and gives its head', () => {
    const entries = chain(5);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(entries, sha256)).toEqual({ ok: true, count: 5, head: entries[4]?.hash });
    expect(verifyChain([], sha256)).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('names the first entry whose content was edited', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, reason: 'other' };
    expect(verifyChain(entries, sha256)).toEqual({ ok: false, brokenAt: 3, why: 'hash' });
  });

  it('sees an entry rewritten with a fresh hash, by the next link', () => {
    const entries = chain(5);
    const { hash: _old, ...rest } = { ...entries[1]!, outcome: 'refused' as const };
    entries[1] = {
      ...rest,
      hash: chainEntry(entries[0]!, { ...draft('a1', 1), outcome: 'refused' }, sha256).hash,
    };
    expect(verifyChain(entries, sha256)).toEqual({ ok: false, brokenAt: 3, why: 'link' });
  });

  it('sees a removed or reordered entry', () => {
    const removed = chain(5);
    removed.splice(2, 1);
    expect(verifyChain(removed, sha256)).toEqual({ ok: false, brokenAt: 4, why: 'sequence' });
    const swapped = chain(3);
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(verifyChain(swapped, sha256)).toMatchObject({ ok: false, brokenAt: 3 });
  });
});
