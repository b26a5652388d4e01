/**
 * What the keyboard's bigger keys do to a field, as plain functions of its text (the DOM part is
 * in target.svelte.ts): a domain suggestion completing an address, and "Valider" moving on.
 */

/** A replacement of the characters from `from` to `to` by `text`. */
export interface Edit {
  from: number;
  to: number;
  text: string;
}

/** The domains offered on the e-mail keyboard: what students' personal addresses mostly end with. */
export const EMAIL_SUGGESTIONS = ['@gmail.com', '@outlook.fr', '.fr', '.com'] as const;

/**
 * The edit a domain key makes. "@gmail.com" replaces whatever follows an "@" already typed
 * ("jean@gm" becomes "jean@gmail.com", never "jean@gm@gmail.com"); ".fr" after a typed dot
 * does not double it. Otherwise the text goes at the caret, over any selection.
 */
export function suggestionEdit(value: string, start: number, end: number, text: string): Edit {
  const at = value.indexOf('@');
  if (text.startsWith('@') && at !== -1) return { from: at, to: value.length, text };
  if (text.startsWith('.') && value[start - 1] === '.')
    return { from: start, to: end, text: text.slice(1) };
  return { from: start, to: end, text };
}

/**
 * Where "Valider" goes from `current`: the next field of the form the keyboard can type into,
 * or null on the last one (then the form is submitted).
 */
export function nextField<T>(fields: readonly T[], current: T): T | null {
  const index = fields.indexOf(current);
  return index === -1 ? null : (fields[index + 1] ?? null);
}
