/**
 * A student whose operation, queued offline by this kiosk, was refused later by the API (a dead
 * letter) is told at their next identification, once, in their language, accessibly.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { createAtRest } from '../../src-main/outbox/at-rest';
import { createOutboxStore } from '../../src-main/outbox/store';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { deriveJournalKey } from '../../src-main/secrets/lookup-keys';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { LANGS, TEXTS, expectAccessible, identify, openKiosk, title } from './kiosk';

const ELOISE = { number: '21901234', birth: '14032001', identifier: 'endiayebrule' };

for (const lang of LANGS) {
  test(`${lang}: the student is told once that an operation saved offline was refused`, async ({
    page,
    kiosk,
  }) => {
    // A dead letter as the replayer leaves one (the journal is shared with the running host),
    // its account kept as a tag and sealed under the host's keys.
    const key = await createKeytarStore(kiosk.keychainService).get(SECRET_NAMES.lookupKey);
    const journal = new Database(join(kiosk.dataDir, 'journal.db'));
    const outbox = createOutboxStore(
      journal,
      createAtRest(deriveJournalKey(Buffer.from(key!, 'base64'))),
    );
    const row = outbox.insert({
      reference: 'E2E-DEAD-01',
      account: ELOISE.identifier,
      kind: 'mail.redirection',
      method: 'put',
      path: '/v1/nowhere',
      payloadJson: '',
      idempotencyKey: 'key-e2e-dead-0001-0123456789',
      now: 1,
    });
    outbox.markDead(row.id, 2, '401 invalid_credentials');
    journal.close();

    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await identify(page, t, ELOISE.number, ELOISE.birth);
    await expect(page.getByTestId('identifier')).toHaveText(ELOISE.identifier);
    const notice = page.getByTestId('refused-operation-notice');
    await expect(notice).toHaveText(t['result.refusedNotice.one']);
    await expect(notice).toHaveAttribute('role', 'status');
    await expectAccessible(page);

    // Told once: the next identification shows the result without it.
    // "Terminer" wipes the journey and goes back to the home screen, in French.
    await page.getByRole('button', { name: t['common.finish'] }).click();
    await expect(title(page, TEXTS.fr['home.title'])).toBeVisible();
    await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await identify(page, t, ELOISE.number, ELOISE.birth);
    await expect(page.getByTestId('identifier')).toHaveText(ELOISE.identifier);
    await expect(page.getByTestId('refused-operation-notice')).toHaveCount(0);
  });
}
