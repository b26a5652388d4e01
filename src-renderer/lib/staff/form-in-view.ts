import { placedOnPurpose, scrollerOf } from '../layout';

/** Room kept above the form, under the pinned band, in px. */
const MARGIN = 16;

/**
 * Attachment for a staff action form, which opens inside a screen the agent may have scrolled:
 * the screen scrolls the least needed for the form to start just under the pinned "Mode agent"
 * band (its fields first, its own bar pinned at the foot), and focus goes to its first field, so
 * the agent sees what the form asks and can answer at once. The form's title names the form for a
 * screen reader (aria-labelledby), and each required field says so in its label.
 */
export function openInView(form: HTMLElement): void {
  const scroller = scrollerOf(form);
  if (scroller !== null) {
    const view = scroller.getBoundingClientRect();
    const band = scroller.querySelector('[data-pinned-top]');
    const top = view.top + MARGIN + (band?.getBoundingClientRect().height ?? 0);
    const box = form.getBoundingClientRect();
    // Down only when its top is under the band or its foot is off the screen; up when it is above.
    const delta = box.top < top || box.bottom > view.bottom ? box.top - top : 0;
    if (Math.abs(delta) >= 1) scroller.scrollTop += delta;
    placedOnPurpose(scroller);
  }
  const field = form.querySelector<HTMLElement>('select, input, textarea');
  (field ?? form).focus({ preventScroll: true });
}
