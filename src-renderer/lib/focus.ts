import { tick } from 'svelte';
import { reveal, resetScroll } from './layout';

/** Controls a student can reach, in the order they meet them. */
const CONTROLS = 'input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The first control that follows `heading` on its screen, when it is a field typed on the kiosk's
 * keyboard (`data-osk`): what the student does first on that screen is type. Null when a choice,
 * a button or a text to read comes first (a charter, a radio, a list of results).
 */
function firstTypedField(heading: HTMLElement): HTMLInputElement | null {
  const root = heading.closest('main') ?? document.body;
  for (const control of root.querySelectorAll<HTMLElement>(CONTROLS)) {
    if (!(heading.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (control.closest('[hidden], [inert]') !== null) continue;
    return control instanceof HTMLInputElement && control.matches('[data-osk]') ? control : null;
  }
  return null;
}

/**
 * Focus to a form's field, the screen's heading still said: the form takes the heading as its
 * name (aria-labelledby), which makes it a named form landmark, and a screen reader announces
 * that name as the focus enters it ("Changer mon mot de passe, formulaire, Identifiant, édition"),
 * then the field's label. A live region would say the title a second time over the label.
 */
function focusField(field: HTMLElement, heading: HTMLElement | null): void {
  const form = field.closest('form');
  if (heading !== null && form !== null && !form.hasAttribute('aria-labelledby')) {
    if (heading.id === '') heading.id = 'screen-title';
    form.setAttribute('aria-labelledby', heading.id);
  }
  field.focus({ preventScroll: true });
}

/**
 * Attachment for a screen's h1 (with tabindex="-1"): when a screen appears, focus moves to its
 * title, so a screen reader announces the new screen and Tab starts from the top of it. When the
 * screen's first control is a field to type into (a code, an identifier, a sign-in), focus goes
 * to that field instead, the title announced as the form's name: the on-screen keyboard is up at
 * once, without a touch. The screen's scroll container goes back to its top: a new screen never
 * opens where the last one was scrolled to.
 */
export function focusOnMount(element: HTMLElement): void {
  resetScroll(element);
  const field = firstTypedField(element);
  if (field !== null) focusField(field, element);
  else element.focus({ preventScroll: true });
}

/**
 * Attachment for a form whose first field is what the student does next (the identification):
 * focus goes straight to that field, so the keypad is up at once and saves a tap; the screen's
 * title names the form. Like focusOnMount, the screen starts at its top.
 */
export function focusFirstField(form: HTMLElement): void {
  resetScroll(form);
  const field = form.querySelector<HTMLElement>('input[data-osk]');
  const heading = form.closest('main')?.querySelector<HTMLElement>('h1') ?? null;
  if (field === null) form.focus({ preventScroll: true });
  else focusField(field, heading);
}

/**
 * After a refused submit: focus goes to the first field marked invalid, if any, and that field
 * with its message is brought into view (it may already have had the focus, so no focus event
 * would bring it).
 */
export async function focusFirstInvalid(root: ParentNode = document): Promise<void> {
  await tick();
  const field = root.querySelector<HTMLElement>('main [aria-invalid="true"]');
  if (field === null) return;
  field.focus({ preventScroll: true });
  reveal(field);
}
