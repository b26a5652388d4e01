import type { InstitutionProfile } from '../../src-main/core/profile';

/**
 * Applies the institution's colours as CSS custom properties. Through the CSSOM rather than a
 * `style` attribute, which the page's CSP (style-src 'self') would refuse.
 */
export function applyTheme(
  colors: InstitutionProfile['colors'],
  root: HTMLElement = document.documentElement,
): void {
  root.style.setProperty('--color-primary', colors.primary);
  root.style.setProperty('--color-on-primary', colors.onPrimary);
  root.style.setProperty('--color-accent', colors.accent);
}
