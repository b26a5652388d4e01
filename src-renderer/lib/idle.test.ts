import { describe, expect, it, vi } from 'vitest';
import { IdleWatch } from './idle.svelte';

function watch() {
  let now = 0;
  const onExpire = vi.fn();
  const idle = new IdleWatch({
    timings: { warnAfterSeconds: 60, resetAfterSeconds: 90 },
    onExpire,
    now: () => now,
    setInterval: () => 1,
    clearInterval: () => {},
  });
  const at = (seconds: number) => {
    now = seconds * 1000;
    idle.tick();
  };
  return { idle, onExpire, at };
}

describe('IdleWatch', () => {
  it('does nothing until armed', () => {
    const { idle, onExpire, at } = watch();
    at(500);
    expect(idle.warning).toBe(false);
    expect(onExpire).not.toHaveBeenCalled();
  });

  it('asks after warnAfterSeconds, counts down, and expires at resetAfterSeconds', () => {
    const { idle, onExpire, at } = watch();
    idle.arm();
    at(59);
    expect(idle.secondsLeft).toBeNull();
    at(60);
    expect(idle.secondsLeft).toBe(30);
    at(80.5);
    expect(idle.secondsLeft).toBe(10);
    at(90);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(idle.armed).toBe(false);
    expect(idle.secondsLeft).toBeNull();
  });

  it('restarts the count on activity, but not once the question is shown', () => {
    const { idle, onExpire, at } = watch();
    idle.arm();
    at(50);
    idle.activity();
    at(110);
    expect(idle.secondsLeft).toBe(30);
    idle.activity(); // a touch behind the dialog is not an answer
    at(140);
    expect(onExpire).toHaveBeenCalled();
  });

  it('"still here" closes the question and starts again', () => {
    const { idle, onExpire, at } = watch();
    idle.arm();
    at(70);
    idle.stillHere();
    expect(idle.warning).toBe(false);
    at(129);
    expect(idle.warning).toBe(false);
    at(131);
    expect(idle.warning).toBe(true);
    expect(onExpire).not.toHaveBeenCalled();
  });
});
