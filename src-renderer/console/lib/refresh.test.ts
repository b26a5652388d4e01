import { afterEach, describe, expect, it, vi } from 'vitest';
import { refreshEvery } from './refresh';

/** A document whose tab can be hidden and shown again. */
class Tab extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

afterEach(() => vi.useRealTimers());

describe('a screen that refreshes itself', () => {
  it('asks at once, then every period while shown, at once when shown again, and stops', () => {
    vi.useFakeTimers();
    const tab = new Tab();
    let asked = 0;
    const stop = refreshEvery(10_000, () => (asked += 1), tab as unknown as Document);
    expect(asked).toBe(1);
    vi.advanceTimersByTime(20_000);
    expect(asked).toBe(3);
    // A background tab asks nothing: its session may end after its idle time.
    tab.set('hidden');
    vi.advanceTimersByTime(60_000);
    expect(asked).toBe(3);
    tab.set('visible');
    expect(asked).toBe(4);
    stop();
    vi.advanceTimersByTime(60_000);
    tab.set('visible');
    expect(asked).toBe(4);
  });
});
