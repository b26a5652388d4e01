/**
 * The code from the activation (or reset) e-mail, from whatever reached the field: the code typed
 * by hand, pasted, or the whole activation link read from the e-mail's QR code by the kiosk's
 * keyboard-wedge scanner (which types the link, then Enter).
 */

// Parameter names a link may carry the code under, most specific first.
const CODE_PARAMS = ['code', 'activationCode', 'token', 'c'];

/** True when the text is (or starts like) a link rather than a bare code. */
export function looksLikeLink(text: string): boolean {
  return /^\s*(https?:\/\/|www\.)/i.test(text);
}

/** The code alone: from a link's query, fragment or last path segment, else the text itself. */
export function extractCode(raw: string): string {
  const text = raw.trim();
  if (!looksLikeLink(text)) return text.replace(/\s+/g, '');
  let url: URL;
  try {
    url = new URL(/^www\./i.test(text) ? `https://${text}` : text);
  } catch {
    return text.replace(/\s+/g, '');
  }
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  for (const name of CODE_PARAMS) {
    const value = url.searchParams.get(name) ?? fragment.get(name);
    if (value) return value.trim();
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  return decodeURIComponent(segments.at(-1) ?? '');
}
