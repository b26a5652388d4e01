/**
 * The stack's controls acting on a kiosk as its page does (src-main/host): the printed URL's
 * single-use token traded at POST /session for the session cookie, then POST /rpc/<channel>
 * from the host's origin. Trading the token spends it: a browser opening that URL afterwards is
 * refused, so the stack trades it only when a control first needs the page.
 */

/** A channel's answer as the host sends it (the dispatch's Result). */
export type RpcAnswer<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: string } };

export interface KioskPage {
  call<T = unknown>(channel: string, input?: unknown): Promise<RpcAnswer<T>>;
}

/** Trades the token of `printedUrl` (…/#token=…) for the page's session. */
export async function openKioskPage(printedUrl: string): Promise<KioskPage> {
  const { origin } = new URL(printedUrl);
  const token = new URLSearchParams(new URL(printedUrl).hash.slice(1)).get('token') ?? '';
  const answer = await fetch(`${origin}/session`, {
    method: 'POST',
    headers: { 'x-guichet-token': token, origin },
  });
  const cookie = answer.headers.get('set-cookie')?.split(';')[0];
  if (answer.status !== 204 || !cookie)
    throw new Error(
      `the kiosk's page refused its token (${answer.status}): a browser opened its URL first`,
    );
  return {
    async call<T>(channel: string, input: unknown = {}) {
      const response = await fetch(`${origin}/rpc/${channel}`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as RpcAnswer<T>;
    },
  };
}
