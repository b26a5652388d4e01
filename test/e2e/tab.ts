/**
 * One browser tab per Playwright worker, handed from test to test: a new browser context and page
 * for each test cost about a third of a second of both cores (a renderer process to start, the
 * kiosk's scripts compiled cold), in a suite of a hundred tests.
 *
 * Tests stay independent. Between two tests the tab goes to about:blank (the kiosk's page, its
 * timers and its event stream end there) and its cookies are cleared (the kiosk's session), and
 * the next test gets the project's viewport back. A test that leaves more behind than a page
 * gets a new context after it: one that installed a fake clock, added a listener, a route or an
 * init script, changed the emulated media, closed the page or failed (the tab's state is then
 * unknown). A spec that looks at the tab itself (history, cookies) asks for a new one with
 * `test.use({ freshTab: true })`.
 */
import type { Browser, Page, TestInfo, ViewportSize } from '@playwright/test';

/** Page methods whose effect outlives the document: after one of them the context is not reused. */
const LASTING = [
  'on',
  'once',
  'addListener',
  'prependListener',
  'route',
  'routeFromHAR',
  'routeWebSocket',
  'addInitScript',
  'exposeFunction',
  'exposeBinding',
  'emulateMedia',
  'setExtraHTTPHeaders',
] as const;

export class ReusedTab {
  #page: Page | null = null;
  #spoilt = false;

  constructor(private readonly browser: Browser) {}

  /** The tab for the next test: the worker's, else a new one (`fresh`, or the last was spoilt). */
  async open(viewport: ViewportSize | null, fresh: boolean): Promise<Page> {
    if (fresh || this.#spoilt) await this.close();
    if (this.#page) {
      if (viewport) await this.#page.setViewportSize(viewport);
    } else {
      const context = await this.browser.newContext({ viewport });
      this.#page = this.#watch(await context.newPage());
    }
    this.#spoilt = fresh;
    return this.#page;
  }

  /** After a test: the tab back to blank, or closed when the test left more than a page. */
  async release(testInfo: TestInfo): Promise<void> {
    const page = this.#page;
    if (!page) return;
    if (page.isClosed() || testInfo.status !== testInfo.expectedStatus) this.#spoilt = true;
    if (!this.#spoilt) {
      try {
        await page.goto('about:blank');
        await page.context().clearCookies();
      } catch {
        this.#spoilt = true;
      }
    }
    if (this.#spoilt) await this.close();
  }

  async close(): Promise<void> {
    const page = this.#page;
    this.#page = null;
    this.#spoilt = false;
    await page?.context().close();
  }

  /** Marks the tab spoilt when the test calls a LASTING method or any method of its clock. */
  #watch(page: Page): Page {
    const spoil = <T extends object>(target: T, names: readonly string[]) => {
      for (const name of names) {
        const method = (target as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        Object.defineProperty(target, name, {
          value: (...args: unknown[]) => {
            this.#spoilt = true;
            return (method as (...a: unknown[]) => unknown).apply(target, args);
          },
        });
      }
    };
    spoil(page, LASTING);
    const clock = page.clock;
    spoil(clock, methodNames(clock));
    return page;
  }
}

function methodNames(object: object): string[] {
  const prototype = Object.getPrototypeOf(object) as object;
  return Object.getOwnPropertyNames(prototype).filter(
    (name) =>
      name !== 'constructor' && typeof (prototype as Record<string, unknown>)[name] === 'function',
  );
}
