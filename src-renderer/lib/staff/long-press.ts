/**
 * The hidden staff entry: holding the institution's name for a few seconds. An attachment, so
 * nothing in the markup hints at it; staff with a keyboard use Ctrl+Alt+S instead (see App).
 */
export const LONG_PRESS_MS = 3000;

export function longPress(onpress: () => void, ms = LONG_PRESS_MS) {
  return (element: HTMLElement) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const cancel = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
    const start = (event: PointerEvent) => {
      if (!event.isPrimary) return;
      cancel();
      timer = setTimeout(() => {
        timer = null;
        onpress();
      }, ms);
    };
    const stops = ['pointerup', 'pointerleave', 'pointercancel'] as const;
    element.addEventListener('pointerdown', start);
    for (const type of stops) element.addEventListener(type, cancel);
    // A long touch would otherwise open the browser's context menu.
    const menu = (event: Event) => event.preventDefault();
    element.addEventListener('contextmenu', menu);
    return () => {
      cancel();
      element.removeEventListener('pointerdown', start);
      for (const type of stops) element.removeEventListener(type, cancel);
      element.removeEventListener('contextmenu', menu);
    };
  };
}

/** Ctrl+Alt+S, the keyboard way in for staff (a student's kiosk has no keyboard). */
export function isStaffShortcut(event: KeyboardEvent): boolean {
  return event.ctrlKey && event.altKey && !event.shiftKey && event.key.toLowerCase() === 's';
}
