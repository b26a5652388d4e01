import { describe, expect, it } from 'vitest';
import { HeartbeatWire } from '../api/wire-fleet';
import { heartbeatDeadLetters } from './heartbeat';

const row = (
  i: number,
  over: Partial<Parameters<typeof heartbeatDeadLetters>[0][number]> = {},
) => ({
  kind: 'staff.resend_activation',
  account: `student${i}`,
  lastError: '409 invalid_state',
  createdAt: Date.UTC(2026, 11, 8, 8, 0, i),
  settledAt: Date.UTC(2026, 11, 8, 9, 0, i),
  ...over,
});
const tag = (identifier: string) => `${identifier.length}f`.padEnd(16, 'a');

describe('the dead letters a heartbeat carries', () => {
  it('are the 20 latest, newest first, with the refusal code and the shown tag only', () => {
    const rows = [
      ...Array.from({ length: 25 }, (_, i) => row(i)),
      row(30, { kind: 'audit.upload', account: '~audit', lastError: '422 audit_hash_mismatch' }),
      row(31, { lastError: 'no answer internal, given up after 5 attempts' }),
    ];
    const letters = heartbeatDeadLetters(rows, tag);
    expect(letters).toHaveLength(20);
    expect(letters.slice(0, 3)).toEqual([
      {
        at: '2026-12-08T09:00:31.000Z',
        kind: 'staff.resend_activation',
        reason: 'internal',
        account: '9faaaaaa',
      },
      {
        at: '2026-12-08T09:00:30.000Z',
        kind: 'audit.upload',
        reason: 'audit_hash_mismatch',
        account: null,
      },
      {
        at: '2026-12-08T09:00:24.000Z',
        kind: 'staff.resend_activation',
        reason: 'invalid_state',
        account: '9faaaaaa',
      },
    ]);
    const beat = {
      sentAt: '2026-12-08T09:01:00Z',
      version: '1',
      profile: 'p',
      mode: 'online',
      startedAt: '2026-12-08T07:00:00Z',
      lastSyncAt: null,
      outbox: [],
      deadLetters: 27,
      recentDeadLetters: letters,
      audit: { head: 0, acknowledged: null, refused: 1 },
      slowDownSeconds: null,
      freeDiskBytes: null,
    };
    expect(HeartbeatWire.safeParse(beat).success).toBe(true);
    expect(JSON.stringify(letters)).not.toContain('student');
  });
});
