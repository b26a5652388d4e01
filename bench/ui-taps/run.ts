/**
 * `npm run bench:ui`: how many touches each student journey takes on the kiosk, typing only on
 * the on-screen keyboard, in French (the kiosk's first language). Starts the built web host in
 * demo mode (scripts/run-built.mjs builds first when needed) with the simulator's test controls,
 * drives Debian's Chromium, puts the simulator back to the seeded dataset before each journey,
 * and prints one line per journey, then one JSON object on the last line:
 *   {"ui_taps_find_identifier": 21, …, "ui_taps_mail_redirection_clearing": 23}
 * Then the staff unlock at the desk (bench/ui-taps/staff.ts), in three counted parts:
 *   {…, "ui_taps_staff_sign_in": 17, "ui_taps_staff_open": 11, "ui_taps_staff_unlock": 6}
 * The goal (issue 9): no journey needs more touches than before the issue's changes. The script
 * fails (exit 1) when a journey cannot be completed, not when a count is over its goal: that is
 * reported on the journey's line.
 */
import { writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { fr } from '../../src-renderer/i18n/fr';
import { holdSession } from '../../test/e2e/session-cookie';
import { seededDataset } from '../../test/support/dataset';
import { openHostSession } from '../../test/support/host-session';
import { spawnUntilReady } from '../../test/support/spawn-ready';
import { tempFolder } from '../../test/support/tmp';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { JOURNEYS } from './journeys';
import { STAFF_GOALS, staffUnlock, type StaffPart } from './staff';
import { Finger, until } from './touch';

const folder = tempFolder('guichet-bench-taps-');
const dataset = folder.file('dataset.json', seededDataset(new Date()));
const host = await spawnUntilReady(
  'scripts/run-built.mjs',
  ['web-host', '--port', '0', '--dataset', dataset, '--data-dir', folder.file('data')],
  /Simulator at (\S+)[\s\S]*Kiosk ready at (\S+)/,
  {
    env: {
      GUICHET_KEYCHAIN_SERVICE: `guichet-bench-taps-${process.pid}`,
      GUICHET_SIMULATOR_CONTROLS: '1',
    },
    timeoutMs: 600_000, // a first build may come first
  },
);
const simulatorUrl = host.match[1]!;
// The printed URL's token is single-use (src-main/host/auth.ts): traded once for the session
// cookie, which each journey's browser context then holds, as the e2e harness does.
const session = await openHostSession(host.match[2]!);

/** Puts the simulator and the kiosk back to the seeded dataset, as the e2e fixture does. */
async function reset() {
  writeFileSync(dataset, JSON.stringify(seededDataset(new Date())));
  const response = await fetch(`${simulatorUrl}/_simulator/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (response.status !== 200) throw new Error(`reset: ${response.status}`);
}

/** The code of the latest e-mail to `to`, waited for (sending is asynchronous). */
async function code(to: string): Promise<string> {
  let found = '';
  await until(async () => {
    const response = await fetch(`${simulatorUrl}/_simulator/mailbox?to=${encodeURIComponent(to)}`);
    const { messages } = (await response.json()) as { messages: { code: string }[] };
    found = messages.at(-1)?.code ?? '';
    return found !== '';
  }, `an e-mail to ${to}`);
  return found;
}

const snake = (name: string) => name.replace(/\W+/g, '_');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const figures: Record<string, number> = {};
let failed = false;

/** One run from the home screen back to it, on the seeded dataset, with its own finger. */
async function fromHome(name: string, run: (page: Page, finger: Finger) => Promise<void>) {
  await reset();
  // The portrait kiosk screen of the e2e tests; a touch screen.
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1600 },
    hasTouch: true,
  });
  context.setDefaultTimeout(60_000);
  await holdSession(context, session);
  const page = await context.newPage();
  try {
    await page.goto(session.url);
    await page.getByRole('heading', { level: 1, name: fr['home.title'] }).waitFor();
    await run(page, new Finger(page, fr));
    // Back home: the journey is over.
    await page.getByRole('heading', { level: 1, name: fr['home.title'] }).waitFor();
  } catch (error) {
    failed = true;
    process.stdout.write(`${name}: could not be completed: ${String(error)}\n`);
  } finally {
    await context.close();
  }
}

try {
  for (const journey of JOURNEYS) {
    await fromHome(journey.name, async (page, finger) => {
      const { clearing } = await journey.run({ page, finger, code });
      const over = finger.touches > journey.goal ? `  OVER the goal of ${journey.goal}` : '';
      const part = clearing === undefined ? '' : ` (of which ${clearing} to clear the address)`;
      process.stdout.write(
        `${journey.name}: ${finger.touches} touches${part}, goal ≤ ${journey.goal}${over}\n`,
      );
      figures[`ui_taps_${snake(journey.name)}`] = finger.touches;
      if (clearing !== undefined) figures[`ui_taps_${snake(journey.name)}_clearing`] = clearing;
    });
  }
  // Staff at the desk (issue 17): sign in, open a student by number, unlock; each part counted.
  await fromHome('staff unlock', async (page, finger) => {
    const parts = await staffUnlock(page, finger);
    const words = {
      signIn: 'to sign in',
      open: 'to open a student by number',
      unlock: 'to unlock',
    };
    for (const [name, touches] of Object.entries(parts) as [StaffPart, number][]) {
      const goal = STAFF_GOALS[name];
      const over = touches > goal ? `  OVER the goal of ${goal}` : '';
      process.stdout.write(`staff: ${touches} touches ${words[name]}, goal ≤ ${goal}${over}\n`);
      figures[`ui_taps_staff_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`] = touches;
    }
  });
} finally {
  await browser.close();
  await host.stop();
  folder.remove();
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
if (failed) process.exitCode = 1;
