/**
 * QR codes for the success screens (the ENT address, for the student's phone). The qrcode
 * package loads on demand, in its own chunk: the first screen does not pay for it. The result is
 * an SVG data URL for an <img>, which the CSP allows (img-src data:) where inline markup is not.
 */
export async function qrDataUrl(text: string): Promise<string> {
  const { toString } = await import('qrcode');
  const svg = await toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
