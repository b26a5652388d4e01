/** The parts of Electron's `Input` (before-input-event) that decide whether a key is blocked. */
export interface KeyInput {
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

// Keys that reload, open DevTools or caret browsing, toggle fullscreen or navigate history.
const BARE_KEYS = new Set([
  'f5',
  'f7',
  'f11',
  'f12',
  'browserback',
  'browserforward',
  'browserrefresh',
  'browserhome',
]);
// With Ctrl (Cmd on macOS): reload, close, quit, print, save, open, view source, zoom.
const MOD_KEYS = new Set(['r', 'w', 'q', 'p', 's', 'o', 'u', '+', '=', '-', '_', '0', 'f4']);
// With Ctrl+Shift (Cmd+Alt on macOS): DevTools, console, element picker.
const DEVTOOLS_KEYS = new Set(['i', 'j', 'c']);
const ALT_KEYS = new Set(['arrowleft', 'arrowright', 'home', 'f4']);

/**
 * True for key combinations that would let someone leave, reload or inspect the kiosk. Text
 * editing keys (Ctrl+A/C/V/X/Z) stay allowed: students type in the forms.
 */
export function isKioskEscapeShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (BARE_KEYS.has(key)) return true;
  if (mod && (input.shift || input.alt) && DEVTOOLS_KEYS.has(key)) return true;
  if (mod && !input.alt && MOD_KEYS.has(key)) return true;
  return input.alt && !mod && ALT_KEYS.has(key);
}
