/**
 * A fleet on the real chain, for the help-desk console's specs: `npm run stack`'s entry point
 * with three kiosks in three places (each its own device, data folder, keychain service and web
 * host, reaching the server through a link the stack's controls can cut), the console's
 * listener, and heartbeats every 5 seconds (the console flags a kiosk silent after 10 seconds
 * without one: two heartbeats). Once per Playwright worker. Nothing in it is the simulator.
 *
 * The controls act on a kiosk through its normal paths and answer once the effect can be seen
 * from the console: `offline` (its link to the API cut, its page still up) and `online`,
 * `dead-letter` (a supervisor's resend for an active account queued while the link is cut,
 * refused when replayed; the heartbeat carrying it has reached the server), `tamper-upload`
 * (its next audit upload altered on its way, refused by the server: audit_refusals). The first
 * two are instant; the last two take a few seconds (src-server/stack/fleet-controls.ts).
 * `dead-letter` and `tamper-upload` use the kiosk's page session: they spend the token of that
 * kiosk's printed URL, so a spec that opens a kiosk's page and uses them must open it first.
 */
import { test as base } from '@playwright/test';
import { DEMO_STAFF_PASSWORDS } from '../../src-server/stack/seed';
import { spawnUntilReady } from '../support/spawn-ready';

export interface FleetKiosk {
  deviceId: string;
  /** Its place, as registered (the console's label). */
  label: string;
  /** The kiosk's page as its web host printed it, single-use token included. */
  url: string;
}

export interface Fleet {
  /** The console listener's origin: the page under /console/, the JSON under /console/api/. */
  console: string;
  kiosks: FleetKiosk[];
  /** The stack's control server: POST /kiosks/{deviceId}/{action}, GET /mailbox. */
  controls: string;
  /** slapd's ldap:// address (suffix dc=univ,dc=test, people under ou=people). */
  ldap: string;
  /** Directory accounts (an LDAP bind): one in the supervisors' group, one in the agents'. */
  supervisor: { uid: string; password: string };
  agent: { uid: string; password: string };
}

export type FleetAction = 'offline' | 'online' | 'dead-letter' | 'tamper-upload';

/** Calls a control on one kiosk; resolves once its effect can be seen, throws if refused. */
export async function fleetControl(
  fleet: Fleet,
  deviceId: string,
  action: FleetAction,
): Promise<void> {
  const answer = await fetch(`${fleet.controls}/kiosks/${deviceId}/${action}`, {
    method: 'POST',
  });
  if (answer.status !== 204)
    throw new Error(`${action} on ${deviceId}: ${answer.status} ${await answer.text()}`);
}

const account = (uid: string) => ({ uid, password: DEMO_STAFF_PASSWORDS[uid]! });

export const test = base.extend<object, { fleet: Fleet }>({
  fleet: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await spawnUntilReady(
        'dist/main/guichet-stack.js',
        ['--port', '0', '--quiet', '--kiosks', '3', '--console', '--heartbeat-seconds', '5'],
        /^Kiosk ready at (\S+)/m,
        { timeoutMs: 180_000 },
      );
      try {
        const output = stack.output();
        const consoleAt = /^Console at (\S+)/m.exec(output)?.[1];
        const mailbox = /^Mailbox at (\S+)/m.exec(output)?.[1];
        const ldap = /\(slapd (\S+),/.exec(output)?.[1];
        const printed = [...output.matchAll(/^Kiosk (\S+) ready at (\S+)/gm)];
        if (!consoleAt || !mailbox || !ldap || printed.length !== 3)
          throw new Error(`the stack did not say where:\n${output}`);
        const controls = new URL(mailbox).origin;
        const listed = (await (await fetch(`${controls}/kiosks`)).json()) as {
          kiosks: { deviceId: string; label: string }[];
        };
        const labels = new Map(listed.kiosks.map((k) => [k.deviceId, k.label]));
        await use({
          console: new URL(consoleAt).origin,
          kiosks: printed.map(([, deviceId, url]) => ({
            deviceId: deviceId!,
            label: labels.get(deviceId!) ?? '',
            url: url!,
          })),
          controls,
          ldap,
          supervisor: account('super01'),
          agent: account('agent01'),
        });
      } finally {
        await stack.stop();
      }
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});
export { expect } from '@playwright/test';
