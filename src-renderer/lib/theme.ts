import type { InstitutionProfile } from '../../src-main/core/profile';

/**
 * Applies the institution's colours as CSS custom properties. Through the CSSOM rather than a
 * `style` attribute, which the page's CSP (style-src 'self') would refuse. They are the --brand-*
 * properties, which global.css maps to the --color-* ones, so that the high-contrast theme (a
 * class rule) can still override colours that an inline declaration would otherwise pin.
 */
export function applyTheme(
  colors: InstitutionProfile['colors'],
  root: HTMLElement = document.documentElement,
): void {
  root.style.setProperty('--brand-primary', colors.primary);
  root.style.setProperty('--brand-on-primary', colors.onPrimary);
  root.style.setProperty('--brand-accent', colors.accent);
}
