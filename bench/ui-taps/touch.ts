/**
 * A student's finger on the kiosk, counted. Every touch goes to something on the screen: a button,
 * a field, a key of the on-screen keyboard; never the page's own keyboard. Controls are found by
 * role and by their name in the renderer's own catalogs, so a moved or restyled button is still
 * found, and a renamed one is found after the catalogs change with it.
 */
import type { Locator, Page } from '@playwright/test';
import type { fr } from '../../src-renderer/i18n/fr';

export type Texts = Record<keyof typeof fr, string>;
export type TextKey = keyof typeof fr;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Polls `check` until it holds; the deadline only bounds a journey that is stuck. */
export async function until(check: () => Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Still waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class Finger {
  /** Every touch of this journey. */
  touches = 0;
  readonly #page: Page;
  readonly #t: Texts;

  constructor(page: Page, texts: Texts) {
    this.#page = page;
    this.#t = texts;
  }

  text(key: TextKey): string {
    const text = this.#t[key];
    if (text === undefined) throw new Error(`No text "${key}" in the catalog`);
    return text;
  }

  /** A button whose accessible name starts with the text (a home card adds its description). */
  button(key: TextKey): Locator {
    return this.#page
      .getByRole('button', { name: new RegExp(`^${escape(this.text(key))}`) })
      .first();
  }

  /** A field by its label (text, e-mail and password fields alike). */
  field(key: TextKey): Locator {
    return this.#page.getByLabel(this.text(key), { exact: true }).first();
  }

  /** One touch; a button that says it is busy is waited for first, as a student would. */
  async tap(target: Locator): Promise<void> {
    await target.waitFor({ state: 'visible' });
    await until(
      async () => (await target.getAttribute('aria-disabled')) !== 'true',
      'a busy control to be ready',
    );
    await target.click();
    this.touches += 1;
  }

  async press(key: TextKey): Promise<void> {
    await this.tap(this.button(key));
  }

  /** One long touch, held until `done` shows (the hidden staff entry). */
  async hold(target: Locator, done: Locator): Promise<void> {
    await target.hover();
    await this.#page.mouse.down();
    await done.waitFor({ state: 'visible' });
    await this.#page.mouse.up();
    this.touches += 1;
  }

  /** A choice in a list (<select>): one touch opens it, one picks the option. */
  async choose(select: Locator, label: string): Promise<void> {
    await this.tap(select);
    await select.selectOption({ label });
    this.touches += 1;
  }

  get #keyboard(): Locator {
    return this.#page.getByRole('region', { name: this.text('osk.label') });
  }

  /** Puts the finger in the field (a touch unless it has the focus) with the keyboard up. */
  async focus(field: Locator): Promise<void> {
    await field.waitFor({ state: 'visible' });
    if (!(await field.evaluate((el) => el === document.activeElement))) await this.tap(field);
    if (!(await this.#keyboard.isVisible())) await this.press('osk.show');
    await this.#keyboard.waitFor({ state: 'visible' });
  }

  /** The keys on the keyboard now that type something, and the names of all those enabled. */
  async #keys(): Promise<{ typing: string[]; visible: string[] }> {
    const names = await this.#keyboard
      .getByRole('button')
      .evaluateAll((keys) =>
        keys
          .filter((key) => !(key as HTMLButtonElement).disabled)
          .map((key) => key.getAttribute('aria-label') ?? key.textContent?.trim() ?? ''),
      );
    const controls = new Set(
      (Object.keys(this.#t) as TextKey[])
        .filter((key) => key.startsWith('osk.'))
        .map((key) => this.#t[key]),
    );
    return { typing: names.filter((name) => name !== '' && !controls.has(name)), visible: names };
  }

  async #key(name: string): Promise<void> {
    await this.tap(this.#keyboard.getByRole('button', { name, exact: true }).first());
  }

  /**
   * Types on the on-screen keyboard as a student does: the longest key that types what comes
   * next (a domain key types "@gmail.com" at once), else Shift for a capital, else the other
   * layer of keys (symbols, letters), and so on until the character shows.
   */
  async type(field: Locator, text: string): Promise<void> {
    await this.focus(field);
    let rest = text;
    let detours = 0;
    while (rest.length > 0) {
      const { typing, visible } = await this.#keys();
      const key = typing
        .filter((name) => rest.startsWith(name))
        .sort((a, b) => b.length - a.length)[0];
      if (key !== undefined) {
        await this.#key(key);
        rest = rest.slice(key.length);
        detours = 0;
        continue;
      }
      const next = rest[0]!;
      const shift = this.text('osk.shift');
      const otherCase = next === next.toUpperCase() ? next.toLowerCase() : next.toUpperCase();
      if (otherCase !== next && typing.includes(otherCase) && visible.includes(shift)) {
        await this.#key(shift);
      } else {
        const toggle = [this.text('osk.symbols'), this.text('osk.letters')].find((name) =>
          visible.includes(name),
        );
        if (toggle === undefined || detours > 3) throw new Error(`No key types "${next}"`);
        await this.#key(toggle);
      }
      detours += 1;
    }
    await until(
      async () => (await field.inputValue()) === text,
      `the field to hold what was typed ("${text}")`,
      5_000,
    );
  }

  async #visibleControls(): Promise<string[]> {
    return this.#keyboard
      .getByRole('button')
      .evaluateAll((keys) =>
        keys.map((key) => key.getAttribute('aria-label') ?? key.textContent?.trim() ?? ''),
      );
  }

  /**
   * Empties a pre-filled field: one touch on a key that clears the whole field when the
   * keyboard has one (a catalog text "osk.clear…"), else one "Effacer" per character.
   */
  async clear(field: Locator): Promise<void> {
    await this.focus(field);
    await field.evaluate((el: HTMLInputElement) => {
      // The finger lands after the last character, as on a field tapped at its end (an
      // type="email" field has no caret to set: there the keyboard deletes from the end anyway).
      try {
        el.setSelectionRange(el.value.length, el.value.length);
      } catch {
        /* no selection on this kind of field */
      }
    });
    const clearAll = (Object.keys(this.#t) as TextKey[])
      .filter((key) => /^osk\.clear/i.test(key))
      .map((key) => this.#t[key]);
    const visible = await this.#visibleControls();
    const key = clearAll.find((name) => visible.includes(name));
    if (key !== undefined) await this.#key(key);
    for (let left = (await field.inputValue()).length; left > 0; left -= 1) {
      await this.#key(this.text('osk.backspace'));
    }
    await until(async () => (await field.inputValue()) === '', 'the field to be empty', 5_000);
  }
}
