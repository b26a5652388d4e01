import { afterEach, describe, expect, it, vi } from 'vitest';
import { oneAtATime, refreshEvery } from './refresh';

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

describe('one refresh at a time', () => {
  it("runs an ask made meanwhile after the one in flight, as the supervisor's if any was", async () => {
    const runs: boolean[] = [];
    const pending: (() => void)[] = [];
    const refresh = oneAtATime(
      (auto) =>
        new Promise<void>((resolve) => {
          runs.push(auto);
          pending.push(resolve);
        }),
    );
    const first = refresh(true);
    // Meanwhile: the timer, then a click (Actualiser, Marquer comme vus), then the timer again.
    void refresh(true);
    void refresh(false);
    void refresh(true);
    expect(runs).toEqual([true]);
    pending.shift()!();
    await vi.waitFor(() => expect(runs).toEqual([true, false]));
    pending.shift()!();
    await first;
    // Three asks meanwhile, one run after: none dropped, none run twice.
    expect(runs).toEqual([true, false]);
  });
});
