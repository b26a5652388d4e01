/**
 * The harness's way into the kiosk. The web host's token is single-use (src-main/host/auth.ts),
 * and the harness opens the kiosk many times per host (each test, after the tab's cookies are
 * cleared; in a new context after a spoilt tab). So it does what the page does, once per host:
 * it trades the printed URL's token for the session cookie (test/support/host-session.ts), then
 * gives that cookie to each test's browser context and opens the kiosk's URL without a token, as
 * a reload does. Nothing in the web host knows about tests; web-host-token.spec.ts opens a
 * tokenized URL in Chromium itself, on a host of its own.
 */
import type { BrowserContext } from '@playwright/test';
import type { HostSession } from '../support/host-session';

/** Puts the session in the context, as the page's own exchange at POST /session would have. */
export async function holdSession(context: BrowserContext, session: HostSession): Promise<void> {
  const { name, value, maxAgeSeconds } = session.cookie;
  await context.addCookies([
    {
      name,
      value,
      url: session.url,
      httpOnly: true,
      sameSite: 'Strict',
      expires: Math.floor(Date.now() / 1000) + maxAgeSeconds,
    },
  ]);
}
