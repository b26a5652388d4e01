import { describe, expect, it } from 'vitest';
import { HEARTBEAT_DEAD_LETTERS, HeartbeatWire } from './wire-fleet';

const beat = {
  sentAt: '2026-12-08T09:00:00Z',
  version: '1.0.0',
  profile: 'univ-example',
  mode: 'online',
  startedAt: '2026-12-08T07:00:00Z',
  lastSyncAt: null,
  outbox: [],
  deadLetters: 1,
  audit: { head: 3, acknowledged: 3, refused: 0 },
  slowDownSeconds: null,
  freeDiskBytes: null,
};
const letter = {
  at: '2026-12-08T08:59:00Z',
  kind: 'staff.resend_activation',
  reason: 'invalid_state',
  account: '3901bf30',
};

describe('a heartbeat’s dead letters', () => {
  it('carries when, the kind, the refusal code and the account’s tag; or none at all', () => {
    expect(HeartbeatWire.safeParse({ ...beat, recentDeadLetters: [letter] }).success).toBe(true);
    const audit = { ...letter, kind: 'audit.upload', reason: 'audit_hash_mismatch', account: null };
    expect(HeartbeatWire.safeParse({ ...beat, recentDeadLetters: [audit] }).success).toBe(true);
    // A kiosk older than them sends only the count.
    expect(HeartbeatWire.safeParse(beat).success).toBe(true);
  });

  it('refuses anything personal in place of the tag, the kind or the reason', () => {
    const personal = [
      { account: 'hlefevre' },
      { account: '219012345' },
      { account: '2004-03-17' },
      { account: 'h.lefevre@gmail.com' },
      { account: '3901bf30 hlefevre' },
      { account: '3901bf303901bf30' },
      { reason: '409 invalid_state for hlefevre' },
      { reason: 'hlefevre@univ.test' },
      { kind: 'staff.resend_activation/hlefevre' },
      { studentNumber: '21901234' },
      { identifier: 'hlefevre' },
    ];
    for (const over of personal)
      expect(
        HeartbeatWire.safeParse({ ...beat, recentDeadLetters: [{ ...letter, ...over }] }).success,
        JSON.stringify(over),
      ).toBe(false);
  });

  it(`refuses more than the ${HEARTBEAT_DEAD_LETTERS} latest`, () => {
    const many = (n: number) => Array.from({ length: n }, () => letter);
    expect(
      HeartbeatWire.safeParse({ ...beat, recentDeadLetters: many(HEARTBEAT_DEAD_LETTERS) }).success,
    ).toBe(true);
    expect(
      HeartbeatWire.safeParse({ ...beat, recentDeadLetters: many(HEARTBEAT_DEAD_LETTERS + 1) })
        .success,
    ).toBe(false);
  });
});
