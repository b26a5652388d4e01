/**
 * The real chain for an end-to-end spec, started by `npm run stack`'s entry point (slapd with the
 * demo students, PostgreSQL, an SMTP server, the Guichet server, a provisioned kiosk), once per
 * Playwright worker. Nothing in it is the simulator. The kiosk's single-use token is spent once,
 * on the worker's session, which every test's tab is given.
 */
import { test as base } from '@playwright/test';
import { openHostSession, type HostSession } from '../support/host-session';
import { spawnUntilReady } from '../support/spawn-ready';
import { holdSession } from './session-cookie';

export interface RealChain {
  /** The kiosk's page, without a token: each test's tab holds the session (session-cookie.ts). */
  kiosk: string;
  /** The session the worker bought with the kiosk's single-use token. */
  session: HostSession;
  /** The SMTP sink's mailbox: GET ?to=ADDRESS. */
  mailbox: string;
  /** slapd's ldap:// address. */
  ldap: string;
  /** Where the stack's controls are: POST …/directory/stop and …/directory/start. */
  controls: string;
}

export const test = base.extend<object, { chain: RealChain }>({
  page: async ({ page, chain }, use) => {
    await holdSession(page.context(), chain.session);
    await use(page);
  },
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
        const session = await openHostSession(stack.match[1]!);
        await use({
          kiosk: session.url,
          session,
          mailbox,
          ldap,
          controls: new URL(mailbox).origin,
        });
      } finally {
        await stack.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});
export { expect } from '@playwright/test';
