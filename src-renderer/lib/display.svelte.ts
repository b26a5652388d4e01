/**
 * The reading aids a student may switch on (larger text, high contrast). They last for one
 * journey: the wipe at its end puts them back, so the next student finds the usual kiosk.
 */
export class DisplayPrefs {
  largeText = $state(false);
  highContrast = $state(false);

  get pristine(): boolean {
    return !this.largeText && !this.highContrast;
  }

  reset(): void {
    this.largeText = false;
    this.highContrast = false;
  }

  /** Reflects the choices as classes on the root element, which global.css reads. */
  apply(root: HTMLElement): void {
    root.classList.toggle('large-text', this.largeText);
    root.classList.toggle('high-contrast', this.highContrast);
  }
}
