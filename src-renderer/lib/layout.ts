/**
 * The kiosk's one layout rule, in code: a screen scrolls inside its own container (App's
 * <main data-scroller>) between the pinned header and the on-screen keyboard (below it in
 * portrait, beside it in landscape), and its action bar (`.actions`, which also carries the
 * form's error) is pinned to the container's bottom. What is focused must show between the two.
 */

/** Room kept between a revealed element and the edges, in px. */
const MARGIN = 16;

/** The scroll container a screen's element lives in, if any. */
export function scrollerOf(element: Element): HTMLElement | null {
  return element.closest<HTMLElement>('[data-scroller]');
}

/** A form control that a student types into or ticks: what must stay in view while focused. */
export function isField(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.matches('input, select, textarea');
}

/**
 * What to bring into view for a focused field: its `data-reveal-group` whole when it fits the
 * room; else the group's first `room` px when the field lies within them (the new password with
 * "show", the meter and the first rules), or the last ones of its column (the confirmation,
 * with "show" above it);
 * else the field alone.
 */
function groupBox(element: Element, field: Element, room: number): { top: number; bottom: number } {
  const own = field.getBoundingClientRect();
  const group = element.closest('[data-reveal-group]')?.getBoundingClientRect();
  if (group === undefined) return own;
  if (group.height <= room) return group;
  if (own.bottom <= group.top + room) return { top: group.top, bottom: group.top + room };
  // The end of the field's own column of the group (the entry column, not the rules beside it).
  const column = element.closest('[data-reveal-group] > *')?.getBoundingClientRect() ?? group;
  if (own.top >= column.bottom - room) return { top: column.bottom - room, bottom: column.bottom };
  return own;
}

/**
 * Scrolls the container the least needed (block "nearest") so that the field, with its label,
 * hint and message (its whole `.field`), shows between the container's top (below a pinned band:
 * the journey's way out, staff mode's marker) and the pinned action bar. A field inside a
 * `data-reveal-group` (a new password with its rules, meter and "show" toggle) brings the whole
 * group when it fits. What a refusal points at elsewhere (`data-attention`, e.g. the first failed
 * password rule) joins it when both fit. A field taller than the room shows from its top: label
 * and message first. A screen this code scrolled, and the student has not since, scrolls back up
 * as far as the field allows when the room grows again (a banner above it gone).
 */
export function reveal(element: Element): void {
  const scroller = scrollerOf(element);
  if (scroller === null) return;
  const field = element.closest('.field') ?? element;
  const view = scroller.getBoundingClientRect();
  let top = view.top + MARGIN;
  let bottom = view.bottom - MARGIN;
  // A band pinned at the top (the journey's way out, staff mode's marker) covers the container's top the same way.
  const band = scroller.querySelector('[data-pinned-top]');
  if (band !== null && !band.contains(element)) top += band.getBoundingClientRect().height;
  // The bar is sticky: wherever the field is, the bar ends up over the container's bottom.
  const bar = Array.from(scroller.querySelectorAll('.actions')).at(-1);
  if (bar !== undefined && !bar.contains(element)) {
    bottom -= bar.getBoundingClientRect().height;
  }
  let box: { top: number; bottom: number } = groupBox(element, field, bottom - top);
  const attention = scroller.querySelector('[data-attention]');
  if (attention !== null) {
    const other = attention.getBoundingClientRect();
    const both = { top: Math.min(box.top, other.top), bottom: Math.max(box.bottom, other.bottom) };
    if (both.bottom - both.top <= bottom - top) box = both;
  }
  // Where this code left the screen and the student has not scrolled it since, it gives back what
  // it scrolled away once the room grows (a banner above it gone, the keyboard put away): the
  // screen shows as much of its top, its title first, as the field allows. Scrolled by the
  // student, or placed on purpose (a staff form), it moves the least needed.
  let delta = box.bottom - bottom;
  delta = placedBySelf(scroller) ? Math.max(-scroller.scrollTop, delta) : Math.max(0, delta);
  if (box.top - delta < top) delta = box.top - top;
  if (Math.abs(delta) >= 1) place(scroller, scroller.scrollTop + delta);
}

/** Each container's scroll as this code last set it (resetScroll, reveal). */
const placed = new WeakMap<HTMLElement, number>();

function place(scroller: HTMLElement, scrollTop: number): void {
  scroller.scrollTop = scrollTop;
  placed.set(scroller, scroller.scrollTop);
}

/**
 * Whether the container is still where this code put it (the student has not scrolled it), or
 * short of it only because the screen grew shorter than that scroll (the browser cut it down).
 */
function placedBySelf(scroller: HTMLElement): boolean {
  const at = placed.get(scroller);
  if (at === undefined) return false;
  const now = scroller.scrollTop;
  const end = scroller.scrollHeight - scroller.clientHeight;
  return Math.abs(now - at) < 1 || (now < at && now >= end - 1);
}

/**
 * The container was scrolled on purpose to where it is (a staff action form brought under the
 * band): reveal keeps it there rather than taking the screen back to its top.
 */
export function placedOnPurpose(scroller: HTMLElement): void {
  placed.delete(scroller);
}

/** A new screen starts at its top. */
export function resetScroll(element: Element): void {
  const scroller = scrollerOf(element);
  if (scroller !== null) place(scroller, 0);
}

/** Whether part of the screen lies below the container's bottom edge (a hint says so). */
export function moreBelow(scroller: HTMLElement): boolean {
  return scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2;
}

/** The fewest px a `data-fill` box keeps: a few lines of its text still show. */
const FILL_MIN_LINES = 5;

/**
 * A screen's long text in its own scrolling box (`data-fill`: the charter) gives up height until
 * the whole screen fits its container, so its checkbox and buttons show as the screen opens, with
 * larger text and in landscape too; it never shrinks below a few lines, nor grows past its own CSS
 * max-height. Called whenever the container or the screen changes size.
 */
export function fitFills(scroller: HTMLElement): void {
  for (const box of scroller.querySelectorAll<HTMLElement>('[data-fill]')) {
    box.style.maxHeight = '';
    const overflow = scroller.scrollHeight - scroller.clientHeight;
    if (overflow <= 0) continue;
    const line = parseFloat(getComputedStyle(box).lineHeight) || 32;
    const height = Math.max(FILL_MIN_LINES * line, box.getBoundingClientRect().height - overflow);
    box.style.maxHeight = `${Math.floor(height)}px`;
  }
}
