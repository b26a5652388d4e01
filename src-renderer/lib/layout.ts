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
 * Scrolls the container the least needed (block "nearest") so that the field, with its label,
 * hint and message (its whole `.field`), shows between the container's top and the pinned action
 * bar. What a refusal points at elsewhere (`data-attention`, e.g. the first failed password rule)
 * joins it when both fit. A field taller than the room shows from its top: label and message first.
 */
export function reveal(element: Element): void {
  const scroller = scrollerOf(element);
  if (scroller === null) return;
  const target = element.closest('.field') ?? element;
  const view = scroller.getBoundingClientRect();
  const top = view.top + MARGIN;
  let bottom = view.bottom - MARGIN;
  // The bar is sticky: wherever the field is, the bar ends up over the container's bottom.
  const bar = Array.from(scroller.querySelectorAll('.actions')).at(-1);
  if (bar !== undefined && !bar.contains(target)) {
    bottom -= bar.getBoundingClientRect().height;
  }
  let box: { top: number; bottom: number } = target.getBoundingClientRect();
  const attention = scroller.querySelector('[data-attention]');
  if (attention !== null) {
    const other = attention.getBoundingClientRect();
    const both = { top: Math.min(box.top, other.top), bottom: Math.max(box.bottom, other.bottom) };
    if (both.bottom - both.top <= bottom - top) box = both;
  }
  let delta = Math.max(0, box.bottom - bottom);
  if (box.top - delta < top) delta = box.top - top;
  if (Math.abs(delta) >= 1) scroller.scrollTop += delta;
}

/** A new screen starts at its top. */
export function resetScroll(element: Element): void {
  const scroller = scrollerOf(element);
  if (scroller !== null) scroller.scrollTop = 0;
}

/** Whether part of the screen lies below the container's bottom edge (a hint says so). */
export function moreBelow(scroller: HTMLElement): boolean {
  return scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2;
}
