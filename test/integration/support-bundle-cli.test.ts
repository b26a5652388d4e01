/**
 * `npm run support-bundle`'s entry point on the data folder of a kiosk that has been used
 * (background sync into the cache, identifications, staff sign-ins and searches, a write queued
 * offline, a password change queued sealed, logs on disk): it writes the same bundle as the
 * supervisor's screen, and the file holds no student number, birth date, password, PIN, device
 * secret, name, identifier or address of anyone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSWORDS, SEEDED, SEEDED_PASSWORD } from '../support/dataset';
import { TOO_EARLY, useJourneyKiosk } from '../support/journey-kiosk';

const setup = useJourneyKiosk({ fileLogs: true, pinSealingKey: true });
const DEVICE_SECRET = 'integration-secret-journeys-0123';

/** Runs the command's entry point, as `npm run support-bundle -- --data-dir <dir>` does. */
function supportBundle(dataDir: string, env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src-main/app/support-bundle-cli.ts', '--data-dir', dataDir],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
}

/** Everything personal or secret the kiosk met during the test, in every form it takes. */
function forbidden(): string[] {
  const out = [
    SEEDED_PASSWORD,
    ...Object.values(PASSWORDS),
    DEVICE_SECRET,
    'Cerise-Nuage-Piano-47',
  ];
  for (const s of SEEDED.students) {
    const [y, m, d] = s.birthDate.split('-');
    out.push(s.studentNumber, s.birthDate, `${d}${m}${y}`, `${d}/${m}/${y}`, s.identifier);
    out.push(s.firstName, s.lastName);
    if (s.personalEmail) out.push(s.personalEmail);
  }
  for (const member of SEEDED.staff) out.push(member.pin, member.displayName);
  out.push(TOO_EARLY.studentNumber, TOO_EARLY.birthDate, TOO_EARLY.personalEmail);
  return out;
}

describe('npm run support-bundle', () => {
  it('writes the supervisor screen’s bundle from a used data folder, with nothing personal in it', async () => {
    const { kiosk } = setup.current;
    const dataDir = join(setup.folder.path, 'data');
    await setup.call('staff.signIn', { staffId: 'super01', pin: '917364' });
    const diagnostics = () =>
      setup.call<{ lastSyncAt: string | null; cachedRecords: number }>('staff.diagnostics', {});
    await expect
      .poll(async () => (await diagnostics()).lastSyncAt, { timeout: 20_000 })
      .not.toBeNull();
    await setup.call('staff.search', { query: 'lefèvre' });
    await setup.call('staff.searchOffline', { studentNumber: '22110001', birthDate: '17052002' });
    await setup.call('staff.student', { identifier: 'hlefevre' });
    const screen = await setup.call<{ fileName: string }>('staff.supportBundle', {});
    await setup.call('staff.signIn', { staffId: 'agent01', pin: '482913' });
    await setup.call('student.identify', { studentNumber: '21901234', birthDate: '14032001' });
    expect(
      (
        await kiosk.dispatch('student.identify', {
          studentNumber: '21901234',
          birthDate: '01012001',
        })
      ).ok,
    ).toBe(false);
    // The agent opens the student's page online (it brings the proof a queued unlock needs).
    await setup.call('staff.student', { identifier: 'sodegaard' });
    setup.current.simulator.faults.set({ down: true });
    await setup.call('staff.unlock', {
      identifier: 'sodegaard',
      verification: { document: 'student_card' },
      reason: 'account_locked',
      note: 'Sofie Ødegaard, 21110005',
    });
    await setup.call('password.change', {
      identifier: 'hlefevre',
      currentPassword: PASSWORDS.hlefevre,
      newPassword: 'Cerise-Nuage-Piano-47',
    });
    expect((await diagnostics()).cachedRecords).toBeGreaterThan(0);

    const fromScreen = JSON.parse(
      readFileSync(join(dataDir, 'support', screen.fileName), 'utf8'),
    ) as Record<string, Record<string, unknown>>;
    // The kiosk's own settings, as its service environment would give them.
    const run = supportBundle(dataDir, {
      GUICHET_KEYCHAIN_SERVICE: setup.current.service,
      GUICHET_API_URL: String(fromScreen.configuration!.apiUrl),
      GUICHET_API_TIMEOUT_MS: '5000',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const files = readdirSync(join(dataDir, 'support'));
    const fileName = files.find((f) => f !== screen.fileName)!;
    expect(run.stdout).toContain(fileName);
    const text = readFileSync(join(dataDir, 'support', fileName), 'utf8');
    const bundle = JSON.parse(text) as Record<string, Record<string, unknown>>;
    // The same bundle: the same parts, the same diagnostics, the same configuration.
    expect(Object.keys(bundle).sort()).toEqual(Object.keys(fromScreen).sort());
    expect(Object.keys(bundle.diagnostics!).sort()).toEqual(
      Object.keys(fromScreen.diagnostics!).sort(),
    );
    expect(bundle.configuration).toEqual(fromScreen.configuration);
    expect(bundle.diagnostics).toMatchObject({
      outbox: { pending: 2, dead: 0 },
      keychainReachable: true,
      sealingKeyPinned: true,
    });
    expect(bundle.diagnostics!.cachedRecords).toBeGreaterThan(0);
    expect(bundle.audit).toMatchObject({
      head: { hash: expect.any(String) },
      verdict: { ok: true },
    });
    const logs = Object.values(bundle.logs as Record<string, string>).join('\n');
    expect(logs).toContain('outbox');
    for (const secret of forbidden())
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });
});
