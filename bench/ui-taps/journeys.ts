/**
 * The student journeys, as a student goes through them with the least touches the screens allow:
 * from the home screen to "Terminer", on the seeded demo dataset (test/support/dataset.ts).
 * Each step names what it touches by its catalog text, never by its place on the screen.
 */
import type { Page } from '@playwright/test';
import { PASSWORDS } from '../../test/support/dataset';
import type { Finger } from './touch';

export interface JourneyContext {
  page: Page;
  finger: Finger;
  /** The latest code the simulator e-mailed to this address (its test mailbox). */
  code(to: string): Promise<string>;
}

export interface Journey {
  name: string;
  /** Today's count before the issue-9 changes: no journey may need more. */
  goal: number;
  run(context: JourneyContext): Promise<{ clearing?: number }>;
}

/** The activation e2e test's password (capitals, signs, digits): the count the goals were taken with. */
const NEW_PASSWORD = 'Tortue-Vive-83';

async function identify(finger: Finger, number: string, birth: string) {
  await finger.type(finger.field('identify.studentNumber.label'), number);
  await finger.type(finger.field('identify.birthDate.label'), birth);
  await finger.press('identify.submit');
}

async function newPassword(finger: Finger) {
  await finger.type(finger.field('password.new.label'), NEW_PASSWORD);
  await finger.type(finger.field('password.confirm.label'), NEW_PASSWORD);
}

/** "Terminer" on the screen that ends the journey. */
async function finish(finger: Finger) {
  await finger.press('common.finish');
}

export const JOURNEYS: Journey[] = [
  {
    name: 'find identifier',
    goal: 21,
    async run({ page, finger }) {
      await finger.press('journey.findIdentifier.title');
      await identify(finger, '21901234', '14032001');
      await page.getByTestId('identifier').waitFor();
      await finish(finger);
      return {};
    },
  },
  {
    name: 'activation',
    goal: 69,
    async run({ finger, code }) {
      await finger.press('journey.activation.title');
      await identify(finger, '21901234', '14032001');
      await finger.press('code.email.send');
      await finger.type(finger.field('code.label'), await code('eloise.nd@example.org'));
      await finger.press('common.continue');
      await finger.tap(finger.field('charter.accept'));
      await finger.press('common.continue');
      await newPassword(finger);
      await finger.press('activation.submit');
      await finish(finger);
      return {};
    },
  },
  {
    name: 'password change',
    goal: 67,
    async run({ finger }) {
      await finger.press('journey.passwordChange.title');
      await finger.type(finger.field('login.identifier.label'), 'abensaid');
      await finger.type(finger.field('change.current.label'), PASSWORDS.abensaid);
      await newPassword(finger);
      await finger.press('change.submit');
      await finish(finger);
      return {};
    },
  },
  {
    name: 'mail redirection',
    goal: 74,
    async run({ page, finger }) {
      const address = 'ines.haddad@gmail.com';
      await finger.press('journey.mail.title');
      await finger.type(finger.field('login.identifier.label'), 'ihaddad');
      await finger.type(finger.field('login.password.label'), PASSWORDS.ihaddad);
      await finger.press('mail.login.submit');
      // The current redirection (ines.h@example.net) is already chosen and pre-filled.
      const field = finger.field('mail.address.label');
      const before = finger.touches;
      await finger.clear(field);
      const clearing = finger.touches - before;
      await finger.type(field, address);
      await finger.press('mail.save');
      // The new address is shown back for checking before it is saved: one more touch.
      await finger.press('mail.confirm.submit');
      await page.getByRole('heading', { level: 1, name: finger.text('done.mail.title') }).waitFor();
      await finish(finger);
      return { clearing };
    },
  },
  {
    name: 'forgotten password',
    goal: 72,
    async run({ finger, code }) {
      await finger.press('journey.connectionProblem.title');
      await finger.press('problem.password.title');
      await identify(finger, '22110001', '17052002');
      await finger.press('code.email.send');
      await finger.type(finger.field('code.label'), await code('hugo.lefevre@example.com'));
      // The code on its own step, as in activation; the new password's field then has the focus.
      await finger.press('common.continue');
      await newPassword(finger);
      await finger.press('reset.submit');
      await finish(finger);
      return {};
    },
  },
];
