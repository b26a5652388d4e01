import { tick } from 'svelte';

/**
 * Attachment for a screen's h1 (with tabindex="-1"): when a screen appears, focus moves to its
 * title, so a screen reader announces the new screen and Tab starts from the top of it.
 */
export function focusOnMount(element: HTMLElement): void {
  element.focus();
}

/** After a refused submit: focus goes to the first field marked invalid, if any. */
export async function focusFirstInvalid(root: ParentNode = document): Promise<void> {
  await tick();
  root.querySelector<HTMLElement>('main [aria-invalid="true"]')?.focus();
}
