/**
 * Which field the on-screen keyboard types into, and the typing itself. The field is the last
 * input with a `data-osk` attribute that had focus; the keys do not take focus from it (they
 * cancel mousedown), so the caret and the screen reader stay on the field.
 */
import { nextField, suggestionEdit } from './editing';
import { fieldKind, type FieldKind } from './layouts';

export class KeyboardTarget {
  field = $state.raw<HTMLInputElement | null>(null);
  kind = $state<FieldKind | null>(null);
  /** The student put the keyboard away ("Masquer le clavier"); a tap on a field brings it back. */
  hidden = $state(false);

  /** Whether the keyboard is on screen: a field to type into, and not put away. */
  get shown(): boolean {
    return this.kind !== null && !this.hidden;
  }

  hide(): void {
    this.hidden = true;
  }

  show(): void {
    this.hidden = false;
  }

  /** A tap on the field being typed into asks for the keyboard again. */
  tapped(element: EventTarget | null): void {
    if (element !== null && element === this.#live()) this.hidden = false;
  }

  /**
   * Follows focus: a field with `data-osk` becomes the target. Focus moving to a button leaves
   * the keyboard up: hiding it under the finger mid-tap would move the button away before the
   * tap ends. It goes once its field has left the screen (the next screen takes the focus).
   */
  focused(element: EventTarget | null, insideKeyboard: boolean): void {
    if (insideKeyboard) return;
    const kind = element instanceof Element ? fieldKind(element) : null;
    if (kind !== null) {
      if (element !== this.field) this.hidden = false; // another field: the keyboard comes back
      this.field = element as HTMLInputElement;
      this.kind = kind;
    } else this.#live();
  }

  /** Types text at the caret, as a real key press would (the field's input event fires). */
  type(text: string): void {
    const field = this.#live();
    if (field === null) return;
    const { start, end } = this.#selection(field);
    const room =
      field.maxLength > 0 ? field.maxLength - (field.value.length - (end - start)) : Infinity;
    if (room < text.length) return;
    field.setRangeText(text, start, end, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Deletes the selection, or the character before the caret. */
  backspace(): void {
    const field = this.#live();
    if (field === null) return;
    const { start, end } = this.#selection(field);
    if (start === end && start === 0) return;
    // Code points, not UTF-16 units: an emoji or an astral letter goes in one press.
    const before = Array.from(field.value.slice(0, start));
    const from = start === end ? start - (before.at(-1)?.length ?? 1) : start;
    field.setRangeText('', from, end, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** "Tout effacer": empties the field in one tap (Effacer takes one character a tap). */
  clear(): void {
    const field = this.#live();
    if (field === null || field.value === '') return;
    field.setRangeText('', 0, field.value.length, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** A domain key ("@gmail.com"): completes the address rather than typing blindly. */
  suggest(text: string): void {
    const field = this.#live();
    if (field === null) return;
    const { start, end } = this.#selection(field);
    const edit = suggestionEdit(field.value, start, end, text);
    const length = field.value.length - (edit.to - edit.from) + edit.text.length;
    if (field.maxLength > 0 && length > field.maxLength) return;
    field.setRangeText(edit.text, edit.from, edit.to, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /**
   * Enter ("Valider"): the same keydown a physical key sends (a field may handle it, e.g. the
   * student number moves on to the birth date). Unless the keydown was cancelled, it moves on to
   * the form's next field, and submits the form only from the last: a student who taps it after
   * the new password means "next", not "check my confirmation that I have not typed yet".
   */
  enter(): void {
    const field = this.#live();
    if (field === null) return;
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    if (!field.dispatchEvent(event)) return;
    const form = field.form;
    if (form === null) return;
    const fields = Array.from(form.elements).filter(
      (element): element is HTMLInputElement =>
        element instanceof HTMLInputElement &&
        fieldKind(element) !== null &&
        !element.disabled &&
        !element.readOnly &&
        element.getClientRects().length > 0, // on screen, not hidden
    );
    const next = nextField(fields, field);
    if (next === null) return form.requestSubmit();
    next.focus();
    next.setSelectionRange(next.value.length, next.value.length); // the caret after its text
  }

  #live(): HTMLInputElement | null {
    if (this.field !== null && !this.field.isConnected) {
      this.field = null;
      this.kind = null;
    }
    return this.field;
  }

  #selection(field: HTMLInputElement): { start: number; end: number } {
    const start = field.selectionStart ?? field.value.length;
    return { start, end: field.selectionEnd ?? start };
  }
}
