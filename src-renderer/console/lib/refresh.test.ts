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
    const asked: boolean[] = [];
    const stop = refreshEvery(10_000, (auto) => asked.push(auto), tab as unknown as Document);
    expect(asked).toEqual([false]);
    vi.advanceTimersByTime(20_000);
    // The timer's asks are marked automatic: they do not keep the session alive.
    expect(asked).toEqual([false, true, true]);
    // A background tab asks nothing.
    tab.set('hidden');
    vi.advanceTimersByTime(60_000);
    expect(asked).toHaveLength(3);
    // Shown again: the supervisor is back, an ask of theirs.
    tab.set('visible');
    expect(asked).toEqual([false, true, true, false]);
    stop();
    vi.advanceTimersByTime(60_000);
    tab.set('visible');
    expect(asked).toHaveLength(4);
  });
});
