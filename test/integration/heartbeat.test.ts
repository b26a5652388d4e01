/**
 * The kiosk's heartbeat, end to end: a live kiosk (real SQLite, real keychain) sends it to the
 * simulator over HTTP at start and every minute, with its mode, outbox by kind, dead letters and
 * audit heads, and nothing personal; a heartbeat that finds the API down is simply not sent.
 */
import { describe, expect, it } from 'vitest';
import { journeyDataset } from '../../src-main/simulator/journey-test-data';
import { useJourneyKiosk } from '../support/journey-kiosk';

const setup = useJourneyKiosk();
const AGENT = { staffId: 'agent01', pin: '482913' };
const latest = async () => (await setup.current.simulator.fleet.latest()).map((h) => h.beat);

describe('the kiosk’s heartbeat', () => {
  it('goes at start, says how the kiosk is, and carries nothing personal', async () => {
    await expect.poll(async () => (await latest()).length, { timeout: 20_000 }).toBe(1);
    const [beat] = await latest();
    expect(beat).toMatchObject({
      mode: 'online',
      profile: expect.any(String),
      version: expect.any(String),
      outbox: [],
      deadLetters: 0,
      audit: { head: expect.any(Number), refused: 0 },
      slowDownSeconds: null,
    });
    expect(Date.parse(beat!.startedAt)).toBeLessThanOrEqual(Date.parse(beat!.sentAt));
    const text = JSON.stringify(beat);
    for (const student of journeyDataset().students) {
      for (const value of [student.identifier, student.studentNumber, student.birthDate])
        expect(text).not.toContain(value);
    }
  });

  it('reports a queued write by kind, then the dead letter it became, by its account tag; none while the API is down', async () => {
    await expect.poll(async () => (await latest()).length, { timeout: 20_000 }).toBe(1);
    await setup.call('staff.signIn', AGENT);
    await setup.call('staff.student', { identifier: 'hlefevre' });
    const beatAgain = async () => {
      await setup.current.advanceClock(20);
      return setup.current.kiosk.beatNow();
    };
    // Only the staff account paths are down: the resend waits, the heartbeat goes.
    setup.current.simulator.faults.set({ down: true, only: '/v1/staff/accounts/' });
    await setup.call('staff.resendActivation', {
      identifier: 'hlefevre',
      reason: 'email_not_received',
    });
    expect(await beatAgain()).toBe(true);
    expect((await latest())[0]).toMatchObject({
      outbox: [{ kind: 'staff.resend_activation', pending: 1 }],
      deadLetters: 0,
    });
    // The whole API down: no heartbeat.
    setup.current.simulator.faults.set({ down: true, only: '/v1/' });
    expect(await beatAgain()).toBe(false);
    // Back: the resend is replayed and refused (hlefevre's account is already active).
    setup.current.simulator.faults.set({ down: false });
    await expect
      .poll(async () => (await beatAgain()) && (await latest())[0]!.deadLetters, {
        timeout: 30_000,
      })
      .toBe(1);
    expect((await latest())[0]!.outbox).toEqual([]);
    // The dead letter itself: its kind, the API's refusal code, and the account as the staff
    // screens show it (the tag a supervisor sees on the resend's audit line), nothing personal.
    const [letter] = (await latest())[0]!.recentDeadLetters ?? [];
    expect(letter).toEqual({
      at: expect.any(String),
      kind: 'staff.resend_activation',
      reason: expect.stringMatching(/^[a-z_]+$/),
      account: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    await setup.call('staff.signOut', {});
    await setup.call('staff.signIn', { staffId: 'super01', pin: '917364' });
    const audit = await setup.call<{ entries: { action: string; subjectTag: string | null }[] }>(
      'staff.audit',
      {},
    );
    const resend = audit.entries.find(
      (e) => e.action.endsWith('resend_activation') && e.subjectTag,
    );
    expect(resend?.subjectTag).toBe(letter!.account);
    expect(JSON.stringify(letter)).not.toMatch(/lefevre/i);
  });
});
