/**
 * The real chain for an end-to-end spec, started by `npm run stack`'s entry point (slapd with the
 * demo students, PostgreSQL, an SMTP server, the Guichet server, a provisioned kiosk), once per
 * Playwright worker. Nothing in it is the simulator.
 */
import { test as base } from '@playwright/test';
import { spawnUntilReady } from '../support/spawn-ready';

export interface RealChain {
  /** The kiosk's address, token included. */
  kiosk: string;
  /** The SMTP sink's mailbox: GET ?to=ADDRESS. */
  mailbox: string;
  /** slapd's ldap:// address. */
  ldap: string;
  /** Where the stack's controls are: POST …/directory/stop and …/directory/start. */
  controls: string;
}

export const test = base.extend<object, { chain: RealChain }>({
  chain: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await spawnUntilReady(
        'dist/main/guichet-stack.js',
        ['--port', '0', '--quiet'],
        /Kiosk ready at (\S+)/,
      );
      try {
        const ldap = /\(slapd (\S+),/.exec(stack.output())?.[1];
        const mailbox = /Mailbox at (\S+)/.exec(stack.output())?.[1];
        if (!ldap || !mailbox) throw new Error(`the stack did not say where:\n${stack.output()}`);
        await use({ kiosk: stack.match[1]!, mailbox, ldap, controls: new URL(mailbox).origin });
      } finally {
        await stack.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});
export { expect } from '@playwright/test';
