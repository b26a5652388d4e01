/**
 * What the kiosk's page does with the URL the web host prints, for a test that is not a page:
 * it trades the URL's single-use token at POST /session for the session cookie
 * (src-main/host/auth.ts). After this the token is spent; calls present the cookie, from the
 * host's origin, as the browser does. An end-to-end harness puts the cookie in its browser
 * context and opens `url`, which carries no token.
 */
export interface HostSession {
  /** The kiosk's page, without the token: what a reload opens. */
  url: string;
  origin: string;
  /** The session cookie, as the browser keeps it. */
  cookie: { name: string; value: string; maxAgeSeconds: number };
  /** The headers of a call from the kiosk's own page: the cookie and the Origin. */
  headers: { cookie: string; origin: string };
}

/** The token in the fragment of a URL the web host printed ("Kiosk ready at …"). */
export function tokenOf(printedUrl: string): string {
  const token = new URLSearchParams(new URL(printedUrl).hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in ${printedUrl}`);
  return token;
}

/** Exchanges the printed URL's token; fails when the host refuses (the token already spent). */
export async function openHostSession(printedUrl: string): Promise<HostSession> {
  const { origin } = new URL(printedUrl);
  const answer = await fetch(`${origin}/session`, {
    method: 'POST',
    headers: { 'x-guichet-token': tokenOf(printedUrl), origin },
  });
  const setCookie = answer.headers.get('set-cookie');
  if (answer.status !== 204 || setCookie === null) {
    throw new Error(`the web host refused its token: ${answer.status} ${await answer.text()}`);
  }
  const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
  const equals = pair!.indexOf('=');
  const maxAge = attributes.find((part) => /^max-age=/i.test(part));
  return {
    url: `${origin}/`,
    origin,
    cookie: {
      name: pair!.slice(0, equals),
      value: pair!.slice(equals + 1),
      maxAgeSeconds: Number(maxAge?.split('=')[1] ?? 0),
    },
    headers: { cookie: pair!, origin },
  };
}
