import { tick } from 'svelte';
import { reveal, resetScroll } from './layout';

/**
 * Attachment for a screen's h1 (with tabindex="-1"): when a screen appears, focus moves to its
 * title, so a screen reader announces the new screen and Tab starts from the top of it. The
 * screen's scroll container goes back to its top: a new screen never opens where the last one
 * was scrolled to.
 */
export function focusOnMount(element: HTMLElement): void {
  element.focus({ preventScroll: true });
  resetScroll(element);
}

/**
 * Attachment for a form whose first field is what the student does next (the identification):
 * focus goes straight to that field, so the keypad is up at once and saves a tap; its label is
 * what a screen reader announces. Like focusOnMount, the screen starts at its top.
 */
export function focusFirstField(form: HTMLElement): void {
  const field = form.querySelector<HTMLElement>('input[data-osk]');
  (field ?? form).focus({ preventScroll: true });
  resetScroll(form);
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
