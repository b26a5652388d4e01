/**
 * Where an element lies on the kiosk's screen, as the student sees it: inside the viewport or
 * not, meeting the on-screen keyboard's box or not, and covered by something else (a pinned bar,
 * the header) or not, found with document.elementFromPoint at its centre and near its corners.
 * Shared by the layout specs (layout.spec.ts, layout-reach.spec.ts).
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The two kiosk screens. */
export const VIEWS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
export type View = keyof typeof VIEWS;

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * What is wrong with where `locator` is: outside the viewport, meeting the keyboard's box, or
 * covered by another element at its centre or near a corner. Empty when the student sees it whole.
 */
export async function placement(page: Page, locator: Locator): Promise<string[]> {
  const box = await locator.boundingBox();
  if (box === null) return ['not rendered'];
  const viewport = page.viewportSize()!;
  const problems: string[] = [];
  const r = (n: number) => Math.round(n);
  const where = `[${r(box.x)},${r(box.y)} ${r(box.width)}×${r(box.height)}]`;
  if (
    box.x < -0.5 ||
    box.y < -0.5 ||
    box.x + box.width > viewport.width + 0.5 ||
    box.y + box.height > viewport.height + 0.5
  ) {
    problems.push(`outside the ${viewport.width}×${viewport.height} viewport ${where}`);
  }
  const osk = page.getByTestId('osk');
  if (await osk.isVisible()) {
    const keyboard = await osk.boundingBox();
    if (keyboard !== null && intersects(box, keyboard)) {
      problems.push(`meets the keyboard ${where}`);
    }
  }
  const covered = await locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    // Away from rounded corners, which hit-test as their parent.
    const inset = Math.min(12, rect.width / 3, rect.height / 3);
    const points = [
      [rect.left + rect.width / 2, rect.top + rect.height / 2],
      [rect.left + inset, rect.top + inset],
      [rect.right - inset, rect.top + inset],
      [rect.left + inset, rect.bottom - inset],
      [rect.right - inset, rect.bottom - inset],
    ] as const;
    return points
      .filter(([x, y]) => {
        if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false; // reported above
        const hit = document.elementFromPoint(x, y);
        return hit === null || !(element === hit || element.contains(hit));
      })
      .map(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        const name = hit === null ? 'nothing' : hit.tagName.toLowerCase();
        const what = hit?.closest('header, .actions, [data-testid="osk"], [data-pinned-top]');
        return what === null || what === undefined
          ? name
          : `${name} in ${what.className || what.tagName.toLowerCase()}`;
      });
  });
  if (covered.length > 0) {
    problems.push(
      `covered at ${covered.length} of 5 points ${where} (by ${[...new Set(covered)].join(', ')})`,
    );
  }
  return problems;
}

/**
 * Polled until it holds: a focus change scrolls and the keyboard moves in, and on a busy machine
 * a single look can land mid-way. A layout that never gets there still fails, naming the screen.
 */
export async function expectInView(page: Page, screen: string, parts: Record<string, Locator>) {
  for (const [name, locator] of Object.entries(parts)) {
    await expect(locator, `${screen}: ${name}`).toBeVisible();
    await expect
      .poll(() => placement(page, locator), { message: `${screen}: ${name}` })
      .toEqual([]);
  }
}
